import type { Resolved, ServerSettings, Supervision } from './desired.js';
import type { DaemonConfig, DoltServerConfig } from './generated/daemon-config.js';
import { serverEnvValue, type ServerEnvName } from './server-env.js';
import { townPaths } from '../lib/town-layout.js';

export interface ServerSettingsSources {
  townRoot: string;
  /** mayor/daemon.json, schema-valid ({} when the file is absent). */
  daemon: DaemonConfig;
  /** The process environment. */
  env: NodeJS.ProcessEnv;
  /** `listener.port` of `<town>/.dolt-data/config.yaml`, null when absent. */
  serverConfigPort: number | null;
  /** `<town>/daemon/daemon.env`. */
  daemonEnv: Readonly<Record<string, string>>;
}

const NANOS_PER_MS = 1e6;

/**
 * The one resolver of the town's effective Dolt server settings (docs/configuration.md). Precedence, first wins:
 *
 * - port: $GT_DOLT_PORT > daemon.json env.GT_DOLT_PORT > patrols.dolt_server.port (when enabled)
 *   > .dolt-data/config.yaml listener.port > 3307. This is PR #2696's order except that config.yaml comes after the
 *   declared sources: gt writes config.yaml from this very value, so ranking it first would make the port
 *   self-perpetuating (a changed daemon.json would never take effect). It still counts below them, so a town whose
 *   port lives only in config.yaml keeps it.
 * - host, user, password: $GT_DOLT_* > daemon.json env.GT_DOLT_* > patrols.dolt_server.* (when enabled) > default.
 * - log level: $GT_DOLT_LOGLEVEL > daemon.json env > daemon/daemon.env > warning.
 * - wait_timeout: $GT_DOLT_WAIT_TIMEOUT > daemon.json env > 30 (negative disables it).
 * - data dir, log file, max connections, read/write timeouts: Gas Town's fixed values.
 * - external and supervision: patrols.dolt_server, with Gas Town's fallbacks for missing or non-positive values.
 */
export function resolveServerSettings(sources: ServerSettingsSources): ServerSettings {
  const server: NonNullable<DoltServerConfig> = sources.daemon.patrols?.dolt_server ?? {};
  const supervised = server.enabled === true;
  const daemonEnv = sources.daemon.env ?? {};
  const fromEnv = <N extends ServerEnvName>(name: N) =>
    [
      [serverEnvValue(sources.env, name), `env ${name}`],
      [serverEnvValue(daemonEnv, name), `mayor/daemon.json env.${name}`],
    ] as const;
  const fromDoltServer = <T>(value: T | undefined, key: string) =>
    [[supervised ? value : undefined, `mayor/daemon.json patrols.dolt_server.${key}`]] as const;
  const nonEmpty = (value: string | undefined) => (value === '' ? undefined : value);

  return {
    port: firstOf(
      [
        ...fromEnv('GT_DOLT_PORT'),
        ...fromDoltServer(server.port, 'port'),
        [sources.serverConfigPort ?? undefined, '.dolt-data/config.yaml listener.port'],
      ],
      3307,
    ),
    host: firstOf([...fromEnv('GT_DOLT_HOST'), ...fromDoltServer(nonEmpty(server.host), 'host')], '127.0.0.1'),
    user: firstOf([...fromEnv('GT_DOLT_USER'), ...fromDoltServer(nonEmpty(server.user), 'user')], 'root'),
    password: firstOf([...fromEnv('GT_DOLT_PASSWORD'), ...fromDoltServer(server.password, 'password')], ''),
    dataDir: fixed(townPaths(sources.townRoot).dataDir),
    logFile: fixed(townPaths(sources.townRoot).doltLog),
    logLevel: firstOf(
      [
        ...fromEnv('GT_DOLT_LOGLEVEL'),
        [serverEnvValue(sources.daemonEnv, 'GT_DOLT_LOGLEVEL'), 'daemon/daemon.env GT_DOLT_LOGLEVEL'],
      ],
      'warning',
    ),
    maxConnections: fixed(1000),
    readTimeoutMillis: fixed(300_000),
    writeTimeoutMillis: fixed(300_000),
    waitTimeoutSeconds: firstOf(fromEnv('GT_DOLT_WAIT_TIMEOUT'), 30),
    external: firstOf([[server.external, 'mayor/daemon.json patrols.dolt_server.external']], false),
    supervision: supervision(server),
  };
}

function firstOf<T>(candidates: ReadonlyArray<readonly [T | undefined, string]>, fallback: T): Resolved<T> {
  for (const [value, source] of candidates) if (value !== undefined) return { value, source };
  return { value: fallback, source: 'default' };
}

function fixed<T>(value: T): Resolved<T> {
  return { value, source: 'default (fixed by Gas Town)' };
}

/** Gas Town's DoltServerManager fallbacks (`DoltServerManager`, internal/daemon/dolt.go). A restart delay of 0 means the first restart is immediate; the doubling then starts from 5 s. */
function supervision(server: NonNullable<DoltServerConfig>): Supervision {
  const ms = (nanos: number | undefined, fallbackMs: number) =>
    nanos !== undefined && nanos > 0 ? nanos / NANOS_PER_MS : fallbackMs;
  return {
    restartDelayMs: ms(server.restart_delay, 0),
    maxRestartDelayMs: ms(server.max_restart_delay, 5 * 60_000),
    restartWindowMs: ms(server.restart_window, 10 * 60_000),
    maxRestartsInWindow:
      server.max_restarts_in_window !== undefined && server.max_restarts_in_window > 0
        ? server.max_restarts_in_window
        : 5,
    healthyResetMs: ms(server.healthy_reset_interval, 5 * 60_000),
    healthCheckIntervalMs: ms(server.health_check_interval, 30_000),
  };
}
