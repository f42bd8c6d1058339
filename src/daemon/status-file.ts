import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Supervisor } from '../config/desired.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { maskUrlsInText } from '../lib/mask.js';
import type { ObservedServer } from '../observe/observed.js';
import type { ClassifiedError, ErrorClass, ErrorKind } from './classify-error.js';
import type { ResourceCondition } from './conditions.js';
import { summarizeHealth } from './health.js';
import type { DoctorStatus } from './doctor-runner.js';
import type { LastReconcile } from './loop-types.js';
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
  /** supervisor: who starts and restarts the server (gt's daemon only when it is 'gt'). */
  server: { state: string; pid: number | null; port: number; supervisor: Supervisor; checkedAt: string } | null;
  supervision: { restartsInWindow: number; nextDelayMs: number; stalled: boolean; nextRestartAt: string | null };
  nextRetryAt: string | null;
  lastReconcile: LastReconcile | null;
  lastError: StatusError | null;
  /** While the config does not load: when the server was (re)started with the last config that did; else null. */
  lastKnownGoodAt: string | null;
  resources: ResourceCondition[];
  unmanaged: string[];
  /** gt doctor's last run on Gas Town's doctor_dog interval; null before the first (or while it is not enabled and never ran). */
  doctor: DoctorStatus | null;
}

/** What the loop knows at one moment: the input of the status document. */
export interface LoopSnapshot {
  daemon: DaemonStatus['daemon'];
  reconciling: boolean;
  supervision: { restartsInWindow: number; nextDelayMs: number; stalled: boolean; nextRestartAt: number | null };
  /** A terminal error the daemon waits to see fixed. */
  terminal: ClassifiedError | null;
  nextRetryAt: number | null;
  /** Who supervises the server, as the last config that loaded says; null before one loaded. */
  supervisor: Supervisor | null;
  /** The server's last observation and when it was made; null before the first. */
  server: ObservedServer | null;
  serverCheckedAt: number | null;
  configHash: string | null;
  lastReconcile: LastReconcile | null;
  lastError: StatusError | null;
  lastKnownGoodAt: number | null;
  resources: readonly ResourceCondition[];
  unmanaged: readonly string[];
  doctor: DoctorStatus | null;
}

function isoOrNull(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

/** The status file's document for what the loop knows at `now`, with secrets masked. */
export function statusDocument(state: LoopSnapshot, now: number): DaemonStatus {
  const { supervision, server } = state;
  const summary = summarizeHealth({
    reconciling: state.reconciling,
    stalled: supervision.stalled,
    restartsInWindow: supervision.restartsInWindow,
    terminal: state.terminal,
    server,
    supervisedElsewhere: state.supervisor !== null && state.supervisor !== 'gt',
    nextRestartAt: supervision.nextRestartAt,
    nextRetryAt: state.nextRetryAt,
    lastReconcile: state.lastReconcile,
    lastKnownGoodAt: state.lastKnownGoodAt,
  });
  return {
    version: 1,
    daemon: state.daemon,
    updatedAt: new Date(now).toISOString(),
    ...summary,
    message: maskUrlsInText(summary.message),
    configHash: state.configHash,
    server:
      server === null || state.serverCheckedAt === null
        ? null
        : {
            state: server.state,
            pid: server.state === 'stopped' ? null : server.pid,
            port: server.port,
            supervisor: state.supervisor ?? 'gt',
            checkedAt: new Date(state.serverCheckedAt).toISOString(),
          },
    supervision: { ...supervision, nextRestartAt: isoOrNull(supervision.nextRestartAt) },
    nextRetryAt: isoOrNull(state.nextRetryAt),
    lastReconcile: state.lastReconcile,
    lastError: state.lastError,
    lastKnownGoodAt: isoOrNull(state.lastKnownGoodAt),
    resources: state.resources.map((resource) => ({ ...resource, message: maskUrlsInText(resource.message) })),
    unmanaged: [...state.unmanaged],
    doctor: state.doctor,
  };
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
