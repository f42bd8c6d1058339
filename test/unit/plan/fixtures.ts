/** Builders of desired and observed towns for plan() tests: plain data, no I/O. */
import type { ClusterSettings, DaemonFile, DesiredDatabase, DesiredRemote, DesiredState, ServerSettings } from '../../../src/config/desired.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { flattenServerConfig, renderServerConfigYaml } from '../../../src/config/server-config-yaml.js';
import { parseYamlDocuments } from '../../../src/config/yaml-documents.js';
import type {
  ObservedBd,
  ObservedDatabase,
  ObservedRigFiles,
  ObservedServer,
  ObservedServerConfig,
  ObservedServerRoot,
  ObservedState,
  ObservedTownFiles,
} from '../../../src/observe/observed.js';
import type { JsonObject } from '../../../src/lib/json-value.js';
import { testSupervision } from '../../helpers/supervision.js';

export const TOWN = '/srv/town';

/** When the fixtures' towns are observed: 2026-12-03 14:00 UTC, 14:00 local (the lifecycle's windows are local). */
export const OBSERVED_AT = '2026-12-03T14:00:00.000Z';

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

/** A database without a lifecycle (decay and compaction off). */
export const NO_LIFECYCLE: DesiredDatabase['lifecycle'] = { decay: null, compaction: null, site: null };

const HOUR = 3_600_000;
const declared = (text: string, ms: number) => ({ text, ms });

/** Decay with Gas Town's defaults and flatten at 2000 commits every 24h, declared in the Town document at line 5. */
export const LIFECYCLE: DesiredDatabase['lifecycle'] = {
  decay: {
    closeStaleWispsAfter: declared('24h', 24 * HOUR),
    deleteClosedWispsAfter: declared('168h', 168 * HOUR),
    interval: declared('30m', HOUR / 2),
  },
  compaction: {
    mode: 'flatten',
    threshold: 2000,
    keepRecent: 50,
    interval: declared('24h', 24 * HOUR),
    window: null,
    gc: 'full',
    restorePointsKeep: declared('168h', 168 * HOUR),
  },
  site: { file: `${TOWN}/mayor/rigs.d/town.yaml`, line: 5, column: 3 },
};

/** The lifecycle part of an observation at OBSERVED_AT: the given facts, gt never having run anything. */
export function observedLifecycle(facts: NonNullable<ObservedState['lifecycle']>['facts'], overrides: Partial<NonNullable<ObservedState['lifecycle']>> = {}): NonNullable<ObservedState['lifecycle']> {
  return { at: OBSERVED_AT, localMinuteOfDay: 14 * 60, facts, uncounted: [], lastRuns: {}, ...overrides };
}

/** Decay candidates counted at OBSERVED_AT with the defaults' cutoffs. */
export function decayCandidates(staleOpen: number, closedExpired: number, related: number) {
  return {
    closeStaleBefore: '2026-12-02 14:00:00',
    deleteClosedBefore: '2026-11-26 14:00:00',
    staleOpen,
    closedExpired,
    related,
    tables: ['wisps', 'wisp_labels', 'wisp_comments', 'wisp_events', 'wisp_dependencies'],
  };
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
    lifecycle: NO_LIFECYCLE,
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
    lifecycle: NO_LIFECYCLE,
    source: { file: `${TOWN}/mayor/rigs.d/${name}.yaml`, line: 1, column: 1 },
    sites: NO_SITES,
    ...overrides,
  };
}

export function desiredTown(databases: DesiredDatabase[] = [hq()], overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    townRoot: TOWN,
    townName: { value: 'town', source: "the town directory's name" },
    server: serverSettings(),
    daemonConfig: daemonFile(),
    databases,
    daemonMetrics: null,
    lifecycle: { declared: false, declaresDecay: false, declaresCompaction: false, executor: 'gastown' },
    ledger: null,
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

/** A served database exactly as the desired one declares it, initialized for beads (no unpushed work). */
export function servedAsDeclared(database: DesiredDatabase): ObservedDatabase {
  return {
    name: database.name,
    remotes: (database.remotes ?? []).map((remote: DesiredRemote) => ({ ...remote })),
    ignore: database.ignore.map((pattern) => ({ pattern, ignored: true })),
    beadsPrefix: database.prefix ?? 'hq',
    unpushed: null,
  };
}

/** A served database with nothing in it: no remotes, no ignore patterns, not initialized for beads. */
export function servedEmpty(name: string, unpushed: ObservedDatabase['unpushed'] = null): ObservedDatabase {
  return { name, remotes: [], ignore: [], beadsPrefix: null, unpushed };
}

/** bd 1.0.0 on PATH, as observe() reports it when a database needs it. */
export const BD_FOUND: ObservedBd = { state: 'found', path: '/usr/local/bin/bd', source: 'PATH', version: '1.0.0' };

/** config.yaml's text as observe() reports it (parsed, flattened); null: no file. */
export function observedServerConfig(text: string | null): ObservedServerConfig {
  if (text === null) return 'absent';
  const { documents, diagnostics } = parseYamlDocuments('/town/.dolt-data/config.yaml', text);
  const settings = diagnostics.length > 0 ? null : flattenServerConfig(documents[0]?.value);
  return settings === null ? 'unparseable' : { settings };
}

/** No Gas Town file exists: a town gt never converged. */
export function absentTownFiles(): ObservedTownFiles {
  const absent = (path: string) => ({ path, content: null });
  return {
    town: absent('mayor/town.json'),
    rigs: absent('mayor/rigs.json'),
    hqMetadata: absent('.beads/metadata.json'),
    routes: { path: '.beads/routes.jsonl', exists: false, routes: [] },
    portFiles: [],
    rigFiles: {},
    serverState: 'absent',
  };
}

/** A beads directory's metadata.json as Gas Town's EnsureMetadata writes it for `database` on the desired server. */
export function metadataOf(desired: DesiredState, database: string): JsonObject {
  return {
    backend: 'dolt',
    database: 'dolt',
    dolt_database: database,
    dolt_mode: 'server',
    dolt_server_host: desired.server.host.value,
    dolt_server_port: desired.server.port.value,
  };
}

function convergedRigFiles(desired: DesiredState, rig: DesiredDatabase): ObservedRigFiles {
  const config = { type: 'rig', version: 1, name: rig.rig, git_url: '', created_at: OBSERVED_AT, beads: { prefix: rig.prefix ?? '' } };
  return {
    config: { path: `${rig.rig}/config.json`, content: config },
    beadsDir: `${rig.rig}/.beads`,
    mayorClone: false,
    metadata: { path: `${rig.rig}/.beads/metadata.json`, content: metadataOf(desired, rig.name) },
    portFiles: [],
  };
}

/** Every Gas Town file as gt leaves it for `desired` (the server with pid 4242 recorded the present databases). */
export function convergedTownFiles(desired: DesiredState): ObservedTownFiles {
  const present = desired.databases.filter((db) => db.ensure === 'present');
  const rigs = present.filter((db) => db.kind === 'Rig');
  const entry = (rig: DesiredDatabase) => ({ git_url: '', added_at: OBSERVED_AT, beads: { repo: 'local', prefix: rig.prefix ?? '' } });
  return {
    town: { path: 'mayor/town.json', content: { type: 'town', version: 2, name: desired.townName.value, created_at: OBSERVED_AT } },
    rigs: { path: 'mayor/rigs.json', content: { version: 1, rigs: Object.fromEntries(rigs.map((rig) => [rig.rig, entry(rig)])) } },
    hqMetadata: { path: '.beads/metadata.json', content: metadataOf(desired, 'hq') },
    routes: {
      path: '.beads/routes.jsonl',
      exists: true,
      routes: [
        { prefix: 'hq-', path: '.' },
        { prefix: 'hq-cv-', path: '.' },
        ...rigs.map((rig) => ({ prefix: `${rig.prefix ?? ''}-`, path: rig.rig })),
      ],
    },
    portFiles: [],
    rigFiles: Object.fromEntries(rigs.map((rig) => [rig.rig, convergedRigFiles(desired, rig)])),
    serverState: { content: { running: true, pid: 4242, port: desired.server.port.value, databases: present.map((db) => db.name).sort() } },
  };
}

/** The live town converged to `desired`: server up with its config.yaml, every present database served as declared. */
export function convergedObserved(desired: DesiredState): ObservedState {
  const present = desired.databases.filter((db) => db.ensure === 'present');
  return {
    observedAt: OBSERVED_AT,
    server: running(desired.server.port.value),
    daemonConfig: desired.daemonConfig,
    databases: present.map(servedAsDeclared),
    beadsUnreadable: null,
    onDisk: present.map((db) => db.name),
    incomplete: [],
    serverConfig: observedServerConfig(renderServerConfigYaml(desired.server)),
    serverRoot: ownRoot(desired.server.rootPath.value),
    cluster: null,
    portConflicts: [],
    lifecycle: null,
    sync: null,
    townFiles: convergedTownFiles(desired),
    bd: BD_FOUND,
    ledger: null,
  };
}

/** The server's own root exists, and the server (when one runs) runs with it. */
export function ownRoot(rootPath = `${TOWN}/.dolt-root`): ObservedServerRoot {
  return { running: rootPath, initialized: true, seed: null, persistedRole: null };
}

/** Nothing running and nothing on disk. */
export function emptyObserved(port = 3317, daemonConfig: DaemonFile = daemonFile()): ObservedState {
  return {
    observedAt: OBSERVED_AT,
    server: stopped(port),
    daemonConfig,
    databases: null,
    beadsUnreadable: null,
    onDisk: [],
    incomplete: [],
    serverConfig: 'absent',
    serverRoot: { ...ownRoot(), running: null },
    cluster: null,
    portConflicts: [],
    townFiles: absentTownFiles(),
    lifecycle: null,
    sync: null,
    bd: BD_FOUND,
    ledger: null,
  };
}

/**
 * A database also on disk since the server started: in onDisk, and in the databases daemon/dolt-state.json recorded
 * at that start.
 */
export function withOnDisk(observed: ObservedState, name: string): ObservedState {
  if (observed.onDisk.includes(name)) return observed;
  const files = observed.townFiles;
  const state = files?.serverState;
  if (files === null || typeof state !== 'object') return { ...observed, onDisk: [...observed.onDisk, name] };
  const serverState = { content: { ...state.content, databases: [...(state.content.databases as string[]), name].sort() } };
  return { ...observed, onDisk: [...observed.onDisk, name], townFiles: { ...files, serverState } };
}

/** Replaces one served database in an observed town (adding it when absent), keeping onDisk consistent. */
export function withServed(observed: ObservedState, database: ObservedDatabase): ObservedState {
  const others = (observed.databases ?? []).filter((db) => db.name !== database.name);
  return { ...withOnDisk(observed, database.name), databases: [...others, database] };
}

export const NO_FLAGS = { prune: false, force: false };
