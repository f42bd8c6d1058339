/* Generated from schemas/rig.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

export type ApiVersion = 'gastown.dev/v1alpha1';
/**
 * Beads issue prefix without the trailing hyphen ("wy", not "wy-").
 */
export type Prefix = string;
/**
 * A remote name: letters, digits, "_" and "-", e.g. origin or backup_1.
 */
export type RemoteName = string;
/**
 * The authoritative set of the database's remotes; absent means remotes are not managed.
 */
export type Remotes = Remote[];
/**
 * The authoritative set of the database's Dolt backups (dolt_backups); absent means backups are not managed.
 */
export type Backups = Backup[];
/**
 * A dolt_ignore table-name pattern (* and ? are wildcards) without control characters.
 */
export type IgnorePattern = string;
/**
 * dolt_ignore table-name patterns that must be present (ignored = true).
 */
export type IgnorePatterns = IgnorePattern[];
/**
 * A local time window "HH:MM-HH:MM" (it may cross midnight, e.g. "22:00-02:00"): the daemon compacts only inside it.
 */
export type ClockWindow = string;

/**
 * One rig of a Gas Town and its Dolt database: every *.yaml/*.yml under mayor/rigs.d/ (or -f PATH), several documents per file allowed.
 */
export interface RigManifest {
  apiVersion: ApiVersion;
  kind: 'Rig';
  metadata: RigMetadata;
  spec: RigSpec;
}
export interface RigMetadata {
  /**
   * Rig name; not "hq" (the town database).
   */
  name: string;
  labels?: StringMap;
  annotations?: StringMap;
}
export interface StringMap {
  [k: string]: string;
}
export interface RigSpec {
  prefix: Prefix;
  /**
   * Dolt database name; defaults to metadata.name.
   */
  database?: string;
  /**
   * present: the database must exist. absent: drop it (only with gt apply --prune, never when protected).
   */
  ensure?: 'present' | 'absent';
  /**
   * true: gt refuses every destructive action on this database.
   */
  protect?: boolean;
  remotes?: Remotes;
  backups?: Backups;
  ignore?: IgnorePatterns;
  lifecycle?: RigLifecycle;
}
export interface Remote {
  name: RemoteName;
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
  name: RemoteName;
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
 * This database's overrides of the Town's spec.lifecycle: each field given here replaces the Town's (e.g. compaction.mode: off).
 */
export interface RigLifecycle {
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
  window?: ClockWindow;
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
