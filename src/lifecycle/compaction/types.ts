import type { ConnectionSettings } from '../../lib/connect.js';

export type CompactionMode = 'flatten' | 'surgical';
export type GcMode = 'full' | 'plain' | 'none';

/**
 * The steps of one compaction, in the order they run. `build` makes the rewritten history on a work branch (main
 * untouched); `seam` (surgical only) is the first of surgical's two swaps; `swap` replaces main's head by one commit
 * on the marker, in a transaction; `cleanup` deletes the work branches.
 */
export const COMPACTION_STEPS = [
  'lock',
  'leftovers',
  'divergence',
  'restore-point',
  'pre-state',
  'build',
  'seam',
  'swap',
  'integrity',
  'cleanup',
  'gc',
  'release',
] as const;
export type CompactionStep = (typeof COMPACTION_STEPS)[number];

/** One database's compaction, as the caller asks for it. */
export interface CompactionRequest {
  /** The town's server (address and credentials); the engine opens one dedicated connection to it. */
  server: ConnectionSettings;
  townRoot: string;
  /** Dolt's data dir: the database's directory in it is what storage before and after measures. */
  dataDir: string;
  database: string;
  mode: CompactionMode;
  /** surgical: the newest commits of main's first-parent history kept as they are. */
  keepRecent: number;
  gc: GcMode;
  /** The remotes whose `main` must not hold commits main lacks (all the database's declared remotes). */
  remotes: readonly string[];
  /** Restore points older than this are pruned. */
  restorePointsKeepMs: number;
  /** The clock: names and ages of restore points. */
  now: () => Date;
  /** How the restore command in the outcome names gt (default `gt`). */
  invocation?: string;
  /** Called when a step has finished, before the next begins (progress output; fault tests stop the process here). */
  onStep?: (step: CompactionStep) => void | Promise<void>;
}

export interface StepTiming {
  step: CompactionStep;
  ms: number;
}

/** A remote whose history compaction checked. */
export interface RemoteDivergence {
  remote: string;
  /** `<remote>/main` after the fetch, or null when the remote has no main yet. */
  remoteHead: string | null;
  /**
   * The rewrite left main without the remote's commits (the remote still holds the old history): a later push must
   * be forced, and only over `remoteHead`, which is exactly what this rewrite replaced.
   */
  divergedByRewrite: boolean;
}

export type LeftoverKind = 'work-branch' | 'partial-restore-point' | 'expired-restore-point' | 'foreign-branch';

/** Something an earlier run left, and what this run did with it. */
export interface Leftover {
  kind: LeftoverKind;
  name: string;
  action: 'removed' | 'reported';
  detail: string;
}

/**
 * What this run did about an interrupted earlier one: `finished` its rewrite (main already held the rewritten
 * history, or surgical's first swap: the second swap, the checks, cleanup and gc were completed), or `cleaned` its
 * work branches (main was never touched).
 */
export type InterruptedRun = 'finished' | 'cleaned' | null;

export interface RestorePointRef {
  name: string;
  url: string;
  /** The SQL that restores it as a new database, and the gt command that does. */
  restoreSql: string;
  restoreCommand: string;
}

interface OutcomeBase {
  database: string;
  timings: StepTiming[];
  leftovers: Leftover[];
  interrupted: InterruptedRun;
}

/** Another session holds this database's compaction lock: nothing was done. */
export interface BusyOutcome extends OutcomeBase {
  status: 'busy';
  reason: string;
}

/** A precondition failed (a remote holds commits main lacks, main is not the default branch, …): nothing was rewritten. */
export interface BlockedOutcome extends OutcomeBase {
  status: 'blocked';
  reasons: { reason: string; fix: string }[];
}

/** History too short to compact: nothing was rewritten. */
export interface NothingToDoOutcome extends OutcomeBase {
  status: 'nothing-to-do';
  reason: string;
  commits: number;
}

export interface CompactedOutcome extends OutcomeBase {
  status: 'compacted';
  mode: CompactionMode;
  commits: { before: number; after: number };
  /** Bytes of the database's directory; `before` is null when a finished interrupted run had not recorded it. */
  storage: { before: number | null; after: number };
  restorePoint: RestorePointRef;
  /**
   * The marker commit. Flatten: main's history is the root, the marker, gt's commit holding the tables, and what was
   * committed since. Surgical: the root, the squash, the kept commits, the marker, gt's commit holding what was
   * committed while it ran, and what was committed since.
   */
  built: string;
  remotes: RemoteDivergence[];
  gc: GcMode;
}

/** The rewritten history failed its checks: it stays as it is, the restore point is kept, the caller exits 1. */
export interface IntegrityFailedOutcome extends OutcomeBase {
  status: 'integrity-failed';
  problems: string[];
  restorePoint: RestorePointRef;
}

/** A step failed with an error before anything on main changed (or after, with the restore point to go back to). */
export interface FailedOutcome extends OutcomeBase {
  status: 'failed';
  step: CompactionStep;
  error: string;
  /** Whether main held the flattened history when it failed. */
  mainRewritten: boolean;
  restorePoint: RestorePointRef | null;
}

export type CompactionOutcome = BusyOutcome | BlockedOutcome | NothingToDoOutcome | CompactedOutcome | IntegrityFailedOutcome | FailedOutcome;
