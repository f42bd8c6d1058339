import type { DaemonFile } from '../config/desired.js';
import type { ServerConfigSettings } from '../config/server-config-yaml.js';

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
  /** bd's `issue_prefix` in the database's `config` table; null until bd has initialized the database for beads. */
  beadsPrefix: string | null;
  /**
   * Commits or working changes that exist nowhere else, probed only for databases a plan may drop;
   * null when not probed.
   */
  unpushed: { commits: number; dirty: boolean; detail: string } | null;
}

/** Where gt finds bd: the path in GT_BD_BIN, else the first `bd` on PATH. */
export type BdSource = 'GT_BD_BIN' | 'PATH';

/** The bd executable, looked for only when a declared database is not initialized for beads. */
export type ObservedBd =
  /** Every declared database is initialized (or cannot be seen): gt did not look for bd. */
  | { state: 'not-checked' }
  | { state: 'found'; path: string; source: BdSource; version: string }
  /** No usable bd: `reason` says what gt found (no bd on PATH, GT_BD_BIN not executable, `bd version` failed). */
  | { state: 'unavailable'; source: BdSource; reason: string };

export type ObservedServerConfig = { settings: ServerConfigSettings } | 'absent' | 'unparseable';

export interface ObservedState {
  server: ObservedServer;
  /** `mayor/daemon.json` as it is on disk now (it is both a source of desired settings and a target of apply). */
  daemonConfig: DaemonFile;
  /** Databases served, from SQL; null when the server could not be queried. */
  databases: ObservedDatabase[] | null;
  /**
   * Why the served databases that lack bd's tables could not be told from those that have them (the server serves a
   * broken database); their beadsPrefix is then null but unknown. Null when they were read.
   */
  beadsUnreadable: string | null;
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
  bd: ObservedBd;
}
