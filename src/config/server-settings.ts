import type { Resolved, ServerEndpointSettings, ServerSettings, Supervision, Supervisor, TownServerSpec } from './desired.js';
import { diagnostic, wholeFile } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
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
 * - port: daemon.json env.GT_DOLT_PORT > patrols.dolt_server.port > .dolt-data/config.yaml listener.port
 *   > $GT_DOLT_PORT > 3307. The declared sources come first so that no shell moves the server away from where Gas
 *   Town's agents look for it: they are started with daemon.json's env, and Gas Town's own commands read config.yaml
 *   (which gt writes from this value) or daemon.json's env. config.yaml still counts below them, so a town whose port
 *   lives only in config.yaml keeps it; ranking it first would make the port self-perpetuating (a changed daemon.json
 *   would never take effect). patrols.dolt_server.port counts whether or not the entry is enabled: gt turns
 *   `enabled` off when gt supervises, and that must not move the port.
 * - host: daemon.json env.GT_DOLT_HOST > patrols.dolt_server.host > $GT_DOLT_HOST > 127.0.0.1; the address the server
 *   listens on, so ranked like the port.
 * - user, password: $GT_DOLT_* > daemon.json env.GT_DOLT_* > patrols.dolt_server.* > default. The credentials gt
 *   presents as a client (never written into config.yaml, so they move nothing), read from the shell first as Gas
 *   Town reads them.
 * - log level: $GT_DOLT_LOGLEVEL > daemon.json env > daemon/daemon.env > warning.
 * - wait_timeout: $GT_DOLT_WAIT_TIMEOUT > daemon.json env > 30 (negative disables it).
 * - data dir, log file, max connections, read/write timeouts: Gas Town's fixed values.
 * - external and supervision: patrols.dolt_server, with Gas Town's fallbacks for missing or non-positive values.
 *
 * Who supervises the server needs the manifests too: see resolveSupervisor.
 */
export function resolveServerSettings(sources: ServerSettingsSources): ServerEndpointSettings {
  const server: NonNullable<DoltServerConfig> = sources.daemon.patrols?.dolt_server ?? {};
  const daemonEnv = sources.daemon.env ?? {};
  const fromShell = <N extends ServerEnvName>(name: N) => [serverEnvValue(sources.env, name), `env ${name}`] as const;
  const fromDaemonEnv = <N extends ServerEnvName>(name: N) =>
    [serverEnvValue(daemonEnv, name), `mayor/daemon.json env.${name}`] as const;
  const fromEnv = <N extends ServerEnvName>(name: N) => [fromShell(name), fromDaemonEnv(name)] as const;
  const fromDoltServer = <T>(value: T | undefined, key: string) =>
    [value, `mayor/daemon.json patrols.dolt_server.${key}`] as const;
  const nonEmpty = (value: string | undefined) => (value === '' ? undefined : value);

  return {
    port: firstOf(
      [
        fromDaemonEnv('GT_DOLT_PORT'),
        fromDoltServer(server.port, 'port'),
        [sources.serverConfigPort ?? undefined, '.dolt-data/config.yaml listener.port'],
        fromShell('GT_DOLT_PORT'),
      ],
      3307,
    ),
    host: firstOf(
      [fromDaemonEnv('GT_DOLT_HOST'), fromDoltServer(nonEmpty(server.host), 'host'), fromShell('GT_DOLT_HOST')],
      '127.0.0.1',
    ),
    user: firstOf([...fromEnv('GT_DOLT_USER'), fromDoltServer(nonEmpty(server.user), 'user')], 'root'),
    password: firstOf([...fromEnv('GT_DOLT_PASSWORD'), fromDoltServer(server.password, 'password')], ''),
    dataDir: fixed(townPaths(sources.townRoot).dataDir),
    rootPath: fixed(townPaths(sources.townRoot).doltRoot, "default (gt's: one root per server)"),
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

/** What a Town manifest declares under spec.server.supervisor. */
export type DeclaredSupervisor = Exclude<Supervisor, 'external'>;

/**
 * Who supervises the server: nobody in this town when daemon.json says it is external (that wins over everything),
 * else the Town manifest's choice, else gt.
 */
export function resolveSupervisor(server: ServerEndpointSettings, declared: Resolved<DeclaredSupervisor> | null): Resolved<Supervisor> {
  if (server.external.value) return { value: 'external', source: server.external.source };
  return declared ?? { value: 'gt', source: 'default' };
}

/** The server's settings with what the Town manifest declares about it. */
export function withTownSpec(
  server: ServerEndpointSettings,
  declared: Resolved<DeclaredSupervisor> | null,
  spec: TownServerSpec,
): ServerSettings {
  return { ...server, ...spec, supervisor: resolveSupervisor(server, declared) };
}

/** gt starts, stops, restarts and configures the server only when it is the supervisor. */
export function gtSupervises(server: Pick<ServerSettings, 'supervisor'>): boolean {
  return server.supervisor.value === 'gt';
}

/**
 * A $GT_DOLT_PORT or $GT_DOLT_HOST that a declared source outranks (so gt and Gas Town's agents use another value
 * than the shell says): a warning, since whoever set it expects it to count.
 */
export function checkOverriddenEnvironment(env: NodeJS.ProcessEnv, server: ServerEndpointSettings): Diagnostic[] {
  const overridden = [
    { name: 'GT_DOLT_PORT', what: 'port', shell: serverEnvValue(env, 'GT_DOLT_PORT'), effective: server.port },
    { name: 'GT_DOLT_HOST', what: 'host', shell: serverEnvValue(env, 'GT_DOLT_HOST'), effective: server.host },
  ] as const;
  return overridden
    .filter(({ shell, effective }) => shell !== undefined && shell !== effective.value)
    .map(({ name, what, shell, effective }) =>
      diagnostic(
        'GT-W067',
        wholeFile(`$${name}`),
        `${name}=${String(shell)} in gt's environment is not used: the town's ${what} is ${String(effective.value)} ` +
          `(from ${effective.source}), and gt and Gas Town both use that; the variable counts only when no config ` +
          `file sets the ${what} — unset it, or set env.${name} in mayor/daemon.json to move the town's server`,
      ),
    );
}

function firstOf<T>(candidates: ReadonlyArray<readonly [T | undefined, string]>, fallback: T): Resolved<T> {
  for (const [value, source] of candidates) if (value !== undefined) return { value, source };
  return { value: fallback, source: 'default' };
}

function fixed<T>(value: T, source = 'default (fixed by Gas Town)'): Resolved<T> {
  return { value, source };
}

/** Gas Town's DoltServerManager fallbacks (`DoltServerManager`). A restart delay of 0 means the first restart is immediate; the doubling then starts from 5 s. */
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
