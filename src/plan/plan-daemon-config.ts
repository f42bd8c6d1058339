import { isDeepStrictEqual } from 'node:util';
import { daemonFileSha256 } from '../config/daemon-file.js';
import type { DaemonFile } from '../config/desired.js';
import { plannedFill, type PlannedDaemonWrite } from '../config/daemon-file-writer.js';
import { LIFECYCLE_DEFAULTS } from '../config/lifecycle.js';
import { isJsonObject, type JsonValue } from '../lib/json-value.js';
import type { DaemonConfigAction, DaemonConfigFillAction, DaemonConfigSettingAction } from './types.js';
import { relativeToTown } from './source-label.js';

/**
 * One `write` per patrol entry EnsureLifecycleDefaults would fill; all nine when the file does not exist. Each carries
 * the file's content hash, so apply writes only into the file this plan was made from.
 */
export function planDaemonConfig(townRoot: string, file: DaemonFile): DaemonConfigFillAction[] {
  const { fileSha256, patrols } = plannedFill(file);
  const existing = isJsonObject(file.raw.patrols) ? file.raw.patrols : {};
  const path = relativeToTown(townRoot, file.path);
  return patrols.map((key) => ({
    kind: 'daemon-config',
    id: `daemon-config/patrols.${key}`,
    verb: 'write',
    code: file.exists ? 'patrol-missing' : 'daemon-config-missing',
    patrol: key,
    fileSha256,
    before: null,
    after: (structuredClone(LIFECYCLE_DEFAULTS[key]) ?? null) as JsonValue, // daemon.json's content: parsed JSON
    reason: file.exists
      ? `patrols.${key} is ${key in existing ? 'null' : 'missing'} in ${path}; EnsureLifecycleDefaults fills in Gas Town's default`
      : `${path} does not exist: apply creates it with Gas Town's lifecycle defaults, patrols.${key} among them`,
    destructive: false,
    needsRestart: false,
  }));
}

/** A daemon.json setting a planner needs, and why. */
export interface WantedSetting {
  path: string[];
  value: JsonValue;
  code: DaemonConfigSettingAction['code'];
  reason: string;
}

/** The value at `path` in daemon.json's content; undefined when a key on the way is missing or not an object. */
function valueAt(raw: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = raw;
  for (const key of path) {
    if (!isJsonObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * The action that sets one daemon.json setting to the value a planner needs; null when it has that value. Like the
 * fill, it carries the file's content hash: apply edits only the file this plan was made from.
 */
export function planDaemonSetting(file: DaemonFile, wanted: WantedSetting): DaemonConfigSettingAction | null {
  const current = valueAt(file.raw, wanted.path);
  if (isDeepStrictEqual(current, wanted.value)) return null;
  return {
    kind: 'daemon-config',
    id: `daemon-config/${wanted.path.join('.')}`,
    verb: current === undefined ? 'create' : 'update',
    code: wanted.code,
    path: wanted.path,
    fileSha256: daemonFileSha256(file.text),
    before: (current ?? null) as JsonValue,
    after: wanted.value,
    reason: wanted.reason,
    destructive: false,
    needsRestart: false,
  };
}

/** The one write a plan's daemon-config actions make together (they all carry the hash of the same file). */
export function plannedDaemonWrite(actions: readonly DaemonConfigAction[]): PlannedDaemonWrite {
  return {
    fileSha256: actions[0]?.fileSha256 ?? null,
    patrols: actions.flatMap((action) => (action.verb === 'write' ? [action.patrol] : [])),
    settings: actions.flatMap((action) => (action.verb === 'write' ? [] : [{ path: action.path, value: action.after }])),
  };
}
