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
 * A dolt_ignore table-name pattern (* and ? are wildcards) without control characters.
 */
export type IgnorePattern = string;
/**
 * dolt_ignore table-name patterns that must be present (ignored = true).
 */
export type IgnorePatterns = IgnorePattern[];

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
  ignore?: IgnorePatterns;
}
export interface Remote {
  name: RemoteName;
  /**
   * A URL Dolt can push to: file:///abs/path, https://, http://, aws://, gs://, az://, oci://, oss://, ssh://, git+file://, git+http(s)://, git+ssh://, or a git URL ending in .git.
   */
  url: string;
}
