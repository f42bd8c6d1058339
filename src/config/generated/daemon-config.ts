/* Generated from schemas/daemon.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/**
 * Read only by gt doctor; the daemon takes its heartbeat from settings/config.json.
 */
export type HeartbeatConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  [k: string]: unknown;
} | null;
/**
 * A Go duration string as time.ParseDuration reads it: numbers with units ns, us, ms, s, m, h ("30m", "1h30m", "168h"); "7d" is invalid. "" means the patrol's default (Gas Town never parses it).
 */
export type GoDuration = string;
/**
 * null or absent: Gas Town's lifecycle defaults are filled in on the next write.
 */
export type PatrolsConfig = {
  refinery?: RigScopedPatrolConfig;
  witness?: RigScopedPatrolConfig;
  deacon?: AgentPatrolConfig;
  handler?: AgentPatrolConfig;
  dolt_server?: DoltServerConfig;
  dolt_remotes?: DoltRemotesConfig;
  dolt_backup?: DoltBackupConfig;
  jsonl_git_backup?: JsonlGitBackupConfig;
  wisp_reaper?: WispReaperConfig;
  doctor_dog?: DoctorDogConfig;
  compactor_dog?: CompactorDogConfig;
  checkpoint_dog?: IntervalPatrolConfig;
  scheduled_maintenance?: ScheduledMaintenanceConfig;
  main_branch_test?: MainBranchTestConfig;
  quota_dog?: IntervalPatrolConfig;
  restart_tracker?: RestartTrackerConfig;
  [k: string]: unknown;
} | null;
/**
 * refinery and witness: enabled when absent; rigs narrows them to a list of rigs.
 */
export type RigScopedPatrolConfig = {
  enabled?: boolean;
  /**
   * Not read by the daemon.
   */
  interval?: string;
  /**
   * Not read by the daemon.
   */
  agent?: string;
  rigs?: RigList;
  [k: string]: unknown;
} | null;
/**
 * Rig names; empty, null or absent means all rigs.
 */
export type RigList = string[] | null;
/**
 * deacon and handler: enabled when absent.
 */
export type AgentPatrolConfig = {
  enabled?: boolean;
  /**
   * Not read by the daemon.
   */
  interval?: string;
  /**
   * Not read by the daemon.
   */
  agent?: string;
  rigs?: RigList;
  [k: string]: unknown;
} | null;
/**
 * Supervision of the town's Dolt SQL server. Durations are integer nanoseconds.
 */
export type DoltServerConfig = {
  /**
   * true: Gas Town's daemon supervises the server (starts, restarts, writes config.yaml). gt keeps it false when gt supervises and true when the Town manifest says spec.server.supervisor: gastown.
   */
  enabled?: boolean;
  /**
   * true: health-check only, never start or stop (Gas Town's daemon and gt alike).
   */
  external?: boolean;
  /**
   * A source of the town's port for gt whether or not enabled (after env.GT_DOLT_PORT).
   */
  port?: number;
  host?: string;
  /**
   * Empty means root.
   */
  user?: string;
  password?: string;
  /**
   * Gas Town's daemon needs it; gt always serves <town>/.dolt-data.
   */
  data_dir?: string;
  /**
   * Gas Town's daemon needs it; gt always logs to <town>/daemon/dolt.log.
   */
  log_file?: string;
  /**
   * Declared by Gas Town, never read.
   */
  auto_restart?: boolean;
  /**
   * 0: the first restart is immediate (doubling base 5s).
   */
  restart_delay?: number;
  /**
   * <= 0 means 5m.
   */
  max_restart_delay?: number;
  /**
   * <= 0 means 10m.
   */
  restart_window?: number;
  /**
   * <= 0 means 5.
   */
  max_restarts_in_window?: number;
  /**
   * <= 0 means 5m.
   */
  healthy_reset_interval?: number;
  /**
   * <= 0 means 30s.
   */
  health_check_interval?: number;
  [k: string]: unknown;
} | null;
/**
 * Periodic push of databases to their remotes. Needs dolt_server enabled with a data_dir.
 */
export type DoltRemotesConfig = {
  enabled?: boolean;
  /**
   * <= 0 means 15m.
   */
  interval?: number;
  databases?: DatabaseList;
  /**
   * Empty means the first remote of each database.
   */
  remote?: string;
  /**
   * Empty means main.
   */
  branch?: string;
  [k: string]: unknown;
} | null;
/**
 * Dolt database names; null or absent means the patrol's default.
 */
export type DatabaseList = string[] | null;
/**
 * dolt backup sync of <db>-backup; runs only on macOS.
 */
export type DoltBackupConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  databases?: DatabaseList;
  [k: string]: unknown;
} | null;
/**
 * JSONL export of the listed databases into a git repository; a no-op without databases.
 */
export type JsonlGitBackupConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  databases?: DatabaseList;
  /**
   * Default ~/.dolt-archive/git; must contain .git.
   */
  git_repo?: string;
  /**
   * null means true.
   */
  scrub?: boolean | null;
  /**
   * null means 0.5.
   */
  spike_threshold?: number | null;
  [k: string]: unknown;
} | null;
export type WispReaperConfig = {
  enabled?: boolean;
  dry_run?: boolean;
  interval?: GoDuration;
  max_age?: GoDuration;
  delete_age?: GoDuration;
  databases?: DatabaseList;
  [k: string]: unknown;
} | null;
export type DoctorDogConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  databases?: DatabaseList;
  latency_alert_ms?: number;
  orphan_alert_count?: number;
  backup_stale_seconds?: number;
  [k: string]: unknown;
} | null;
/**
 * Without databases it falls back to wisp_reaper.databases, then to ["hq"] only.
 */
export type CompactorDogConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  threshold?: number;
  databases?: DatabaseList;
  mode?: 'flatten' | 'surgical';
  keep_recent?: number;
  [k: string]: unknown;
} | null;
/**
 * checkpoint_dog (default interval 10m) and quota_dog (5m).
 */
export type IntervalPatrolConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  [k: string]: unknown;
} | null;
export type ScheduledMaintenanceConfig = {
  enabled?: boolean;
  window?: ClockTime;
  interval?: MaintenanceInterval;
  /**
   * null means 1000; 0 means always.
   */
  threshold?: number | null;
  [k: string]: unknown;
} | null;
/**
 * Local time of day "HH:MM" (00:00-23:59).
 */
export type ClockTime = string;
/**
 * "daily", "weekly", "monthly" or a Go duration; "" means daily.
 */
export type MaintenanceInterval = string;
export type MainBranchTestConfig = {
  enabled?: boolean;
  interval?: GoDuration;
  timeout?: GoDuration;
  rigs?: RigList;
  [k: string]: unknown;
} | null;
/**
 * Agent restart backoff. Durations are integer nanoseconds.
 */
export type RestartTrackerConfig = {
  initial_backoff?: Nanoseconds;
  max_backoff?: Nanoseconds;
  backoff_multiplier?: number;
  crash_loop_window?: Nanoseconds;
  crash_loop_count?: number;
  stability_period?: Nanoseconds;
  [k: string]: unknown;
} | null;
/**
 * A Go time.Duration: an integer number of nanoseconds (5000000000 = 5s). A string here makes Gas Town discard the whole file.
 */
export type Nanoseconds = number;
/**
 * Exported with os.Setenv by the daemon, gt up and the Mayor, so every agent inherits it.
 */
export type DaemonEnv = {
  GT_DOLT_PORT?: PortString;
  GT_DOLT_HOST?: string;
  GT_DOLT_USER?: string;
  GT_DOLT_PASSWORD?: string;
  GT_DOLT_LOGLEVEL?: LogLevel;
  /**
   * Seconds; a negative value disables SET GLOBAL wait_timeout.
   */
  GT_DOLT_WAIT_TIMEOUT?: string;
  [k: string]: string | LogLevel | undefined;
} | null;
/**
 * The town's Dolt port as a decimal string, 1024-65535 (as gt config set dolt.port writes it), e.g. "3308".
 */
export type PortString = string;
/**
 * Dolt sql-server log level.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'fatal';

/**
 * Gas Town's mayor/daemon.json (daemon.DaemonPatrolConfig). Unknown keys are allowed and survive every gt write; known keys are typed as Gas Town's Go structs read them. null is allowed exactly where the Go field is a pointer, slice or map (null there means unset, like a missing key); in bool, string and number fields Go ignores null, so gt refuses it there.
 */
export interface DaemonConfig {
  /**
   * Gas Town's legacy loader accepts only "daemon-patrol-config" or an empty string.
   */
  type?: 'daemon-patrol-config' | '';
  /**
   * Gas Town's legacy loader rejects versions above 1.
   */
  version?: number;
  heartbeat?: HeartbeatConfig;
  patrols?: PatrolsConfig;
  env?: DaemonEnv;
  [k: string]: unknown;
}
