/* Generated from schemas/town.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/**
 * The authoritative set of the database's remotes; absent means remotes are not managed.
 */
export type Remotes = Remote[];
/**
 * The authoritative set of the database's Dolt backups (dolt_backups); absent means backups are not managed.
 */
export type Backups = Backup[];
/**
 * dolt_ignore table-name patterns that must be present (ignored = true).
 *
 * Items: A dolt_ignore table-name pattern (* and ? are wildcards) without control characters.
 */
export type IgnorePatterns = string[];
/**
 * A TCP port, 1-65535.
 */
export type Port = number;

/**
 * At most one per town: the town database hq (remotes, ignore patterns, protection), the lifecycle every database inherits, who supervises the town's Dolt server and its metrics endpoint, cluster replication, and gt's daemon metrics endpoint.
 */
export interface TownManifest {
  apiVersion: 'gastown.dev/v1alpha1';
  kind: 'Town';
  metadata?: TownMetadata;
  spec: TownSpec;
}
export interface TownMetadata {
  /**
   * The town's name (informational).
   */
  name?: string;
  labels?: StringMap;
  annotations?: StringMap;
}
export interface StringMap {
  [k: string]: string;
}
export interface TownSpec {
  remotes?: Remotes;
  backups?: Backups;
  ignore?: IgnorePatterns;
  server?: TownServerSpec;
  /**
   * true: gt refuses every deletion and history rewrite on hq (its lifecycle work is blocked). hq itself is never dropped.
   */
  protect?: boolean;
  lifecycle?: TownLifecycle;
  replication?: ReplicationSpec;
  daemon?: TownDaemonSpec;
  ledger?: TownLedger;
}
export interface Remote {
  /**
   * A remote name: letters, digits, "_" and "-", e.g. origin or backup_1.
   */
  name: string;
  /**
   * A URL Dolt can push to: file:///abs/path, https://, http://, aws://, gs://, az://, oci://, oss://, ssh://, git+file://, git+http(s)://, git+ssh://, or a git URL ending in .git.
   */
  url: string;
  /**
   * true: gt apply and the daemon push main to this remote over SQL on the running server (never --force unless asked); default false: declared, not pushed.
   */
  push?: boolean;
  /**
   * With push: true, the daemon pushes at most this often; default 15m (Gas Town's dolt_remotes patrol).
   */
  pushInterval?: string;
  /**
   * With push: true, how long one push may take before gt gives up on it; default 2h (a first push of a multi-GB database). gt apply --sync-timeout overrides it.
   */
  pushTimeout?: string;
}
export interface Backup {
  /**
   * A remote name: letters, digits, "_" and "-", e.g. origin or backup_1.
   */
  name: string;
  /**
   * Where Dolt keeps the backup: a URL DOLT_BACKUP accepts (file:///abs/path, aws://, gs://, az://, oci://, https://, …). A backup carries the working set and dolt-ignored tables; a push does not.
   */
  url: string;
  /**
   * The daemon syncs the backup at most this often; a last successful sync older than this is drift. Default 15m (Gas Town's dolt_backup patrol).
   */
  interval?: string;
  /**
   * How long one sync may take before gt gives up on it; default 2h. gt apply --sync-timeout overrides it.
   */
  timeout?: string;
}
/**
 * The town's Dolt server. metrics: Dolt's own Prometheus endpoint (GET /metrics: dss_* connection, query and replication metrics), written into .dolt-data/config.yaml; a change restarts the server.
 */
export interface TownServerSpec {
  /**
   * Who starts, restarts and configures the town's Dolt server (and writes .dolt-data/config.yaml). gt (default): gt apply and gt's daemon; gt sets patrols.dolt_server.enabled to false in mayor/daemon.json so that Gas Town's daemon stands down. gastown: Gas Town's daemon; gt sets patrols.dolt_server.enabled to true and never starts, stops, restarts or configures the server. patrols.dolt_server.external: true in daemon.json wins over both: nobody starts or stops the server.
   */
  supervisor?: 'gt' | 'gastown';
  metrics?: MetricsEndpoint;
}
/**
 * A Prometheus endpoint (GET /metrics). It has no authentication: anyone who reaches it reads it.
 */
export interface MetricsEndpoint {
  /**
   * Listen address; 127.0.0.1 unless given. Anything but a loopback address needs exposeMetrics: true.
   */
  host?: string;
  port: Port;
  /**
   * true: allow a host that is not a loopback address, knowing that anyone who reaches it reads the metrics (there is no authentication).
   */
  exposeMetrics?: boolean;
}
/**
 * The data lifecycle of hq and the default of every rig (a Rig's spec.lifecycle overrides it field by field).
 */
export interface TownLifecycle {
  /**
   * Who executes decay and compaction: gastown (default: gt converges Gas Town's patrols' knobs in daemon.json) or gt (gt apply and gt's daemon execute them and turn those patrols off).
   */
  executor?: 'gastown' | 'gt';
  decay?: LifecycleDecay;
  compaction?: LifecycleCompaction;
}
/**
 * Decay of wisps (Gas Town's wisp_reaper): stale open wisps are closed, old closed wisps deleted with their label, comment, event and dependency rows. Declaring it turns it on.
 */
export interface LifecycleDecay {
  /**
   * false: no decay on this database (default true once decay is declared).
   */
  enabled?: boolean;
  /**
   * Open wisps older than this with no open parent are closed (Gas Town's max_age); default 24h.
   */
  closeStaleWispsAfter?: string;
  /**
   * Wisps closed longer than this are deleted with their related rows (Gas Town's delete_age); default 168h.
   */
  deleteClosedWispsAfter?: string;
  /**
   * At most this often; default 30m.
   */
  interval?: string;
}
/**
 * Compaction of the commit history (Gas Town's compactor_dog); rewriting history is opt-in.
 */
export interface LifecycleCompaction {
  /**
   * off (default): never; flatten: the history becomes one commit; surgical: old commits are squashed and the keepRecent newest kept.
   */
  mode?: 'off' | 'flatten' | 'surgical';
  /**
   * Commits on main before compaction is due; default 2000.
   */
  threshold?: number;
  /**
   * surgical only: the newest commits kept as they are; default 50, less than threshold.
   */
  keepRecent?: number;
  /**
   * At most this often; default 24h.
   */
  interval?: string;
  /**
   * A local time window "HH:MM-HH:MM" (it may cross midnight, e.g. "22:00-02:00"): the daemon compacts only inside it.
   */
  window?: string;
  /**
   * After compaction: full (default; DOLT_GC('--full'), the only one that reclaims flattened history), plain (DOLT_GC()) or none.
   */
  gc?: 'full' | 'plain' | 'none';
  restorePoints?: RestorePoints;
}
export interface RestorePoints {
  /**
   * Restore points older than this are pruned; default 168h.
   */
  keep?: string;
}
/**
 * Dolt's direct-to-standby cluster replication (the cluster: section of .dolt-data/config.yaml): the primary replicates every SQL commit of every database to its peers, and a standby is read-only. Each server of the cluster is its own town, whose Town manifest names the others as peers. gt never fails over by itself: gt dolt failover --to PEER does.
 */
export interface ReplicationSpec {
  /**
   * The role this server boots with the first time (bootstrap_role). From then on Dolt keeps the role and its epoch in the server's own global config, and only gt dolt failover changes them.
   */
  role: 'primary' | 'standby';
  remotesapi: ClusterRemotesapi;
  /**
   * The other servers of the cluster.
   *
   * @minItems 1
   */
  peers: [ReplicationPeer, ...ReplicationPeer[]];
}
/**
 * Where this server accepts replication from its peers (cluster.remotesapi).
 */
export interface ClusterRemotesapi {
  /**
   * Listen address; 127.0.0.1 unless given.
   */
  host?: string;
  port: Port;
}
/**
 * Another server of the cluster. Dolt adds a remote named after it to every database, so no declared remote may take its name.
 */
export interface ReplicationPeer {
  /**
   * A remote name: letters, digits, "_" and "-", e.g. origin or backup_1.
   */
  name: string;
  /**
   * The peer's cluster remotesapi as http://HOST:PORT (the peer's own spec.replication.remotesapi).
   */
  remotesapi: string;
  sql?: PeerSqlEndpoint;
}
/**
 * The peer's SQL server: gt dolt failover --to this peer promotes it over SQL, with this town's credentials (users replicate).
 */
export interface PeerSqlEndpoint {
  /**
   * 127.0.0.1 unless given.
   */
  host?: string;
  port: Port;
}
/**
 * gt's own daemon (gt daemon run). metrics: where it serves its Prometheus metrics (GET /metrics: reconcile durations, actions by kind and status, server restarts, lifecycle runs, the last successful reconcile); the daemon binds it when it loads the config.
 */
export interface TownDaemonSpec {
  metrics?: MetricsEndpoint;
}
/**
 * The ledger plane: a scrubbed JSONL export of every listed database's permanent tables (issues, comments, config, dependencies, events, labels, metadata) to <repo>/<db>/<table>.jsonl in a git work tree, one commit per export run, pushed to `remote`. Who exports follows spec.lifecycle.executor: gt (gt apply and gt's daemon export, and Gas Town's jsonl_git_backup patrol is turned off) or gastown (default: gt sets that patrol's git_repo, databases, interval and spike_threshold).
 */
export interface TownLedger {
  /**
   * The archive: the top of a git work tree (gt never creates, rewrites or deletes its history). A relative path is relative to the town root; a leading ~/ is the home directory.
   */
  repo: string;
  /**
   * The git remote pushed after each commit, when the repository has it; default origin.
   */
  remote?: string;
  /**
   * The daemon exports a database at most this often; default 15m.
   */
  interval?: string;
  /**
   * all (default): every database a manifest declares present; or a list of them.
   */
  databases?: 'all' | [string, ...string[]];
  spike?: LedgerSpike;
}
/**
 * Per table: a change of more than threshold (a fraction of the records in the archive's HEAD; growth gets twice as much) and of at least minAbsolute records blocks that database's commit until gt apply --accept-spike <db>.
 */
export interface LedgerSpike {
  /**
   * Default 0.5 (Gas Town's).
   */
  threshold?: number;
  /**
   * Changes of fewer records never block; default 20 (Gas Town's).
   */
  minAbsolute?: number;
}
