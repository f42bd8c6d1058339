import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { daemonFileSha256, readDaemonFile } from './daemon-file.js';
import type { DaemonFile } from './desired.js';
import { ConfigError, hasErrors } from './diagnostics.js';
import { detectFormatting, setFormatted } from './json-text-edit.js';
import { defaultDaemonConfig, ensureLifecycleDefaults, LIFECYCLE_DEFAULTS } from './lifecycle.js';

/** What a reviewed plan says the lifecycle write does: the file it was made from, and the patrol keys it fills. */
export interface PlannedFill {
  /** daemonFileSha256 of the file as planned; null: there was no file. */
  fileSha256: string | null;
  patrols: readonly string[];
}

/** The fill a plan lists for daemon.json as read. */
export function plannedFill(file: Pick<DaemonFile, 'raw' | 'text'>): PlannedFill {
  return { fileSha256: daemonFileSha256(file.text), patrols: ensureLifecycleDefaults(file.raw).filled };
}

/**
 * EnsureLifecycleDefaults on disk, exactly as planned: fills the patrol entries the plan lists and returns their keys.
 * It edits the file's text, so formatting, key order and unknown keys stay byte-identical, and writes atomically
 * keeping the file mode. Nothing planned: nothing written (content and mtime stay). A missing file becomes Gas Town's
 * default file. The file is re-read first and left alone when it no longer parses or breaks the schema (ConfigError),
 * or when its content is not the one the plan was made from (an operator's or Gas Town's edit since: the reviewed
 * plan no longer describes the write).
 */
export function writeLifecycleDefaults(path: string, planned: PlannedFill): string[] {
  const current = readDaemonFile(path);
  if (hasErrors(current.diagnostics)) throw new ConfigError(current.diagnostics);
  if (daemonFileSha256(current.file.text) !== planned.fileSha256) {
    throw new Error(
      `${path} ${planned.fileSha256 === null ? 'was created' : current.file.text === null ? 'was removed' : 'was edited'} after the plan was made, so the planned fill of ${planned.patrols.map((key) => `patrols.${key}`).join(', ')} may no longer be right; nothing was written — run gt diff or gt apply again to plan from the file as it is now`,
    );
  }
  const fill = lifecycleDefaultsText(current.file);
  const filled = fill?.filled ?? [];
  if (filled.join() !== planned.patrols.join()) {
    throw new Error(`internal error: the fill of ${path} (${filled.join(', ')}) is not the planned one; the file was not written`);
  }
  if (fill === null) return [];
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, fill.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new DaemonFileNotWritableError(path, fill.filled, code);
    throw error;
  }
  return fill.filled;
}

/**
 * daemon.json's directory refuses writes (a read-only mount, a permission). Nothing else gt converges depends on the
 * lifecycle entries, so apply goes on with the server and the databases and reports this one step as failed.
 */
export class DaemonFileNotWritableError extends Error {
  constructor(path: string, patrols: readonly string[], code: string) {
    const entries = patrols.map((key) => `patrols.${key}`).join(', ');
    super(
      `${dirname(path)} is not writable (${code}), so gt could not add ${entries} to ${path}; ` +
        `add ${patrols.length === 1 ? 'it' : 'them'} by hand (gt diff -o json shows Gas Town's defaults) or make the directory writable`,
    );
  }
}

/**
 * The text writeLifecycleDefaults writes for a daemon.json of this content, and the keys it fills; null when nothing
 * is missing. Pure: the daemon uses it to know its own write when the watcher reports it.
 */
export function lifecycleDefaultsText(file: Pick<DaemonFile, 'path' | 'raw' | 'text'>): { text: string; filled: string[] } | null {
  if (file.text === null) return { text: `${JSON.stringify(defaultDaemonConfig(), null, 2)}\n`, filled: Object.keys(LIFECYCLE_DEFAULTS) };
  const { content, filled } = ensureLifecycleDefaults(file.raw);
  if (filled.length === 0) return null;
  const formatting = detectFormatting(file.text);
  let text = file.text;
  const patrols = file.raw.patrols;
  if (patrols === undefined || patrols === null) text = setFormatted(text, ['patrols'], content.patrols, formatting);
  else for (const key of filled) text = setFormatted(text, ['patrols', key], LIFECYCLE_DEFAULTS[key], formatting);
  // compares parsed JSON on both sides: structuredClone'd objects can carry another realm's prototypes
  if (!isDeepStrictEqual(parseJsonValue(text), parseJsonValue(JSON.stringify(content)))) {
    throw new Error(
      `internal error: editing ${file.path} did not produce the expected content; the file was not written`,
    );
  }
  return { text, filled };
}

/**
 * JSON.parse with -0 read as 0: the text edit keeps a `-0` the operator wrote (Go decodes it as 0, or -0 into a
 * float64, the same number), while JSON.stringify writes 0, and isDeepStrictEqual tells -0 from 0.
 */
function parseJsonValue(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (Object.is(value, -0) ? 0 : value));
}
