/** Builders of desired and observed towns for plan() tests: plain data, no I/O. */
import type { ClusterSettings, DaemonFile, DesiredDatabase, DesiredRemote, DesiredState, ServerSettings } from '../../../src/config/desired.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { flattenServerConfig, renderServerConfigYaml } from '../../../src/config/server-config-yaml.js';
import { parseYamlDocuments } from '../../../src/config/yaml-documents.js';
import type { ObservedDatabase, ObservedServer, ObservedServerConfig, ObservedServerRoot, ObservedState } from '../../../src/observe/observed.js';
import { testSupervision } from '../../helpers/supervision.js';

export const TOWN = '/srv/town';

function byDefault<T>(value: T) {
  return { value, source: 'default' };
}

/** A town on port 3317; supervised by gt unless `overrides` says otherwise (external: true makes it external). */
export function serverSettings(overrides: Partial<ServerSettings> = {}): ServerSettings {
  const external = overrides.external ?? byDefault(false);
  return {
    port: { value: 3317, source: 'mayor/daemon.json env.GT_DOLT_PORT' },
    host: byDefault('127.0.0.1'),
    user: byDefault('root'),
    password: { value: 'hunter2', source: 'env GT_DOLT_PASSWORD' },
    dataDir: byDefault(`${TOWN}/.dolt-data`),
    rootPath: byDefault(`${TOWN}/.dolt-root`),
    logFile: byDefault(`${TOWN}/daemon/dolt.log`),
    logLevel: byDefault('info'),
    maxConnections: byDefault(1000),
    readTimeoutMillis: byDefault(28_800_000),
    writeTimeoutMillis: byDefault(28_800_000),
    waitTimeoutSeconds: byDefault(0),
    external,
    supervisor: external.value ? { value: 'external', source: external.source } : byDefault('gt'),
    supervision: testSupervision(),
    metrics: null,
    cluster: null,
    ...overrides,
  };
}

/** A town that replicates to one peer, standby1 (as a Town manifest with spec.replication declares it). */
export function clusterSettings(overrides: Partial<ClusterSettings> = {}): ClusterSettings {
  return {
    bootstrapRole: 'primary',
    remotesapi: { host: '127.0.0.1', port: 50051 },
    peers: [{ name: 'standby1', remotesapi: 'http://127.0.0.1:50052', sql: { host: '127.0.0.1', port: 3318 } }],
    declaredAt: 'mayor/rigs.d/town.yaml:6:3',
    ...overrides,
  };
}

/** daemon.json on disk with the given content; every lifecycle patrol present unless told otherwise. */
export function daemonFile(raw: Record<string, unknown> = defaultDaemonConfig()): DaemonFile {
  return { path: `${TOWN}/mayor/daemon.json`, exists: true, raw, text: JSON.stringify(raw, null, 2), mode: 0o644 };
}

export function missingDaemonFile(): DaemonFile {
  return { path: `${TOWN}/mayor/daemon.json`, exists: false, raw: {}, text: null, mode: null };
}

/** A database whose manifest declares where nothing is (the implicit hq, or a test that does not care). */
export const NO_SITES: DesiredDatabase['sites'] = { remotes: null, remote: {}, ignore: {} };

export function hq(overrides: Partial<DesiredDatabase> = {}): DesiredDatabase {
  return {
    name: 'hq',
    rig: 'hq',
    kind: 'Town',
    prefix: null,
    ensure: 'present',
    protect: false,
    remotes: null,
    ignore: [],
    source: null,
    sites: NO_SITES,
    ...overrides,
  };
}

export function rig(name: string, overrides: Partial<DesiredDatabase> = {}): DesiredDatabase {
  return {
    name,
    rig: name,
    kind: 'Rig',
    prefix: name.slice(0, 2),
    ensure: 'present',
    protect: false,
    remotes: [{ name: 'origin', url: `file:///srv/dolt-remotes/${name}` }],
    ignore: ['wisps'],
    source: { file: `${TOWN}/mayor/rigs.d/${name}.yaml`, line: 1, column: 1 },
    sites: NO_SITES,
    ...overrides,
  };
}

export function desiredTown(databases: DesiredDatabase[] = [hq()], overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    townRoot: TOWN,
    server: serverSettings(),
    daemonConfig: daemonFile(),
    databases,
    daemonMetrics: null,
    sources: [`${TOWN}/mayor/daemon.json`],
    ...overrides,
  };
}

export function running(port = 3317): ObservedServer {
  return { state: 'running', host: '127.0.0.1', port, pid: 4242, version: '1.59.0', identity: '--config matches', startedAt: null };
}

export function stopped(port = 3317): ObservedServer {
  return { state: 'stopped', port, stalePid: null };
}

/** A served database exactly as the desired one declares it (no unpushed work). */
export function servedAsDeclared(database: DesiredDatabase): ObservedDatabase {
  return {
    name: database.name,
    remotes: (database.remotes ?? []).map((remote: DesiredRemote) => ({ ...remote })),
    ignore: database.ignore.map((pattern) => ({ pattern, ignored: true })),
    unpushed: null,
  };
}

/** config.yaml's text as observe() reports it (parsed, flattened); null: no file. */
export function observedServerConfig(text: string | null): ObservedServerConfig {
  if (text === null) return 'absent';
  const { documents, diagnostics } = parseYamlDocuments('/town/.dolt-data/config.yaml', text);
  const settings = diagnostics.length > 0 ? null : flattenServerConfig(documents[0]?.value);
  return settings === null ? 'unparseable' : { settings };
}

/** The live town converged to `desired`: server up with its config.yaml, every present database served as declared. */
export function convergedObserved(desired: DesiredState): ObservedState {
  const present = desired.databases.filter((db) => db.ensure === 'present');
  return {
    server: running(desired.server.port.value),
    daemonConfig: desired.daemonConfig,
    databases: present.map(servedAsDeclared),
    onDisk: present.map((db) => db.name),
    incomplete: [],
    serverConfig: observedServerConfig(renderServerConfigYaml(desired.server)),
    serverRoot: ownRoot(desired.server.rootPath.value),
    cluster: null,
    portConflicts: [],
  };
}

/** The server's own root exists, and the server (when one runs) runs with it. */
export function ownRoot(rootPath = `${TOWN}/.dolt-root`): ObservedServerRoot {
  return { running: rootPath, initialized: true, seed: null, persistedRole: null };
}

/** Nothing running and nothing on disk. */
export function emptyObserved(port = 3317, daemonConfig: DaemonFile = daemonFile()): ObservedState {
  return {
    server: stopped(port),
    daemonConfig,
    databases: null,
    onDisk: [],
    incomplete: [],
    serverConfig: 'absent',
    serverRoot: { ...ownRoot(), running: null },
    cluster: null,
    portConflicts: [],
  };
}

/** Replaces one served database in an observed town (adding it when absent), keeping onDisk consistent. */
export function withServed(observed: ObservedState, database: ObservedDatabase): ObservedState {
  const others = (observed.databases ?? []).filter((db) => db.name !== database.name);
  return {
    ...observed,
    databases: [...others, database],
    onDisk: observed.onDisk.includes(database.name) ? observed.onDisk : [...observed.onDisk, database.name],
  };
}

export const NO_FLAGS = { prune: false, force: false };
