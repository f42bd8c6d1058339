import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import type { ActionCounts } from '../apply/reconcile.js';
import type { ErrorClass, ErrorKind } from './classify-error.js';
import type { ResourceCondition } from './conditions.js';
import { readDaemonPid } from './pid-file.js';
import { townPaths } from '../lib/town-layout.js';

/** Does the live town match the config? Unknown: not known yet, or the config cannot be read. */
export type SyncState = 'InSync' | 'OutOfSync' | 'Unknown';

/**
 * Healthy: converged and the server answers. Progressing: a reconcile runs or a server restart waits for its
 * backoff delay. Degraded: something failed and is retried. Stalled: the daemon stopped trying (crash loop, invalid
 * config, imposter) until the config changes.
 */
export type HealthState = 'Healthy' | 'Progressing' | 'Degraded' | 'Stalled';

/** What started a reconcile: restart is a server restart whose backoff delay has passed. */
export type Trigger = 'startup' | 'file' | 'resync' | 'signal' | 'retry' | 'restart';

export interface LastReconcile {
  startedAt: string;
  durationMs: number;
  triggers: Trigger[];
  /** converged: nothing left to do; out-of-sync: changes remain (blocked or failed); error: it did not run through. */
  result: 'converged' | 'out-of-sync' | 'error';
  actions: ActionCounts;
}

export interface StatusError {
  at: string;
  class: ErrorClass;
  kind: ErrorKind;
  /** Secrets masked. Config errors list every diagnostic as `file:line:col: error CODE: message`. */
  message: string;
  /** Where a config error is. */
  locations: { file: string; line: number; column: number }[];
}

export interface DaemonStatus {
  version: 1;
  daemon: { pid: number; startedAt: string; townRoot: string; watching: string[]; stopped: boolean };
  updatedAt: string;
  sync: SyncState;
  health: HealthState;
  /** One line saying why the health is what it is. */
  message: string;
  /** Hash of the config files' contents the last reconcile read. */
  configHash: string | null;
  server: { state: string; pid: number | null; port: number; external: boolean; checkedAt: string } | null;
  supervision: { restartsInWindow: number; nextDelayMs: number; stalled: boolean; nextRestartAt: string | null };
  nextRetryAt: string | null;
  lastReconcile: LastReconcile | null;
  lastError: StatusError | null;
  resources: ResourceCondition[];
  unmanaged: string[];
}

/** Owner-only: it quotes error messages, masked by pattern, and a pattern can miss a secret. */
export function writeDaemonStatus(townRoot: string, status: DaemonStatus): void {
  const path = townPaths(townRoot).reconcilerStatus;
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) chmodSync(path, 0o600); // writeFileAtomic keeps an existing file's mode
  writeFileAtomic(path, `${JSON.stringify(status, null, 2)}\n`, 0o600);
}

export interface DaemonStatusReport {
  /** A daemon process for this town is alive (its pid file names a live `gt daemon run`). */
  running: boolean;
  pid: number | null;
  /** The last status the daemon wrote; null when none ever ran or the file is unreadable. */
  status: DaemonStatus | null;
}

/** For `gt status` and `gt daemon status`: whether the daemon runs and what it last reported. */
export function readDaemonStatus(townRoot: string): DaemonStatusReport {
  const pid = readDaemonPid(townRoot);
  let status: DaemonStatus | null = null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(townPaths(townRoot).reconcilerStatus, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && (parsed as { version?: unknown }).version === 1) {
      status = parsed as DaemonStatus;
    }
  } catch {
    // absent or torn by a writer that is not atomic: no status
  }
  return { running: pid !== null, pid, status };
}
