import type { DaemonFile } from '../config/desired.js';
import type { ServerConfigSettings } from '../config/server-config-yaml.js';
import type { LifecycleRuns } from '../lib/lifecycle-state.js';

/** The server process as gt finds it. */
export type ObservedServer =
  | { state: 'stopped'; port: number; stalePid: number | null }
  | {
      state: 'running';
      /**
       * The address gt reached it at: the configured one, or the one it listens on when that differs (a new listen
       * host that waits for the restart that applies it).
       */
      host: string;
      port: number;
      pid: number | null;
      version: string;
      /** How gt knows this server serves this town's data dir (e.g. "--config matches"). */
      identity: string;
      startedAt: string | null;
    }
  /** This town's server process is alive but does not answer `SELECT 1` in time (hung or still starting). */
  | { state: 'unhealthy'; port: number; pid: number | null; reason: string }
  /** Something else holds the port: never mutated. */
  | { state: 'imposter'; port: number; pid: number | null; command: string | null; reason: string };

export interface ObservedRemote {
  name: string;
  url: string;
}

export interface ObservedIgnore {
  pattern: string;
  ignored: boolean;
}

export interface ObservedDatabase {
  name: string;
  remotes: ObservedRemote[];
  ignore: ObservedIgnore[];
  /**
   * Commits or working changes that exist nowhere else, probed only for databases a plan may drop;
   * null when not probed.
   */
  unpushed: { commits: number; dirty: boolean; detail: string } | null;
}

/** What decay would act on in one database, counted for the cutoffs it names (UTC `DATETIME` literals). */
export interface DecayCandidates {
  closeStaleBefore: string;
  deleteClosedBefore: string;
  /** Open wisps created before closeStaleBefore, no agent beads, with no open parent: to be closed. */
  staleOpen: number;
  /** Wisps closed before deleteClosedBefore: to be deleted. */
  closedExpired: number;
  /** Their label, comment and event rows and every dependency row from or to them: deleted with them. */
  related: number;
  /** The wisp tables the database has, `wisps` first. */
  tables: string[];
}

/** A database's history facts, observed only where its lifecycle work is due. */
export interface HistoryFacts {
  /** Commits on main (HEAD's commit_order); null when no compaction is due. */
  commits: number | null;
  /** null when no decay is due; 'no-wisps' when the database has no wisps table (it is not a beads database). */
  decay: DecayCandidates | 'no-wisps' | null;
}

/** What the lifecycle planner needs of the live town: its clock, its history facts, and when gt last worked on it. */
export interface ObservedLifecycle {
  /** When gt observed (UTC ISO): the planner's "now". */
  at: string;
  /** The local time of day then, in minutes after midnight (compaction windows are local). */
  localMinuteOfDay: number;
  /** By database: only those whose lifecycle work is due (by its interval) and that are served. */
  facts: Record<string, HistoryFacts>;
  /** Due databases whose facts moved but were left for a later run (gt counts a bounded number a run). */
  uncounted: string[];
  /** By database: when gt last ran decay and compaction there. */
  lastRuns: Record<string, LifecycleRuns>;
}

export type ObservedServerConfig = { settings: ServerConfigSettings } | 'absent' | 'unparseable';

export interface ObservedState {
  server: ObservedServer;
  /** `mayor/daemon.json` as it is on disk now (it is both a source of desired settings and a target of apply). */
  daemonConfig: DaemonFile;
  /** Databases served, from SQL; null when the server could not be queried. */
  databases: ObservedDatabase[] | null;
  /** Databases on disk (`<data_dir>/<name>/.dolt` complete), known even when the server is down. */
  onDisk: string[];
  /**
   * Directories an interrupted CREATE DATABASE left in the data dir (no complete `.dolt`): not databases, and they
   * block creating one of that name. Never in `onDisk` or `databases`.
   */
  incomplete: string[];
  /**
   * The managed config.yaml as it is on disk, parsed: its settings by dotted key (to detect settings that need a
   * restart), 'absent', or 'unparseable' (not YAML, or not a map).
   */
  serverConfig: ObservedServerConfig;
  /** null when no database's lifecycle asks gt to execute anything (then gt reads nothing for it). */
  lifecycle: ObservedLifecycle | null;
}
