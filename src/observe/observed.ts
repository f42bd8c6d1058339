import type { ClusterRole, DaemonFile } from '../config/desired.js';
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
  /**
   * Commits or working changes that exist nowhere else, probed only for databases a plan may drop;
   * null when not probed.
   */
  unpushed: { commits: number; dirty: boolean; detail: string } | null;
}

export type ObservedServerConfig = { settings: ServerConfigSettings } | 'absent' | 'unparseable';

/** What seeding the server's own root from the root it had before brings over. */
export interface RootSeed {
  /** The root the server had before: the running server's, else the one gt's own environment gives Dolt. */
  from: string;
  /** The global config's keys copied over: all but the cluster role, epoch and server uuid, which are one server's. */
  settings: string[];
  /** It holds DoltHub credentials (`.dolt/creds/`), which the server's root links to rather than copies. */
  credentials: boolean;
}

/** The server's DOLT_ROOT_PATH: gt gives the server its own, inside the town. */
export interface ObservedServerRoot {
  /**
   * The root the running server has: its DOLT_ROOT_PATH, else its HOME (Dolt's fallback); null when no server of this
   * town runs, or its environment cannot be read.
   */
  running: string | null;
  /** The server's own root holds a global config already. */
  initialized: boolean;
  /** What its first start would seed it with; null once it is initialized (or when there is no root to seed from). */
  seed: RootSeed | null;
  /** The cluster role and epoch Dolt persisted in the server's own root; null before it ever ran in a cluster. */
  persistedRole: { role: ClusterRole; epoch: number } | null;
}

/** One database's replication to one peer, as the server reports it (dolt_cluster.dolt_cluster_status). */
export interface ObservedReplica {
  database: string;
  peer: string;
  /** Milliseconds since the peer last caught up, while a commit waits to replicate; 0 when caught up; null: never replicated. */
  lagMillis: number | null;
  lastUpdate: string | null;
  error: string | null;
}

/**
 * The server's cluster state, read only where the town declares replication. not-configured: the server runs
 * without a cluster: section (the restart that adds it is pending); unreadable: the query failed.
 */
export type ObservedCluster =
  | { state: 'observed'; role: string; epoch: number; replicas: ObservedReplica[] }
  | { state: 'not-configured' }
  | { state: 'unreadable'; reason: string };

/** A port the Town manifest declares for the server (metrics, remotesapi) that another process listens on. */
export interface PortConflict {
  /** The setting that declares it, e.g. spec.server.metrics.port. */
  setting: string;
  port: number;
  pid: number | null;
  command: string | null;
}

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
  /** The server's root: the one it runs with, and the state of its own. */
  serverRoot: ObservedServerRoot;
  /** null when the town declares no replication, or no server of this town answers. */
  cluster: ObservedCluster | null;
  /** Ports the server would need that another process holds: a start or restart would fail on them. */
  portConflicts: PortConflict[];
}
