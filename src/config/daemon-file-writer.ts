import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { daemonFileSha256, readDaemonFile } from './daemon-file.js';
import type { DaemonFile } from './desired.js';
import { ConfigError, hasErrors } from './diagnostics.js';
import { detectFormatting, setFormatted } from './json-text-edit.js';
import { defaultDaemonConfig, ensureLifecycleDefaults, LIFECYCLE_DEFAULTS } from './lifecycle.js';
import { isJsonObject, type JsonValue } from '../lib/json-value.js';

/** What a reviewed plan says the lifecycle write does: the file it was made from, and the patrol keys it fills. */
export interface PlannedFill {
  /** daemonFileSha256 of the file as planned; null: there was no file. */
  fileSha256: string | null;
  patrols: readonly string[];
}

/** One setting a plan writes into daemon.json: the value at a path of keys (`patrols`, `dolt_server`, `enabled`). */
export interface DaemonSetting {
  path: readonly string[];
  value: JsonValue;
}

/** The whole daemon.json step of a plan: the lifecycle fill and the settings, written together as one edit. */
export interface PlannedDaemonWrite extends PlannedFill {
  settings: readonly DaemonSetting[];
}

/** What the write did: the patrol keys filled and the settings set (dotted paths). */
export interface DaemonWriteResult {
  filled: string[];
  set: string[];
}

/** The fill a plan lists for daemon.json as read. */
export function plannedFill(file: Pick<DaemonFile, 'raw' | 'text'>): PlannedFill {
  return { fileSha256: daemonFileSha256(file.text), patrols: ensureLifecycleDefaults(file.raw).filled };
}

const dotted = (path: readonly string[]): string => path.join('.');

/** `patrols.wisp_reaper, patrols.dolt_server.enabled`: what a planned write touches. */
function plannedKeys(planned: PlannedDaemonWrite): string {
  return [...planned.patrols.map((key) => `patrols.${key}`), ...planned.settings.map((setting) => dotted(setting.path))].join(', ');
}

/**
 * A plan's daemon.json step on disk, exactly as planned: EnsureLifecycleDefaults fills the patrol entries the plan
 * lists, then each planned setting is set. It edits the file's text, so formatting, key order and unknown keys stay
 * byte-identical, and writes once, atomically, keeping the file mode. Nothing planned: nothing written (content and
 * mtime stay). A missing file becomes Gas Town's default file (plus the settings). The file is re-read first and left
 * alone when it no longer parses or breaks the schema (ConfigError), or when its content is not the one the plan was
 * made from (an operator's or Gas Town's edit since: the reviewed plan no longer describes the write).
 */
export function writeDaemonConfig(path: string, planned: PlannedDaemonWrite): DaemonWriteResult {
  const current = readDaemonFile(path);
  if (hasErrors(current.diagnostics)) throw new ConfigError(current.diagnostics);
  if (daemonFileSha256(current.file.text) !== planned.fileSha256) {
    throw new Error(
      `${path} ${planned.fileSha256 === null ? 'was created' : current.file.text === null ? 'was removed' : 'was edited'} after the plan was made, so the planned write of ${plannedKeys(planned)} may no longer be right; nothing was written — run gt diff or gt apply again to plan from the file as it is now`,
    );
  }
  const edit = daemonConfigText(current.file, planned);
  if (edit === null) return { filled: [], set: [] };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, edit.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new DaemonFileNotWritableError(path, plannedKeys(planned), code);
    throw error;
  }
  return { filled: edit.filled, set: edit.set };
}

/**
 * daemon.json's directory refuses writes (a read-only mount, a permission). Nothing else gt converges depends on what
 * this step writes, so apply goes on with the server and the databases and reports this one step as failed.
 */
export class DaemonFileNotWritableError extends Error {
  constructor(path: string, keys: string, code: string) {
    super(
      `${dirname(path)} is not writable (${code}), so gt could not write ${keys} to ${path}; ` +
        'write them by hand (gt diff -o json shows the values) or make the directory writable',
    );
  }
}

/**
 * The text writeDaemonConfig writes for a daemon.json of this content, with the keys it fills and the settings it
 * sets; null when nothing is to be written. Pure: the daemon uses it to know its own write when the watcher reports
 * it. The fill must be the planned one (the file is the planned one, so anything else is gt's own error).
 */
export function daemonConfigText(
  file: Pick<DaemonFile, 'path' | 'raw' | 'text'>,
  planned: Pick<PlannedDaemonWrite, 'patrols' | 'settings'>,
): { text: string; filled: string[]; set: string[] } | null {
  const fill = lifecycleFill(file);
  if (fill.filled.join() !== planned.patrols.join()) {
    throw new Error(`internal error: the fill of ${file.path} (${fill.filled.join(', ')}) is not the planned one; the file was not written`);
  }
  if (fill.filled.length === 0 && planned.settings.length === 0) return null;
  let { text, content } = fill;
  const formatting = detectFormatting(text);
  for (const setting of planned.settings) {
    const edit = settingEdit(content, setting);
    text = setFormatted(text, edit.at, edit.value, formatting);
    content = withValueAt(content, edit.at, edit.value);
  }
  // compares parsed JSON on both sides: structuredClone'd objects can carry another realm's prototypes
  if (!isDeepStrictEqual(parseJsonValue(text), parseJsonValue(JSON.stringify(content)))) {
    throw new Error(`internal error: editing ${file.path} did not produce the expected content; the file was not written`);
  }
  return { text, filled: fill.filled, set: planned.settings.map((setting) => dotted(setting.path)) };
}

/** EnsureLifecycleDefaults as a text edit: the text and content with the missing patrol entries filled. */
function lifecycleFill(file: Pick<DaemonFile, 'raw' | 'text'>): { text: string; content: Record<string, unknown>; filled: string[] } {
  if (file.text === null) {
    const content = defaultDaemonConfig();
    return { text: `${JSON.stringify(content, null, 2)}\n`, content, filled: Object.keys(LIFECYCLE_DEFAULTS) };
  }
  const { content, filled } = ensureLifecycleDefaults(file.raw);
  const formatting = detectFormatting(file.text);
  let text = file.text;
  const patrols = file.raw.patrols;
  if (filled.length === 0) return { text, content, filled };
  if (patrols === undefined || patrols === null) text = setFormatted(text, ['patrols'], content.patrols, formatting);
  else for (const key of filled) text = setFormatted(text, ['patrols', key], LIFECYCLE_DEFAULTS[key], formatting);
  return { text, content, filled };
}

/**
 * Where a setting's edit goes: at its path when every parent is an object; else at the first parent that is missing
 * or not an object (`"dolt_server": null`), which becomes an object holding the rest of the path.
 */
function settingEdit(content: Record<string, unknown>, setting: DaemonSetting): { at: string[]; value: JsonValue } {
  const { path, value } = setting;
  let node: Record<string, unknown> = content;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const child = node[path[depth] as string];
    if (!isJsonObject(child)) {
      const nested = path.slice(depth + 1).reduceRight<JsonValue>((inner, key) => ({ [key]: inner }), value);
      return { at: path.slice(0, depth + 1), value: nested };
    }
    node = child;
  }
  return { at: [...path], value };
}

/** A copy of `content` with `value` at `path` (whose parents are objects, or missing). */
function withValueAt(content: Record<string, unknown>, path: readonly string[], value: JsonValue): Record<string, unknown> {
  const [key, ...rest] = path as [string, ...string[]];
  const child = content[key];
  return { ...content, [key]: rest.length === 0 ? value : withValueAt(isJsonObject(child) ? child : {}, rest, value) };
}

/**
 * JSON.parse with -0 read as 0: the text edit keeps a `-0` the operator wrote (Go decodes it as 0, or -0 into a
 * float64, the same number), while JSON.stringify writes 0, and isDeepStrictEqual tells -0 from 0.
 */
function parseJsonValue(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value));
}
