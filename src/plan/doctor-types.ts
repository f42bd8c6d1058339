/** What `gt doctor` reports: its checks, and the plan of fixes `gt doctor --fix` executes. */

import type { DesiredState } from '../config/desired.js';
import type { DoctorObservation } from '../observe/doctor-observation.js';

export type CheckStatus = 'ok' | 'warning' | 'error' | 'skipped';
export type FindingLevel = 'info' | 'warning' | 'error';
export type CheckGroup = 'servers' | 'databases' | 'files' | 'growth';

export type CheckId =
  | 'town-server'
  | 'server-processes'
  | 'undeclared-databases'
  | 'unserved-databases'
  | 'test-databases'
  | 'port-files'
  | 'runtime-files'
  | 'interrupted-creates'
  | 'data-dir'
  | 'journals'
  | 'daemon-dir';

/** How a Dolt server relates to this town, decided by the directory it serves (never by its name or port alone). */
export type ServerClass = 'town' | 'duplicate' | 'rogue' | 'stale-snapshot' | 'foreign';

export type DetailValue = string | number | boolean | null | number[];

/** One thing a check found, good or bad, with its evidence. */
export interface Finding {
  level: FindingLevel;
  /** What it is about: `PID 4242`, a database, a file relative to the town. */
  subject: string;
  message: string;
  /** The evidence as data (e.g. a server's pid, class, ports, data dir), for scripts. */
  details: Record<string, DetailValue>;
}

export interface DoctorCheck {
  id: CheckId;
  group: CheckGroup;
  title: string;
  /** skipped: it could not be checked (the summary says why); it counts as ok for the exit code. */
  status: CheckStatus;
  summary: string;
  findings: Finding[];
  /** What fixes it: what `gt doctor --fix` does, or what to do by hand; null when there is nothing to fix. */
  fix: string | null;
}

interface FixBase {
  /** Stable: `process/4242`, `file/<path relative to the town>`, `directory/<database>`. */
  id: string;
  check: CheckId;
  reason: string;
}

/** SIGTERM to a server not the town's own (or the town's serving deleted data), after re-checking it is the same process. */
export interface StopServerFix extends FixBase {
  kind: 'stop-server';
  verb: 'stop';
  pid: number;
  class: Exclude<ServerClass, 'town' | 'foreign'>;
  /** Identity read when planned, compared again right before the signal: a pid reused since is never signalled. */
  startedAtMs: number;
  cwd: string;
  /** How long to wait for it to exit after SIGTERM. */
  graceMs: number;
  /** SIGKILL when it has not exited within graceMs (only with --force). */
  kill: boolean;
  /** It is the town's own server (stale-snapshot): its pid file is removed and its state marked stopped after. */
  townServer: boolean;
}

/** bd's or Gas Town's port file rewritten with the town's port (the decimal number alone, as bd writes it). */
export interface PortFileFix extends FixBase {
  kind: 'port-file';
  verb: 'write';
  path: string;
  before: number;
  after: number;
}

/** The `dolt_server_port` field of a metadata.json set to the town's port; every other byte stays. */
export interface MetadataPortFix extends FixBase {
  kind: 'metadata-port';
  verb: 'write';
  path: string;
  before: number;
  after: number;
}

/** A pid file naming a process that is gone (or another program's): removed, or pointed at the town's server. */
export interface PidFileFix extends FixBase {
  kind: 'pid-file';
  verb: 'remove' | 'write';
  path: string;
  /** The pid the file names now (null: it names none); the file is changed only while it still does. */
  before: number | null;
  /** write: the pid of the town's running server. */
  after: number | null;
}

/** `daemon/dolt-state.json` saying a gone process runs: marked stopped, or pointed at the town's running server. */
export interface StateFileFix extends FixBase {
  kind: 'state-file';
  verb: 'write';
  path: string;
  before: number | null;
  /** null: `running: false, pid: 0`; else the town's running server's pid. */
  after: number | null;
}

/** A directory an interrupted CREATE DATABASE left, moved to `.dolt-data/.gt-incomplete/` (never deleted). */
export interface IncompleteDirectoryFix extends FixBase {
  kind: 'incomplete-directory';
  verb: 'move';
  database: string;
  dataDir: string;
}

export type DoctorFix = StopServerFix | PortFileFix | MetadataPortFix | PidFileFix | StateFileFix | IncompleteDirectoryFix;

/** A fix `gt doctor --fix` will not make under the current flags or conditions, and what would allow it. */
export interface BlockedFix {
  id: string;
  check: CheckId;
  reason: string;
  hint: string;
}

export interface FixPlan {
  actions: DoctorFix[];
  blocked: BlockedFix[];
}

/** A check and the fixes for what it found. */
export interface CheckOutcome {
  check: DoctorCheck;
  actions: DoctorFix[];
  blocked: BlockedFix[];
}

export interface DoctorOptions {
  /** Plan stopping duplicate, rogue and stale-snapshot servers (`--stop-servers`). */
  stopServers: boolean;
  /** SIGKILL a stopped server that outlives the grace period (`--force`). */
  force: boolean;
  graceMs: number;
  /** How the user runs gt (`gt`, `npx gt`, `node …/bin/gt.js`): the hints name it so (Gas Town's gt has the same name). */
  gt: string;
}

/** Sizes above which the growth checks warn. */
export interface GrowthThresholds {
  /** Free space on the data dir's filesystem below this fraction, or below minFreeBytes, is a warning. */
  minFreeFraction: number;
  minFreeBytes: number;
  /**
   * A journal above this is a warning. Dolt's automatic GC collects a journal once it passes 128 MB, so twice that
   * means GC is off or not keeping up; a server's start-up time also grows with the journals it replays.
   */
  journalBytes: number;
  /** The daemon directory (Gas Town's doctor dog warns at 500 MB: the server's log grows there). */
  daemonDirBytes: number;
}

/** What every check is decided from. */
export interface DoctorContext {
  desired: DesiredState;
  observation: DoctorObservation;
  options: DoctorOptions;
  thresholds: GrowthThresholds;
}

/** What became of one fix `gt doctor --fix` executed. */
export interface FixResult {
  fix: DoctorFix;
  status: 'done' | 'failed';
  /** What it did, or why it failed. */
  message: string;
  durationMs: number;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  plan: FixPlan;
  /** The worst status of the checks (skipped counts as ok). */
  status: 'ok' | 'warning' | 'error';
}
