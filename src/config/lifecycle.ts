import { isJsonObject } from '../lib/json-value.js';

/**
 * Gas Town's EnsureLifecycleDefaults: the nine lifecycle patrol entries,
 * filled only where the key is missing or null. An existing entry, even `{}` or `{"enabled": false}`, is never
 * touched.
 */

export const LIFECYCLE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  handler: { enabled: true },
  dolt_backup: { enabled: true, interval: '15m' },
  jsonl_git_backup: { enabled: true, interval: '15m', scrub: true },
  wisp_reaper: { enabled: true, interval: '30m', max_age: '24h', delete_age: '168h' },
  doctor_dog: { enabled: true, interval: '5m' },
  compactor_dog: { enabled: true, interval: '24h', threshold: 2000 },
  checkpoint_dog: { enabled: true, interval: '10m' },
  scheduled_maintenance: { enabled: true, window: '03:00', interval: 'daily', threshold: 1000 },
  main_branch_test: { enabled: true, interval: '30m', timeout: '10m' },
};

export interface LifecycleFill {
  /** The daemon.json content with the defaults filled in (unknown keys and key order kept). */
  content: Record<string, unknown>;
  /** Patrol keys that were filled, in LIFECYCLE_DEFAULTS order. */
  filled: string[];
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Pure: never mutates `raw`. */
export function ensureLifecycleDefaults(raw: Readonly<Record<string, unknown>>): LifecycleFill {
  const content = clone(raw) as Record<string, unknown>;
  const patrols = isJsonObject(content.patrols) ? content.patrols : {};
  const filled: string[] = [];
  for (const [key, value] of Object.entries(LIFECYCLE_DEFAULTS)) {
    if (patrols[key] === undefined || patrols[key] === null) {
      patrols[key] = clone(value);
      filled.push(key);
    }
  }
  content.patrols = patrols;
  return { content, filled };
}

/** Gas Town's DefaultLifecycleConfig: what a missing daemon.json becomes. */
export function defaultDaemonConfig(): Record<string, unknown> {
  return { type: 'daemon-patrol-config', version: 1, patrols: clone(LIFECYCLE_DEFAULTS) };
}
