import type { ClusterRole, DaemonFile } from '../config/desired.js';
import type { ServerConfigSettings } from '../config/server-config-yaml.js';
import type { CompactionDivergences } from '../lib/compaction-divergence.js';
import type { LifecycleRuns } from '../lib/lifecycle-state.js';
import type { DatabaseSyncRuns } from '../lib/sync-state.js';
import type { JsonObject } from '../lib/json-value.js';
import type { ArchiveFacts } from './ledger-archive.js';
import type { TableChange } from './ledger-diff.js';

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

/**
 * Where a remote's main stands against the database's main, as the remote-tracking ref `remotes/<remote>/main` says
 * (what gt last pushed or fetched; `--refresh` fetches first). Counts are of commits in a linear history (Gas Town's
 * agents commit straight to main); across merges they count generations.
 */
export type RemotePosition =
  | { state: 'even'; remoteHead: string }
  | { state: 'ahead'; ahead: number; remoteHead: string }
  /** The remote has commits main lacks and main none the remote lacks. */
  | { state: 'behind'; behind: number; remoteHead: string }
  /** Each has commits the other lacks (e.g. after a flatten): only a forced push brings the remote to main. */
  | { state: 'diverged'; remoteHead: string }
  /** No remote-tracking ref: gt never pushed to or fetched from it; main has `commits` commits. */
  | { state: 'untracked'; commits: number };

/** What sync needs of one database: main's head, where each pushed remote stands, its backups. */
export interface ObservedDatabaseSync {
  /** main's head commit; null when the database has no main branch (then nothing is pushed). */
  main: string | null;
  /** By remote name: every remote the manifest pushes that the database has. */
  positions: Record<string, RemotePosition>;
  /** dolt_backups (name, url); null when the manifest does not declare backups (not read). */
  backups: ObservedRemote[] | null;
  /** Gas Town's `.no-sync` marker is in the database's directory: pushed only when asked for by name. */
  noSync: boolean;
}

/** What the sync planner needs of the live town: its clock, each database's positions, and gt's own records. */
export interface ObservedSync {
  /** When gt observed (UTC ISO): the planner's "now". */
  at: string;
  /** By database: the served ones that declare pushed remotes or backups. */
  databases: Record<string, ObservedDatabaseSync>;
  /** By database: when each push and backup sync last succeeded. */
  lastSuccess: Record<string, DatabaseSyncRuns>;
  /** Divergences gt's own compaction recorded (a push may overwrite those remotes). */
  divergences: CompactionDivergences;
  /** Whether the remotes were fetched before (--refresh); the fetches that failed, masked, as notes. */
  refreshed: boolean;
  fetchFailures: string[];
}

/** One table's export compared with the archive's HEAD. */
export interface LedgerTableFacts extends TableChange {
  table: string;
  /** Relative to the archive's root: `<db>/<table>.jsonl`. */
  path: string;
}

/** A database due for export whose archive files may differ from its data. */
export type LedgerDatabaseFacts =
  /** Read AS OF `hash` and compared with the archive's HEAD. */
  | { state: 'read'; hash: string; tables: LedgerTableFacts[] }
  /** Its files in the archive have uncommitted changes: gt does not read or write it until they are committed or reverted. */
  | { state: 'uncommitted'; hash: string; paths: string[] }
  /** Its export failed (no branch main, a table missing or unreadable): nothing is written for it. */
  | { state: 'failed'; hash: string | null; reason: string };

/** The ledger plane as gt finds it, observed only when gt exports it (executor gt, spec.ledger declared). */
export interface ObservedLedger {
  /** Not read when no database is due and no push is pending (the cheap, usual case). */
  archive: ArchiveFacts | { state: 'not-read' };
  /** Due databases whose export may change the archive; a database the archive holds as of its current hash is not listed. */
  databases: Record<string, LedgerDatabaseFacts>;
  /** The last push failed: the archive has commits its remote lacks. */
  pushPending: boolean;
  /** Pushes that failed in a row. */
  pushFailures: number;
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

/** A JSON file of Gas Town's as gt found it. */
export interface ObservedJsonFile {
  /** Relative to the town root, as plans show it. */
  path: string;
  /** Its content, an object (observation refuses any other shape); null when the file does not exist. */
  content: JsonObject | null;
}

/** A line of `.beads/routes.jsonl`. */
export interface ObservedRoute {
  prefix: string;
  path: string;
}

export interface ObservedRoutes {
  /** Relative to the town root. */
  path: string;
  exists: boolean;
  /** Every route line, in file order (blank and comment lines left out). */
  routes: ObservedRoute[];
}

/** An existing bd port file and the port it names. */
export interface ObservedPortFile {
  /** Relative to the town root. */
  path: string;
  port: number;
}

/** What gt converges of a rig's own files. */
export interface ObservedRigFiles {
  /** `<rig>/config.json`; null when not read (a rig only mayor/rigs.json knows: gt converges only its port there). */
  config: ObservedJsonFile | null;
  /** The beads directory Gas Town uses: the mayor's clone's when it exists, else the rig's own (relative). */
  beadsDir: string;
  /** Whether that is the mayor's clone's (`<rig>/mayor/rig/.beads`), which also moves the rig's route. */
  mayorClone: boolean;
  /** metadata.json in that beads directory. */
  metadata: ObservedJsonFile;
  /** bd's port files in the rig's beads directories, the existing ones. */
  portFiles: ObservedPortFile[];
}

/**
 * `daemon/dolt-state.json`: its content; absent; unreadable (not a JSON object: the next server start rewrites it); or
 * not observed (an external server, whose supervisor keeps it).
 */
export type ObservedServerState = { content: JsonObject } | 'absent' | 'unreadable' | 'not-observed';

/** Gas Town's registry and beads files, as far as gt converges them. */
export interface ObservedTownFiles {
  town: ObservedJsonFile;
  rigs: ObservedJsonFile;
  hqMetadata: ObservedJsonFile;
  routes: ObservedRoutes;
  /** The existing port files outside rigs (the town's beads directory, the data dir's, the daemon directory). */
  portFiles: ObservedPortFile[];
  /** By rig name: every rig a manifest declares present, and every other rig mayor/rigs.json lists. */
  rigFiles: Record<string, ObservedRigFiles>;
  serverState: ObservedServerState;
}

export interface ObservedState {
  /** When the town was observed (ISO 8601): the time a plan records as a new file's creation time. */
  observedAt: string;
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
  /** The server's root: the one it runs with, and the state of its own. */
  serverRoot: ObservedServerRoot;
  /** null when the town declares no replication, or no server of this town answers. */
  cluster: ObservedCluster | null;
  /** Ports the server would need that another process holds: a start or restart would fail on them. */
  portConflicts: PortConflict[];
  /** null when no database's lifecycle asks gt to execute anything (then gt reads nothing for it). */
  lifecycle: ObservedLifecycle | null;
  /** null when no served database declares a pushed remote or backups (then gt reads nothing for it). */
  sync: ObservedSync | null;
  /** Gas Town's files; null when not read (`gt dolt start` acts on the server alone, whatever those files hold). */
  townFiles: ObservedTownFiles | null;
  bd: ObservedBd;
  /** null when gt does not export the ledger (none declared, or Gas Town's patrol exports it). */
  ledger: ObservedLedger | null;
}
