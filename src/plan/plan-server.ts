import { isDeepStrictEqual } from 'node:util';
import type { ServerSettings } from '../config/desired.js';
import { serverConfigSettings, type ServerConfigSettings } from '../config/server-config-yaml.js';
import { gtSupervises } from '../config/server-settings.js';
import type { ObservedServer, ObservedServerConfig, ObservedServerRoot, PortConflict } from '../observe/observed.js';
import { relativeToTown } from './source-label.js';
import type { BlockedChange, PlanError, ServerAction } from './types.js';
import { serverConfigIn } from '../lib/town-layout.js';
import { rootReason, rootSetting, seedReason } from './plan-server-root.js';

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
 * with and is no reason to restart it. The root the server runs with counts as a setting (env.DOLT_ROOT_PATH).
 */
function configDifference(townRoot: string, server: ServerSettings, facts: ServerFacts): Difference | null {
  const observed = facts.serverConfig;
  const wanted = { ...serverConfigSettings(server), ...rootSetting(server.rootPath.value) };
  // a root gt cannot read (another user's process) is no reason to restart
  const runningRoot = rootSetting(facts.serverRoot.running ?? server.rootPath.value);
  const path = relativeToTown(townRoot, serverConfigIn(server.dataDir.value));
  if (typeof observed === 'string') {
    const problem = observed === 'absent' ? 'does not exist' : 'does not parse';
    const moves = !isDeepStrictEqual(runningRoot, rootSetting(server.rootPath.value));
    return {
      before: moves ? runningRoot : {},
      after: moves ? wanted : serverConfigSettings(server),
      reason: [`${path} ${problem}: the server does not run with gt's settings`, ...(moves ? [rootReason(townRoot, server, facts.serverRoot)] : [])].join('; '),
    };
  }
  const onDisk = { ...observed.settings, ...runningRoot };
  const before: ServerConfigSettings = {};
  const after: ServerConfigSettings = {};
  for (const key of new Set([...Object.keys(wanted), ...Object.keys(onDisk)])) {
    if (isDeepStrictEqual(wanted[key], onDisk[key])) continue;
    before[key] = onDisk[key] ?? null;
    after[key] = wanted[key] ?? null;
  }
  const changed = Object.keys(after);
  if (changed.length === 0) return null;
  const settings = changed.filter((key) => !(key in rootSetting('')));
  const reasons = [
    ...(settings.length > 0 ? [`${path} differs from the settings resolved from mayor/daemon.json and the Town manifest (${settings.join(', ')})`] : []),
    ...(settings.length < changed.length ? [rootReason(townRoot, server, facts.serverRoot)] : []),
  ];
  return { before, after, reason: reasons.join('; ') };
}

/** What every restart carries besides its code, values and reason. */
const RESTART = { kind: 'server', id: 'server', verb: 'restart', destructive: false, needsRestart: true } as const;

/** What the server's planner looks at besides the settings. */
export interface ServerFacts {
  observed: ObservedServer;
  serverConfig: ObservedServerConfig;
  serverRoot: ObservedServerRoot;
  /** Ports the server needs that another process holds. */
  portConflicts: readonly PortConflict[];
  /** Declared databases on disk that the running server does not serve. */
  unserved: readonly string[];
  /** Declared databases whose directories an interrupted create left. */
  incomplete: readonly string[];
}

export interface ServerPlan {
  action: ServerAction | null;
  blocked: BlockedChange[];
}

function start(townRoot: string, server: ServerSettings, facts: ServerFacts, observed: Extract<ObservedServer, { state: 'stopped' }>): ServerAction {
  const at = address(server, observed);
  const stale = observed.stalePid === null ? '' : ` (the pid file names pid ${observed.stalePid}, which is gone)`;
  const seed = seedReason(townRoot, server, facts.serverRoot);
  return {
    kind: 'server',
    id: 'server',
    verb: 'start',
    code: 'server-stopped',
    before: { state: 'stopped', host: server.host.value, port: observed.port },
    after: { state: 'running', host: server.host.value, port: observed.port },
    reason: `nothing serves this town on ${at}${stale}: apply writes config.yaml and starts dolt sql-server${seed === null ? '' : `; ${seed}`}`,
    destructive: false,
    needsRestart: false,
  };
}

function databaseReasons(facts: ServerFacts): string[] {
  const { unserved, incomplete } = facts;
  return [
    ...(unserved.length > 0 ? [`${unserved.join(', ')} ${unserved.length === 1 ? 'is' : 'are'} on disk but not served: a restart loads them`] : []),
    ...(incomplete.length > 0
      ? [
          `${incomplete.join(', ')} ${incomplete.length === 1 ? 'is an incomplete directory' : 'are incomplete directories'} ` +
            'left by an interrupted create: the restart moves them aside to .gt-incomplete/ in the data dir so they can be created',
        ]
      : []),
  ];
}

/** The restart a running server needs: for its settings (config.yaml, its root), or for databases it does not serve. */
function restartRunning(townRoot: string, server: ServerSettings, facts: ServerFacts): ServerAction | null {
  const config = configDifference(townRoot, server, facts);
  const reasons = databaseReasons(facts);
  if (config !== null) {
    const reason = [config.reason, ...reasons].join('; ');
    return { ...RESTART, code: 'server-config-changed', before: config.before, after: config.after, reason };
  }
  if (reasons.length > 0) {
    const before = { unserved: [...facts.unserved, ...facts.incomplete] };
    return { ...RESTART, code: 'databases-not-served', before, after: { unserved: [] }, reason: reasons.join('; ') };
  }
  return null;
}

/** The server's action before anything could stop it: start, restart a hung server, or restart for its settings. */
function serverAction(townRoot: string, server: ServerSettings, facts: ServerFacts): ServerAction | null {
  const { observed } = facts;
  if (observed.state === 'stopped') return start(townRoot, server, facts, observed);
  if (observed.state === 'unhealthy') {
    const pid = observed.pid === null ? '' : ` (pid ${observed.pid})`;
    return {
      ...RESTART,
      code: 'server-unhealthy',
      before: { state: 'unhealthy' },
      after: { state: 'running' },
      reason: `the server on ${address(server, observed)}${pid} does not answer SELECT 1: ${observed.reason}`,
    };
  }
  return observed.state === 'running' ? restartRunning(townRoot, server, facts) : null;
}

/** A start or restart Dolt would fail: a port it must listen on is another process's. */
function portsBlock(action: ServerAction, conflicts: readonly PortConflict[]): BlockedChange[] {
  return conflicts.map((conflict) => {
    const holder = conflict.pid === null ? 'a process gt cannot inspect' : `pid ${conflict.pid}${conflict.command === null ? '' : ` (${conflict.command})`}`;
    return {
      id: action.id,
      verb: action.verb,
      code: 'port-in-use',
      reason: `${conflict.setting} ${conflict.port} is held by ${holder}, which is not this town's server: Dolt would not start`,
      hint: `stop that process, or declare another port in ${conflict.setting}`,
    };
  });
}

/**
 * The server's action when serverError found nothing and gt supervises the server: start a stopped server, restart a
 * hung one, or restart a running one whose settings differ (config.yaml, or the root it runs with), that does not
 * serve databases the town declares and has on disk, or that holds a declared database's directory left incomplete
 * by an interrupted create (a start moves those aside). Apply writes config.yaml before every start or restart. A
 * start or restart that would fail on a port another process holds is blocked instead.
 */
export function planServer(townRoot: string, server: ServerSettings, facts: ServerFacts): ServerPlan {
  if (!gtSupervises(server)) return { action: null, blocked: [] };
  const action = serverAction(townRoot, server, facts);
  if (action === null) return { action: null, blocked: [] };
  const blocked = portsBlock(action, facts.portConflicts);
  return blocked.length > 0 ? { action: null, blocked } : { action, blocked: [] };
}
