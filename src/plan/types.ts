/** A plan: the ordered, typed actions that converge the observed town to the desired one. */

import type { ServerConfigSettings } from '../config/server-config-yaml.js';
import type { JsonValue } from '../lib/json-value.js';
import type { DeclaredDuration } from '../config/desired.js';
import type { ObservedIgnore, RemotePosition } from '../observe/observed.js';

export type Verb = 'create' | 'update' | 'delete' | 'start' | 'restart' | 'write';

/** Why an action is planned: stable, for scripts and agents that must not parse the prose reason. */
export type ActionCode =
  | 'daemon-config-missing'
  | 'patrol-missing'
  | 'second-supervisor'
  | 'supervisor-disabled'
  | 'supervisor-setting'
  | 'lifecycle-patrol'
  | 'server-stopped'
  | 'server-unhealthy'
  | 'server-config-changed'
  | 'databases-not-served'
  | 'database-missing'
  | 'database-absent'
  | 'remote-missing'
  | 'remote-url-changed'
  | 'remote-undeclared'
  | 'ignore-missing'
  | 'ignore-disabled'
  | 'decay-due'
  | 'compaction-due'
  | 'town-file-missing'
  | 'town-file-incomplete'
  | 'town-file-outdated'
  | 'beads-not-initialized'
  | 'backup-missing'
  | 'backup-url-changed'
  | 'backup-undeclared'
  | 'push-due'
  | 'backup-sync-due'
  | 'ledger-export-due'
  | 'ledger-push-due';

/**
 * Why a change is blocked: one BlockedChange per cause, each with its own hint. incomplete-directory: an interrupted
 * create left the database's directory, and only a server restart (which gt may not do to a server it does not
 * supervise) clears it. supervised-by-gastown: the server is not running (or not answering) and Gas Town's daemon
 * supervises it, so gt may not start or restart it. port-in-use: another process holds a port the server must listen
 * on (metrics, remotesapi), so Dolt would not start. standby: the server is a cluster standby, which is read-only and
 * takes its databases from the primary. standby-holds-databases: the server would join a cluster as a standby for
 * the first time while it holds databases, whose content the primary's replication would replace. outside-window:
 * compaction is due but its declared window is closed. rig-directory-reserved: the rig's directory would be one Gas
 * Town keeps for the town itself (`mayor/`, `daemon/`).
 * diverged / remote-ahead: the remote's main has commits the database's main lacks, so a push would overwrite them.
 * test-database: a test database is never pushed (Gas Town's rule).
 */
export type BlockedCode =
  | 'protected'
  | 'prune-not-requested'
  | 'unpushed-changes'
  | 'unpushed-unknown'
  | 'incomplete-directory'
  | 'supervised-by-gastown'
  | 'port-in-use'
  | 'standby'
  | 'standby-holds-databases'
  | 'outside-window'
  | 'rig-directory-reserved'
  | 'diverged'
  | 'remote-ahead'
  | 'test-database'
  | 'ledger-spike'
  | 'ledger-export-failed'
  | 'ledger-uncommitted'
  | 'ledger-repo-invalid';

interface ActionBase {
  /**
   * Stable resource id: server, database/wyvern, remote/wyvern/origin, ignore/wyvern/wisps,
   * daemon-config/patrols.wisp_reaper, beads/wyvern.
   */
  id: string;
  verb: Verb;
  code: ActionCode;
  // before / after: the value on each side, typed per kind below; null when the resource does not exist on that
  // side. Secrets are masked.
  reason: string;
  /** Loses data unless undone (only database drops are). */
  destructive: boolean;
  /** Takes effect only through a server (re)start. */
  needsRestart: boolean;
}

interface DaemonConfigActionBase extends ActionBase {
  kind: 'daemon-config';
  /** SHA-256 of daemon.json's text as planned (null: no file). The write refuses a file whose content differs. */
  fileSha256: string | null;
}

/** EnsureLifecycleDefaults: one missing or null patrol entry filled with Gas Town's default. */
export interface DaemonConfigFillAction extends DaemonConfigActionBase {
  verb: 'write';
  code: 'daemon-config-missing' | 'patrol-missing';
  /** The patrol key EnsureLifecycleDefaults fills (`patrols.<key>`); one action per key, also when the file is created. */
  patrol: string;
  before: null;
  /** Gas Town's default for the patrol. */
  after: JsonValue;
}

/**
 * One setting of daemon.json set to the value gt needs (id `daemon-config/<dotted path>`): e.g.
 * `patrols.dolt_server.enabled`, so that exactly one program supervises the server. create: the key is missing.
 */
export interface DaemonConfigSettingAction extends DaemonConfigActionBase {
  verb: 'create' | 'update';
  code: 'second-supervisor' | 'supervisor-disabled' | 'supervisor-setting' | 'lifecycle-patrol';
  /** The keys from the top of the file down to the setting. */
  path: string[];
  /** null when the key is missing. */
  before: JsonValue;
  after: JsonValue;
}

/** Every daemon-config action of a plan runs as one step: one edit, one write. */
export type DaemonConfigAction = DaemonConfigFillAction | DaemonConfigSettingAction;

/** Where the server listens, as a start shows it. */
export interface ServerEndpoint {
  state: 'stopped' | 'running';
  host: string;
  port: number;
}

interface ServerActionBase extends ActionBase {
  kind: 'server';
  id: 'server';
}

export interface ServerStartAction extends ServerActionBase {
  verb: 'start';
  code: 'server-stopped';
  before: ServerEndpoint & { state: 'stopped' };
  after: ServerEndpoint & { state: 'running' };
}

export interface ServerUnhealthyAction extends ServerActionBase {
  verb: 'restart';
  code: 'server-unhealthy';
  before: { state: 'unhealthy' };
  after: { state: 'running' };
}

/** config.yaml's settings that differ, by dotted key (`listener.port`): as on disk, and as gt writes them. */
export interface ServerConfigAction extends ServerActionBase {
  verb: 'restart';
  code: 'server-config-changed';
  before: ServerConfigSettings;
  after: ServerConfigSettings;
}

/** Declared databases on disk the server does not serve (or whose directory an interrupted create left). */
export interface ServerDatabasesAction extends ServerActionBase {
  verb: 'restart';
  code: 'databases-not-served';
  before: { unserved: string[] };
  after: { unserved: [] };
}

export type ServerAction = ServerStartAction | ServerUnhealthyAction | ServerConfigAction | ServerDatabasesAction;

/** A database as a plan shows it. */
export interface DatabaseValue {
  name: string;
  rig: string;
}

interface DatabaseActionBase extends ActionBase {
  kind: 'database';
  database: string;
}

export interface DatabaseCreateAction extends DatabaseActionBase {
  verb: 'create';
  code: 'database-missing';
  before: null;
  after: DatabaseValue;
}

export interface DatabaseDropAction extends DatabaseActionBase {
  verb: 'delete';
  code: 'database-absent';
  before: DatabaseValue;
  after: null;
}

export type DatabaseAction = DatabaseCreateAction | DatabaseDropAction;

/** Real URLs for execution (toUrl, fromUrl); before/after hold the masked forms for display. */
interface RemoteActionBase extends ActionBase {
  kind: 'remote';
  database: string;
  name: string;
}

export interface RemoteCreateAction extends RemoteActionBase {
  verb: 'create';
  code: 'remote-missing';
  toUrl: string;
  before: null;
  after: string;
}

export interface RemoteUpdateAction extends RemoteActionBase {
  verb: 'update';
  code: 'remote-url-changed';
  fromUrl: string;
  toUrl: string;
  before: string;
  after: string;
}

export interface RemoteDeleteAction extends RemoteActionBase {
  verb: 'delete';
  code: 'remote-undeclared';
  fromUrl: string;
  before: string;
  after: null;
}

export type RemoteAction = RemoteCreateAction | RemoteUpdateAction | RemoteDeleteAction;

export interface IgnoreAction extends ActionBase {
  kind: 'ignore';
  verb: 'create' | 'update';
  code: 'ignore-missing' | 'ignore-disabled';
  database: string;
  pattern: string;
  /** null when the pattern is missing; else the row as it is (ignored = false). */
  before: ObservedIgnore | null;
  after: { pattern: string; ignored: true };
}

/** Real URLs for execution (toUrl, fromUrl); before/after hold the masked forms for display. */
interface BackupActionBase extends ActionBase {
  kind: 'backup';
  database: string;
  name: string;
}

export interface BackupCreateAction extends BackupActionBase {
  verb: 'create';
  code: 'backup-missing';
  toUrl: string;
  before: null;
  after: string;
}

export interface BackupUpdateAction extends BackupActionBase {
  verb: 'update';
  code: 'backup-url-changed';
  fromUrl: string;
  toUrl: string;
  before: string;
  after: string;
}

export interface BackupDeleteAction extends BackupActionBase {
  verb: 'delete';
  code: 'backup-undeclared';
  fromUrl: string;
  before: string;
  after: null;
}

/** The declared set of a database's Dolt backups: DOLT_BACKUP('add' | 'remove'). */
export type BackupAction = BackupCreateAction | BackupUpdateAction | BackupDeleteAction;

/**
 * A push of main to a remote over SQL on the running server (CALL DOLT_PUSH on a connection of its own): never a
 * commit, never --force unless `force` says why. A forced push first fetches and refuses when the remote's main is
 * no longer `expectedRemoteHead` (it never overwrites work the plan did not see).
 */
export interface PushAction extends ActionBase {
  kind: 'push';
  verb: 'update';
  code: 'push-due';
  database: string;
  remote: string;
  /** flag: the operator passed --force (gt dolt sync) or --force-push; compaction: gt's own compaction diverged it. */
  force: 'flag' | 'compaction' | null;
  /** The remote's main as gt last saw it (its remote-tracking ref); null when it has none. */
  expectedRemoteHead: string | null;
  /** How long the push may take (a Go duration), and in ms. */
  timeout: string;
  timeoutMs: number;
  before: RemotePosition;
  after: { state: 'even' };
  /** One line for people: "14 commits ahead", "diverged: forced (gt's compaction rewrote main at …)". */
  summary: string;
}

/** A sync of one Dolt backup (CALL DOLT_BACKUP('sync', name)): the whole database, working set and ignored tables too. */
export interface BackupSyncAction extends ActionBase {
  kind: 'backup-sync';
  verb: 'update';
  code: 'backup-sync-due';
  database: string;
  name: string;
  timeout: string;
  timeoutMs: number;
  /** When gt last synced it successfully (UTC ISO); null: never. */
  before: { lastSync: string | null };
  after: { lastSync: 'now' };
  summary: string;
}

export type SyncAction = PushAction | BackupSyncAction;

/** What decay acts on in one database: wisps to close, wisps to delete, and the rows deleted with them. */
export interface DecayCounts {
  staleOpen: number;
  closedExpired: number;
  related: number;
}

/**
 * Decay of one database's wisps, as counted for the cutoffs it names. Apply uses the same cutoffs and never does more
 * than the counts (a wisp that changed since the plan may make it do less, and it says so).
 */
export interface DecayAction extends ActionBase {
  kind: 'decay';
  /** delete when it deletes wisps; update when it only closes stale ones. */
  verb: 'update' | 'delete';
  code: 'decay-due';
  database: string;
  /** UTC `DATETIME`: open wisps created before it (with no open parent, no agent beads) are closed. */
  closeStaleBefore: string;
  /** UTC `DATETIME`: wisps closed before it are deleted with their related rows. */
  deleteClosedBefore: string;
  /** The wisp tables the database has, `wisps` first. */
  tables: string[];
  /** The candidates: what apply closes and deletes. */
  before: DecayCounts;
  after: DecayCounts;
  /** One line for people: "close 18 stale wisps; delete 312 closed wisps + 1,204 related rows". */
  summary: string;
}

/** Compaction of one database's history; the compaction engine executes it (restore point first, then the rewrite). */
export interface CompactionAction extends ActionBase {
  kind: 'compaction';
  verb: 'update';
  code: 'compaction-due';
  database: string;
  mode: 'flatten' | 'surgical';
  threshold: number;
  /** surgical: the newest commits kept as they are. */
  keepRecent: number;
  gc: 'full' | 'plain' | 'none';
  /** How long the restore point taken before the rewrite is kept (a Go duration). */
  restorePointKeep: string;
  /** Remotes whose divergence is checked before the rewrite: the declared ones, else every remote the database has. */
  remotes: string[];
  /** Commits on main now, and at most after the rewrite (writers may add more meanwhile). */
  before: { commits: number };
  after: { commits: number };
  summary: string;
}

export type LifecycleAction = DecayAction | CompactionAction;

/**
 * Which of Gas Town's files a town-file action writes; it decides the layout and mode a new file gets (Gas Town's own
 * for that file).
 */
export type TownFileRole = 'town' | 'rigs' | 'rig-config' | 'beads-metadata' | 'routes' | 'port' | 'server-state';

/** Gas Town's fields of one file, by dotted path (routes.jsonl: by prefix; a port file: `port`). */
export type TownFileFields = Record<string, JsonValue>;

/**
 * One of Gas Town's registry or beads files, converged from the manifests. Only the fields gt manages are listed, and
 * only those that change: everything else in the file stays as it is.
 */
export interface TownFileAction extends ActionBase {
  kind: 'town-file';
  verb: 'create' | 'update';
  /** missing: no file; incomplete: fields absent (only filled); outdated: a managed value differs (converged). */
  code: 'town-file-missing' | 'town-file-incomplete' | 'town-file-outdated';
  /** Relative to the town root; the id is `file/<path>`. */
  path: string;
  role: TownFileRole;
  /** The changed fields as they are (null where absent); null when the file does not exist. */
  before: TownFileFields | null;
  after: TownFileFields;
}

/** A database as bd sees it once initialized: its issue prefix, and where its `.beads/` directory is (town-relative). */
export interface BeadsValue {
  issue_prefix: string;
  directory: string;
}

/**
 * `bd init` of a database bd has not initialized (no issue_prefix in its config table), then the `bd config set` calls
 * Gas Town makes. `commands` are bd's arguments in order, run by `bd` in `workDir` (absolute).
 */
export interface BeadsAction extends ActionBase {
  kind: 'beads';
  verb: 'create';
  code: 'beads-not-initialized';
  database: string;
  /** The bd executable apply runs, and its version. */
  bd: { path: string; version: string };
  workDir: string;
  commands: string[][];
  before: null;
  after: BeadsValue;
}

/** A table's records in the archive: how many, on each side. */
export interface LedgerRecords {
  records: number;
}

/**
 * One table's file in the ledger archive (`<db>/<table>.jsonl`), rewritten from the database's data as of one Dolt
 * commit. All ledger actions of a plan run as one step: every database read AS OF its hash, its files written, one
 * git commit naming each database's hash.
 */
export interface LedgerExportAction extends ActionBase {
  kind: 'ledger';
  /** create: the archive's HEAD has no such file. */
  verb: 'create' | 'update';
  code: 'ledger-export-due';
  database: string;
  table: string;
  /** The archive's work tree (absolute). */
  repo: string;
  /** Relative to the archive's root. */
  path: string;
  /** The Dolt commit (main) whose data the file gets. */
  hash: string;
  /** The archive commit the counts compare with (null: no commit yet); apply refuses an archive that moved since. */
  archiveHead: string | null;
  before: LedgerRecords | null;
  after: LedgerRecords;
  added: number;
  removed: number;
  changed: number;
  /** The change exceeds the spike rule and is exported because `--accept-spike <db>` accepted it. */
  spikeAccepted: boolean;
  /** One line for people: "+3 −0 ~1 records (71 → 74)". */
  summary: string;
}

/** Pushes the archive's branch to its remote: after an export, or because the last push failed. */
export interface LedgerPushAction extends ActionBase {
  kind: 'ledger-push';
  verb: 'update';
  code: 'ledger-push-due';
  repo: string;
  remote: string;
  branch: string;
  /** Pushes that failed in a row before this one. */
  before: { failedPushes: number };
  after: { failedPushes: 0 };
}

export type LedgerAction = LedgerExportAction | LedgerPushAction;

export type Action =
  | DaemonConfigAction
  | ServerAction
  | DatabaseAction
  | RemoteAction
  | IgnoreAction
  | TownFileAction
  | BeadsAction
  | LifecycleAction
  | BackupAction
  | SyncAction
  | LedgerAction;

/** A change the config asks for that gt will not make under the current flags. */
export interface BlockedChange {
  id: string;
  verb: Verb;
  code: BlockedCode;
  reason: string;
  /** What the operator can do about it, e.g. "pass --prune". */
  hint: string;
}

/** A condition under which gt must not act at all (e.g. an imposter on the port). */
export interface PlanError {
  /** imposter: something else holds the port; external-server-unreachable: gt may not start the server it needs. */
  code: 'imposter' | 'external-server-unreachable';
  message: string;
}

export interface PlanOptions {
  /** Allow drops of databases declared `ensure: absent`. */
  prune: boolean;
  /** Allow a drop although the database has unpushed commits. */
  force: boolean;
  /** Push also over a remote whose main has commits the database's lacks (gt apply --force-push, gt dolt sync --force). */
  forcePush?: boolean;
  /** Push and sync backups now, whatever their intervals (gt dolt sync). */
  syncNow?: boolean;
  /** Plan only this database's pushes (gt dolt sync --db): its `.no-sync` marker then does not hold it back. */
  syncDatabase?: string;
  /** The timeout of every push and backup sync, over the manifests' (--sync-timeout). */
  syncTimeout?: DeclaredDuration;
  /** Export these databases' ledger files although a table's change exceeds the spike rule. */
  acceptSpike?: readonly string[];
}

export interface Plan {
  actions: Action[];
  blocked: BlockedChange[];
  /** Databases that exist but are declared nowhere: reported, never touched. */
  unmanaged: string[];
  /** Things the plan could not see, e.g. remotes of on-disk databases while the server is down. */
  notes: string[];
  errors: PlanError[];
}
