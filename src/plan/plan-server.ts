import { isDeepStrictEqual } from 'node:util';
import type { ServerSettings } from '../config/desired.js';
import { serverConfigSettings, type ServerConfigSettings } from '../config/server-config-yaml.js';
import { gtSupervises } from '../config/server-settings.js';
import type { ObservedServer, ObservedServerConfig } from '../observe/observed.js';
import { relativeToTown } from './source-label.js';
import type { PlanError, ServerAction } from './types.js';
import { serverConfigIn } from '../lib/town-layout.js';

function address(server: ServerSettings, observed: ObservedServer): string {
  return `${server.host.value}:${observed.port}`;
}

/** Where to give the town another port: the key that set this one (following another would conflict with it). */
function portKey(server: ServerSettings): string {
  const { source } = server.port;
  const daemonJson = 'mayor/daemon.json ';
  if (source.startsWith(daemonJson)) return `${source.slice(daemonJson.length)} in mayor/daemon.json, which set it`;
  if (source.startsWith('env ')) return `${source.slice('env '.length)} in gt's environment, which set it`;
  return 'env.GT_DOLT_PORT in mayor/daemon.json';
}

/** Conditions under which gt must not act at all: an imposter on the port, an external server that is down. */
export function serverError(server: ServerSettings, observed: ObservedServer): PlanError | null {
  const at = address(server, observed);
  if (observed.state === 'imposter') {
    const holder = [observed.pid === null ? null : `pid ${observed.pid}`, observed.command].filter(Boolean).join(', ');
    return {
      code: 'imposter',
      message:
        `${at} is held by something that is not this town's Dolt server${holder ? ` (${holder})` : ''}: ` +
        `${observed.reason}. gt never touches it: stop it, or give this town another port (${portKey(server)}).`,
    };
  }
  if (server.supervisor.value !== 'external' || observed.state === 'running') return null;
  const why = observed.state === 'stopped' ? 'nothing listens there' : `it does not answer: ${observed.reason}`;
  return {
    code: 'external-server-unreachable',
    message: `external server not reachable on ${at} (${why}); gt never starts or restarts an external server (external from ${server.supervisor.source})`,
  };
}

interface Difference {
  before: ServerConfigSettings;
  after: ServerConfigSettings;
  reason: string;
}

/**
 * Compares settings, not text: a comment or formatting difference in config.yaml changes nothing the server runs
 * with and is no reason to restart it.
 */
function configDifference(townRoot: string, server: ServerSettings, observed: ObservedServerConfig): Difference | null {
  const wanted = serverConfigSettings(server);
  const path = relativeToTown(townRoot, serverConfigIn(server.dataDir.value));
  if (typeof observed === 'string') {
    const problem = observed === 'absent' ? 'does not exist' : 'does not parse';
    return { before: {}, after: wanted, reason: `${path} ${problem}: the server does not run with gt's settings` };
  }
  const onDisk = observed.settings;
  const before: ServerConfigSettings = {};
  const after: ServerConfigSettings = {};
  for (const key of new Set([...Object.keys(wanted), ...Object.keys(onDisk)])) {
    if (isDeepStrictEqual(wanted[key], onDisk[key])) continue;
    before[key] = onDisk[key] ?? null;
    after[key] = wanted[key] ?? null;
  }
  const changed = Object.keys(after);
  if (changed.length === 0) return null;
  return { before, after, reason: `${path} differs from the settings resolved from mayor/daemon.json (${changed.join(', ')})` };
}

/** What every restart carries besides its code, values and reason. */
const RESTART = { kind: 'server', id: 'server', verb: 'restart', destructive: false, needsRestart: true } as const;

/**
 * The server's action when serverError found nothing and gt supervises the server: start a stopped server, restart a hung one, or restart a
 * running one whose config.yaml settings differ, that does not serve databases the town declares and has on disk, or
 * that holds a declared database's directory left incomplete by an interrupted create (a start moves those aside).
 * Apply writes config.yaml before every start or restart.
 */
export function planServer(
  townRoot: string,
  server: ServerSettings,
  observed: ObservedServer,
  serverConfig: ObservedServerConfig,
  unserved: string[],
  incomplete: string[],
): ServerAction | null {
  if (!gtSupervises(server)) return null;
  const at = address(server, observed);
  if (observed.state === 'stopped') {
    const stale = observed.stalePid === null ? '' : ` (the pid file names pid ${observed.stalePid}, which is gone)`;
    return {
      kind: 'server',
      id: 'server',
      verb: 'start',
      code: 'server-stopped',
      before: { state: 'stopped', host: server.host.value, port: observed.port },
      after: { state: 'running', host: server.host.value, port: observed.port },
      reason: `nothing serves this town on ${at}${stale}: apply writes config.yaml and starts dolt sql-server`,
      destructive: false,
      needsRestart: false,
    };
  }
  if (observed.state === 'unhealthy') {
    const pid = observed.pid === null ? '' : ` (pid ${observed.pid})`;
    return {
      ...RESTART,
      code: 'server-unhealthy',
      before: { state: 'unhealthy' },
      after: { state: 'running' },
      reason: `the server on ${at}${pid} does not answer SELECT 1: ${observed.reason}`,
    };
  }
  if (observed.state !== 'running') return null;
  const config = configDifference(townRoot, server, serverConfig);
  const databaseReasons = [
    ...(unserved.length > 0 ? [`${unserved.join(', ')} ${unserved.length === 1 ? 'is' : 'are'} on disk but not served: a restart loads them`] : []),
    ...(incomplete.length > 0
      ? [
          `${incomplete.join(', ')} ${incomplete.length === 1 ? 'is an incomplete directory' : 'are incomplete directories'} ` +
            'left by an interrupted create: the restart moves them aside to .gt-incomplete/ in the data dir so they can be created',
        ]
      : []),
  ];
  if (config !== null) {
    const reason = [config.reason, ...databaseReasons].join('; ');
    return { ...RESTART, code: 'server-config-changed', before: config.before, after: config.after, reason };
  }
  if (databaseReasons.length > 0) {
    const before = { unserved: [...unserved, ...incomplete] };
    return { ...RESTART, code: 'databases-not-served', before, after: { unserved: [] }, reason: databaseReasons.join('; ') };
  }
  return null;
}
