/* Generated from schemas/town.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/**
 * The authoritative set of the database's remotes; absent means remotes are not managed.
 */
export type Remotes = Remote[];
/**
 * dolt_ignore table-name patterns that must be present (ignored = true).
 *
 * Items: A dolt_ignore table-name pattern (* and ? are wildcards) without control characters.
 */
export type IgnorePatterns = string[];

/**
 * At most one per town: remotes and ignore patterns of the town database hq, and who supervises the town's Dolt server.
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
  ignore?: IgnorePatterns;
  server?: TownServerSpec;
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
}
export interface TownServerSpec {
  /**
   * Who starts, restarts and configures the town's Dolt server (and writes .dolt-data/config.yaml). gt (default): gt apply and gt's daemon; gt sets patrols.dolt_server.enabled to false in mayor/daemon.json so that Gas Town's daemon stands down. gastown: Gas Town's daemon; gt sets patrols.dolt_server.enabled to true and never starts, stops, restarts or configures the server. patrols.dolt_server.external: true in daemon.json wins over both: nobody starts or stops the server.
   */
  supervisor?: 'gt' | 'gastown';
}
