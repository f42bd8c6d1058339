import type { SourceLocation } from '../lib/location.js';

/** A value of the effective server config together with the source that won (for `gt diff --explain`). */
export interface Resolved<T> {
  value: T;
  /** Human-readable source, e.g. "mayor/daemon.json env.GT_DOLT_PORT", "env GT_DOLT_HOST", "default". */
  source: string;
}

/** Restart supervision parameters (Gas Town's `DoltServerConfig`, internal/daemon/dolt.go), in ms. */
export interface Supervision {
  restartDelayMs: number;
  maxRestartDelayMs: number;
  restartWindowMs: number;
  maxRestartsInWindow: number;
  healthyResetMs: number;
  healthCheckIntervalMs: number;
}

/** The effective settings of the town's Dolt SQL server, each with its provenance. */
export interface ServerSettings {
  port: Resolved<number>;
  /** Address the server listens on and clients dial; 127.0.0.1 unless configured. */
  host: Resolved<string>;
  user: Resolved<string>;
  /** Secret: never printed unmasked. */
  password: Resolved<string>;
  /** Absolute path of the data dir (`<town>/.dolt-data`). */
  dataDir: Resolved<string>;
  /** Absolute path of the server log (`<town>/daemon/dolt.log`). */
  logFile: Resolved<string>;
  logLevel: Resolved<string>;
  maxConnections: Resolved<number>;
  readTimeoutMillis: Resolved<number>;
  writeTimeoutMillis: Resolved<number>;
  waitTimeoutSeconds: Resolved<number>;
  /** external: gt only observes the server, never starts, stops or restarts it. */
  external: Resolved<boolean>;
  supervision: Supervision;
}

export interface DesiredRemote {
  name: string;
  url: string;
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
  /** Where it was declared; null for the implicit hq database. */
  source: SourceLocation | null;
  /** Where its remotes and ignore patterns are declared, for the reasons a plan gives. */
  sites: DeclarationSites;
}

/** Where a manifest declares the contents of its database (nothing for what it does not declare). */
export interface DeclarationSites {
  /** The `spec.remotes` list. */
  remotes: SourceLocation | null;
  /** Each remote of `spec.remotes`, by name. */
  remote: Record<string, SourceLocation>;
  /** Each pattern of `spec.ignore`. */
  ignore: Record<string, SourceLocation>;
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
  /** Every file and directory that was read, for the daemon's watcher. */
  sources: string[];
}
