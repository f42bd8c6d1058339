import type { SourceLocation } from '../lib/location.js';

/** A value of the effective server config together with the source that won (for `gt diff --explain`). */
export interface Resolved<T> {
  value: T;
  /** Human-readable source, e.g. "mayor/daemon.json env.GT_DOLT_PORT", "env GT_DOLT_HOST", "default". */
  source: string;
}

/** Restart supervision parameters (Gas Town's `DoltServerConfig`), in ms. */
export interface Supervision {
  restartDelayMs: number;
  maxRestartDelayMs: number;
  restartWindowMs: number;
  maxRestartsInWindow: number;
  healthyResetMs: number;
  healthCheckIntervalMs: number;
}

/**
 * Who starts, restarts and configures the town's Dolt server (and writes its config.yaml): gt's apply and daemon,
 * Gas Town's daemon (`patrols.dolt_server.enabled`), or nobody in this town (`patrols.dolt_server.external`).
 */
export type Supervisor = 'gt' | 'gastown' | 'external';

/**
 * The effective settings of the town's Dolt SQL server that daemon.json and the town's runtime files decide, each with
 * its provenance: enough to find and observe the server before the manifests are read.
 */
export interface ServerEndpointSettings {
  port: Resolved<number>;
  /** Address the server listens on and clients dial; 127.0.0.1 unless configured. */
  host: Resolved<string>;
  user: Resolved<string>;
  /** Secret: never printed unmasked. */
  password: Resolved<string>;
  /** Absolute path of the data dir (`<town>/.dolt-data`). */
  dataDir: Resolved<string>;
  /**
   * The server's own DOLT_ROOT_PATH (`<town>/.dolt-root`): its global config, where cluster replication keeps this
   * server's role and epoch, so no other Dolt on the machine may share it.
   */
  rootPath: Resolved<string>;
  /** Absolute path of the server log (`<town>/daemon/dolt.log`). */
  logFile: Resolved<string>;
  logLevel: Resolved<string>;
  maxConnections: Resolved<number>;
  readTimeoutMillis: Resolved<number>;
  writeTimeoutMillis: Resolved<number>;
  waitTimeoutSeconds: Resolved<number>;
  /** external: nobody in this town starts or stops the server; gt observes it with a health probe only. */
  external: Resolved<boolean>;
  supervision: Supervision;
}

/** Where a Prometheus endpoint listens. */
export interface MetricsListener {
  host: string;
  port: number;
}

/** Another server of the cluster, as the Town manifest names it. */
export interface ClusterPeer {
  /** Dolt names the remote it adds to every database after it. */
  name: string;
  /** Its cluster remotesapi, `http://HOST:PORT` (where this server replicates to when primary). */
  remotesapi: string;
  /** Its SQL server, for a failover to it; null when not declared. */
  sql: { host: string; port: number } | null;
}

export type ClusterRole = 'primary' | 'standby';

/** Dolt's direct-to-standby cluster replication, as the Town manifest declares it (spec.replication). */
export interface ClusterSettings {
  /** The role the server takes the first time it starts; Dolt keeps the role it has from then on. */
  bootstrapRole: ClusterRole;
  /** Where this server accepts replication from its peers. */
  remotesapi: { host: string; port: number };
  peers: ClusterPeer[];
  /** Where spec.replication is declared (`mayor/rigs.d/town.yaml:12:3`), for the reasons a plan gives. */
  declaredAt: string;
}

/** What the Town manifest declares about the server (spec.server, spec.replication). */
export interface TownServerSpec {
  /** Dolt's metrics endpoint; null when not declared. */
  metrics: MetricsListener | null;
  /** null when the town declares no replication. */
  cluster: ClusterSettings | null;
}

/** The effective settings of the town's Dolt SQL server, each with its provenance. */
export interface ServerSettings extends ServerEndpointSettings, TownServerSpec {
  /** Who supervises the server: gt acts on it only when this is 'gt'. */
  supervisor: Resolved<Supervisor>;
}

export interface DesiredRemote {
  name: string;
  url: string;
  /** How gt pushes main to it; absent when the remote is declared but not pushed (`push` not true). */
  push?: PushSpec;
}

/** A remote gt pushes main to: at most every `interval`, each push given up after `timeout`. */
export interface PushSpec {
  interval: DeclaredDuration;
  timeout: DeclaredDuration;
}

/** One of a database's Dolt backups: synced at most every `interval`, each sync given up after `timeout`. */
export interface DesiredBackup {
  name: string;
  url: string;
  interval: DeclaredDuration;
  timeout: DeclaredDuration;
}

/** One database the town should (or, with ensure: absent, should not) have. */
export interface DesiredDatabase {
  /** Dolt database name. */
  name: string;
  /** Rig that owns it; "hq" for the town database. */
  rig: string;
  kind: 'Rig' | 'Town';
  /** Beads prefix without trailing hyphen; null for hq when not declared. */
  prefix: string | null;
  ensure: 'present' | 'absent';
  protect: boolean;
  /** The authoritative set of remotes; null when the manifest does not declare remotes (then they are not managed). */
  remotes: DesiredRemote[] | null;
  /** dolt_ignore patterns that must be present (with ignored = true). */
  ignore: string[];
  /** The authoritative set of Dolt backups; absent or null when the manifest does not declare them (not managed). */
  backups?: DesiredBackup[] | null;
  /** Its data lifecycle: the Town's spec.lifecycle with the Rig's overrides. */
  lifecycle: DatabaseLifecycle;
  /** Where it was declared; null for the implicit hq database. */
  source: SourceLocation | null;
  /** Where its remotes and ignore patterns are declared, for the reasons a plan gives. */
  sites: DeclarationSites;
}

/** A duration as declared (Gas Town's patrols take the text) and in milliseconds (gt's own decisions). */
export interface DeclaredDuration {
  text: string;
  ms: number;
}

/** Wisp decay of one database (Gas Town's wisp_reaper rules). */
export interface DecaySpec {
  closeStaleWispsAfter: DeclaredDuration;
  deleteClosedWispsAfter: DeclaredDuration;
  interval: DeclaredDuration;
}

/** A daily local time window; `endMinute` may be smaller than `startMinute` (the window crosses midnight). */
export interface DailyWindow {
  text: string;
  startMinute: number;
  endMinute: number;
}

/** History compaction of one database; only declared when its mode is not off. */
export interface CompactionSpec {
  mode: 'flatten' | 'surgical';
  threshold: number;
  keepRecent: number;
  interval: DeclaredDuration;
  window: DailyWindow | null;
  gc: 'full' | 'plain' | 'none';
  restorePointsKeep: DeclaredDuration;
}

/** What the lifecycle asks of one database: null where it is off. */
export interface DatabaseLifecycle {
  decay: DecaySpec | null;
  compaction: CompactionSpec | null;
  /** Where its lifecycle is declared (the Rig's spec.lifecycle, else the Town's), for the reasons a plan gives. */
  site: SourceLocation | null;
}

/** The town-wide lifecycle settings. */
export interface TownLifecycle {
  /** Some manifest declares spec.lifecycle: gt only then touches Gas Town's lifecycle patrols. */
  declared: boolean;
  /** Some manifest declares a decay block (even one that turns it off): gt then owns the reaper's settings. */
  declaresDecay: boolean;
  /** Some manifest declares a compaction block (even mode: off): gt then owns the compactors' settings. */
  declaresCompaction: boolean;
  /** Who executes decay and compaction: gt itself, or Gas Town's patrols (gt converges their knobs). */
  executor: 'gt' | 'gastown';
}

/** Per table, when an export's change of records blocks the database's commit (Gas Town's rule, per table). */
export interface LedgerSpikeRule {
  /** A fraction of the records at the archive's HEAD; growth gets twice as much. */
  threshold: number;
  /** Changes of fewer records never block. */
  minAbsolute: number;
}

/** The ledger plane: a scrubbed JSONL export of permanent tables to a git archive (the Town's spec.ledger). */
export interface LedgerSpec {
  /** The archive's work tree, absolute. */
  repo: string;
  /** The git remote pushed after each commit, when the repository has it. */
  remote: string;
  /** A database is exported at most this often. */
  interval: DeclaredDuration;
  /** The databases exported, declared present, in declaration order. */
  databases: string[];
  spike: LedgerSpikeRule;
  /** Where spec.ledger is declared, for the reasons a plan gives. */
  site: SourceLocation;
}

/** Where a manifest declares the contents of its database (nothing for what it does not declare). */
export interface DeclarationSites {
  /** The `spec.remotes` list. */
  remotes: SourceLocation | null;
  /** Each remote of `spec.remotes`, by name. */
  remote: Record<string, SourceLocation>;
  /** Each pattern of `spec.ignore`. */
  ignore: Record<string, SourceLocation>;
  /** Each backup of `spec.backups`, by name (absent when none is declared). */
  backup?: Record<string, SourceLocation>;
}

/** `mayor/daemon.json` as read from disk. A file that does not parse never gets this far (it is a ConfigError). */
export interface DaemonFile {
  path: string;
  exists: boolean;
  /** Parsed content as a raw JSON object (unknown keys included); {} when the file does not exist. */
  raw: Record<string, unknown>;
  /** File text as on disk; null when the file does not exist. */
  text: string | null;
  /** File mode bits (e.g. 0o644); null when the file does not exist. */
  mode: number | null;
}

/** Everything the operator declared, validated and resolved. */
export interface DesiredState {
  townRoot: string;
  /**
   * The town's name in Gas Town's town.json: the Town manifest's metadata.name, else the town directory's name (as
   * Gas Town's install names it).
   */
  townName: Resolved<string>;
  server: ServerSettings;
  daemonConfig: DaemonFile;
  /** hq first, then rigs in declaration order. */
  databases: DesiredDatabase[];
  /** Where gt's daemon serves its own metrics (spec.daemon.metrics); null when not declared. */
  daemonMetrics: MetricsListener | null;
  lifecycle: TownLifecycle;
  /** The ledger plane; null when the Town document declares no spec.ledger. */
  ledger: LedgerSpec | null;
  /** Every file and directory that was read, for the daemon's watcher. */
  sources: string[];
}
