import type { DaemonFile } from '../config/desired.js';
import { plannedFill } from '../config/daemon-file-writer.js';
import { LIFECYCLE_DEFAULTS } from '../config/lifecycle.js';
import type { JsonValue } from '../lib/json-value.js';
import type { DaemonConfigAction } from './types.js';
import { relativeToTown } from './source-label.js';

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * One `write` per patrol entry EnsureLifecycleDefaults would fill; all nine when the file does not exist. Each carries
 * the file's content hash, so apply writes only into the file this plan was made from.
 */
export function planDaemonConfig(townRoot: string, file: DaemonFile): DaemonConfigAction[] {
  const { fileSha256, patrols } = plannedFill(file);
  const existing = asObject(file.raw.patrols);
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
