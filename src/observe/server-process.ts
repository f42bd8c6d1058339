import { readFileSync, realpathSync } from 'node:fs';
import { flattenServerConfig } from '../config/server-config-yaml.js';
import { parseYamlDocuments } from '../config/yaml-documents.js';
import { resolve } from 'node:path';
import type { ServerEndpointSettings } from '../config/desired.js';
import { readPidFile, readServerState } from '../lib/dolt-runtime-files.js';
import { clientHost, isWildcardAddress, withAddress } from '../lib/connect.js';
import { isProcessAlive } from '../lib/process.js';
import type { ObservedServer } from './observed.js';
import { findPortListeners, listeningPortsOf, processArgs, processCwd, type PortListener } from './proc.js';
import { probeServerHealth, type HealthProbe } from './server-health.js';
import { serverConfigIn } from '../lib/town-layout.js';

function samePath(a: string, b: string): boolean {
  const canonical = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return canonical(a) === canonical(b);
}

function optionValue(args: string[], name: string): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1] ?? null;
    if (args[i]?.startsWith(`${name}=`)) return args[i]!.slice(name.length + 1);
  }
  return null;
}

/**
 * How we know process `pid` is a `dolt sql-server` serving `dataDir` (what Gas Town's `doltProcessMatchesTown` checks): its `--config` is
 * the data dir's config.yaml, its `--data-dir` is the data dir, or it runs in the data dir. Null: no evidence.
 */
function serverIdentity(pid: number, dataDir: string): string | null {
  const args = processArgs(pid);
  if (args === null || !args.includes('sql-server')) return null;
  const cwd = processCwd(pid);
  const base = cwd ?? '/';
  const config = optionValue(args, '--config');
  const configYaml = serverConfigIn(dataDir);
  if (config !== null && samePath(resolve(base, config), configYaml)) {
    return `--config ${configYaml}`;
  }
  const dataDirArg = optionValue(args, '--data-dir');
  if (dataDirArg !== null && samePath(resolve(base, dataDirArg), dataDir)) return `--data-dir ${dataDir}`;
  if (cwd !== null && samePath(cwd, dataDir)) return `working directory ${dataDir}`;
  return null;
}

/** The listeners' common owner when every one of them is this town's server, else the first foreign one. */
function ownerOf(
  listeners: PortListener[],
  dataDir: string,
): { pid: number; identity: string } | { foreign: PortListener } {
  let owner: { pid: number; identity: string } | null = null;
  for (const listener of listeners) {
    const identity = listener.pid === null ? null : serverIdentity(listener.pid, dataDir);
    if (listener.pid === null || identity === null) return { foreign: listener };
    owner = { pid: listener.pid, identity };
  }
  if (owner === null) throw new Error('ownerOf needs at least one listener');
  return owner;
}

/** The ports config.yaml has the server listen on besides its SQL port: metrics and the cluster's remotesapi. */
function otherListenerPorts(dataDir: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(serverConfigIn(dataDir), 'utf8');
  } catch {
    return [];
  }
  const parsed = parseYamlDocuments(serverConfigIn(dataDir), text);
  const settings = parsed.diagnostics.length > 0 ? null : flattenServerConfig(parsed.documents[0]?.value);
  return settings === null ? [] : [settings['metrics.port'], settings['cluster.remotesapi.port']];
}

function commandLine(pid: number): string | null {
  return processArgs(pid)?.join(' ') ?? null;
}

function startedAt(townRoot: string, pid: number): string | null {
  const state = readServerState(townRoot);
  return state?.pid === pid && typeof state.started_at === 'string' ? state.started_at : null;
}

type Probe<P extends HealthProbe> = (settings: ServerEndpointSettings) => Promise<P>;

/**
 * The settings to reach this town's server with: the configured address when the server listens there, else the
 * address it does listen on (`port`, the configured one or the one it was found on). After the listen host or port
 * changed in the config, the server still runs with the old one until a restart: it is running, with a config
 * change, not unreachable.
 */
function reachableSettings(settings: ServerEndpointSettings, port: number, listeners: PortListener[]): ServerEndpointSettings {
  const configured = clientHost(settings);
  const listening = listeners.map((listener) => listener.address);
  if (listening.length === 0 || listening.some((address) => address === configured || isWildcardAddress(address))) {
    return withAddress(settings, configured, port);
  }
  return withAddress(settings, listening[0] as string, port);
}

async function inspectExternal<P extends HealthProbe>(settings: ServerEndpointSettings, probe: Probe<P>): Promise<Inspection<P>> {
  const port = settings.port.value;
  const health = await probe(settings);
  if (health.ok) {
    return {
      server: { state: 'running', host: clientHost(settings), port, pid: null, version: health.version, identity: 'external server', startedAt: null },
      probe: health,
    };
  }
  const server: ObservedServer = health.refused
    ? { state: 'stopped', port, stalePid: null }
    : { state: 'unhealthy', port, pid: null, reason: health.reason };
  return { server, probe: health };
}

/**
 * The town's Dolt server as it is: pid file, the listener on the port and whether it serves this town's data dir,
 * and a health probe. A listener that is not ours is an imposter (reported, never touched). External servers are
 * only probed.
 */
export async function inspectServer(townRoot: string, settings: ServerEndpointSettings): Promise<ObservedServer> {
  return (await inspectServerWith(townRoot, settings, probeServerHealth)).server;
}

/** What inspectServerWith found, and its health probe's result when it probed. */
export interface Inspection<P extends HealthProbe> {
  server: ObservedServer;
  probe: P | null;
}

/** The listeners on `port` that are this town's server, inspected: an imposter, or running or unhealthy there. */
async function inspectListeners<P extends HealthProbe>(
  townRoot: string,
  settings: ServerEndpointSettings,
  port: number,
  listeners: PortListener[],
  probe: Probe<P>,
): Promise<Inspection<P>> {
  const dataDir = settings.dataDir.value;
  const owner = ownerOf(listeners, dataDir);
  if ('foreign' in owner) {
    const { pid, address } = owner.foreign;
    const server: ObservedServer = {
      state: 'imposter',
      port,
      pid,
      command: pid === null ? null : commandLine(pid),
      reason:
        `port ${port} (${address}) is held by ${pid === null ? 'a process gt cannot inspect' : `PID ${pid}`}, ` +
        `which is not a Dolt server serving ${dataDir}`,
    };
    return { server, probe: null };
  }
  const reachable = reachableSettings(settings, port, listeners);
  const health = await probe(reachable);
  const server: ObservedServer = health.ok
    ? {
        state: 'running',
        host: clientHost(reachable),
        port,
        pid: owner.pid,
        version: health.version,
        identity: owner.identity,
        startedAt: startedAt(townRoot, owner.pid),
      }
    : { state: 'unhealthy', port, pid: owner.pid, reason: health.reason };
  return { server, probe: health };
}

/** inspectServer with the health probe given, whose result (e.g. a connection it kept) comes back with the server. */
export async function inspectServerWith<P extends HealthProbe>(townRoot: string, settings: ServerEndpointSettings, probe: Probe<P>): Promise<Inspection<P>> {
  if (settings.external.value) return inspectExternal(settings, probe);
  const port = settings.port.value;
  const dataDir = settings.dataDir.value;
  const pidFromFile = readPidFile(townRoot);
  const listeners = findPortListeners(port, pidFromFile === null ? [] : [pidFromFile]);
  if (listeners.length > 0) return inspectListeners(townRoot, settings, port, listeners, probe);

  if (pidFromFile !== null && isProcessAlive(pidFromFile) && serverIdentity(pidFromFile, dataDir) !== null) {
    // After the port changed in the config, the server listens on its old port until the restart that applies it
    // (besides its metrics and remotesapi ports, which config.yaml names).
    const others = otherListenerPorts(dataDir);
    const [oldPort] = listeningPortsOf(pidFromFile).filter((port) => !others.includes(port));
    if (oldPort !== undefined) {
      return inspectListeners(townRoot, settings, oldPort, findPortListeners(oldPort, [pidFromFile]), probe);
    }
    const server: ObservedServer = {
      state: 'unhealthy',
      port,
      pid: pidFromFile,
      reason: `Dolt server PID ${pidFromFile} is alive but not listening on any port (still starting, or hung)`,
    };
    return { server, probe: null };
  }
  return { server: { state: 'stopped', port, stalePid: pidFromFile }, probe: null };
}
