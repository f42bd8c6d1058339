/**
 * Property-based tests of the pure planner: for arbitrary desired and live towns, executing the plan converges, and
 * no plan destroys anything the config and the flags do not allow. The live town is a small pure model; `execute`
 * applies each action's effect the way src/apply does.
 */
import fc from 'fast-check';
import type { DaemonFile, DesiredDatabase, DesiredState } from '../../src/config/desired.js';
import { daemonConfigText } from '../../src/config/daemon-file-writer.js';
import { defaultDaemonConfig, ensureLifecycleDefaults, LIFECYCLE_DEFAULTS } from '../../src/config/lifecycle.js';
import { renderServerConfigYaml } from '../../src/config/server-config-yaml.js';
import type { ObservedBd, ObservedDatabase, ObservedIgnore, ObservedRemote, ObservedServer, ObservedState } from '../../src/observe/observed.js';
import { plan } from '../../src/plan/plan.js';
import { renderPlanJson } from '../../src/plan/render-json.js';
import { renderPlanText } from '../../src/plan/render-text.js';
import { plannedDaemonWrite } from '../../src/plan/plan-daemon-config.js';
import type { DaemonConfigAction, Plan, PlanOptions } from '../../src/plan/types.js';
import { NO_LIFECYCLE, NO_SITES, OBSERVED_AT, observedServerConfig, ownRoot, serverSettings, TOWN } from '../unit/plan/fixtures.js';
import { applyTownFileAction, liveFilesArb, observeFiles, OTHER_RIG_ENTRY, type LiveFiles } from './support/town-files-model.js';

/** A database in the data dir, as the model of the live town holds it. */
interface LiveDatabase {
  name: string;
  /** Loaded by the running server (a database created on disk while it ran, or present when it started). */
  served: boolean;
  remotes: ObservedRemote[];
  ignore: ObservedIgnore[];
  /** bd's issue_prefix; null until bd initialized the database. */
  beadsPrefix: string | null;
  unpushed: { commits: number; dirty: boolean };
}

interface LiveTown {
  server: 'stopped' | 'running' | 'unhealthy' | 'imposter';
  configText: string | null;
  daemonConfig: DaemonFile;
  databases: LiveDatabase[];
  /** Directories an interrupted create left (they block creating a database of that name). */
  incomplete: string[];
  /** Gas Town's registry and beads files. */
  files: LiveFiles;
  /** The bd gt finds when it looks. */
  bd: ObservedBd;
}

interface Scenario {
  desired: DesiredState;
  live: LiveTown;
  options: PlanOptions;
}

const SECRET = 's3cr3t-t0ken';
const DATABASE_NAMES = ['wyvern', 'gryphon', 'sky', 'ember'];
const REMOTE_NAMES = ['origin', 'backup', 'mirror'];
const URLS = [
  'file:///srv/remotes/a',
  'file:///srv/remotes/b',
  `https://gt:${SECRET}@dolthub.example/town/db`,
  `https://dolthub.example/town/db?token=${SECRET}`,
];
const PATTERNS = ['wisps', 'wisp_*', 'scratch_?'];

const remotesArb = fc.uniqueArray(
  fc.record({ name: fc.constantFrom(...REMOTE_NAMES), url: fc.constantFrom(...URLS) }),
  { selector: (remote) => remote.name, maxLength: 3 },
);

const desiredDatabaseArb = (name: string): fc.Arbitrary<DesiredDatabase> =>
  fc.record({
    name: fc.constant(name),
    rig: fc.constant(name),
    kind: fc.constant('Rig' as const),
    prefix: fc.constant(name.slice(0, 2)),
    ensure: fc.constantFrom('present' as const, 'absent' as const),
    protect: fc.boolean(),
    remotes: fc.option(remotesArb, { nil: null }),
    ignore: fc.uniqueArray(fc.constantFrom(...PATTERNS), { maxLength: 3 }),
    lifecycle: fc.constant(NO_LIFECYCLE),
    source: fc.constant({ file: `${TOWN}/mayor/rigs.d/${name}.yaml`, line: 5, column: 9 }),
    sites: fc.constant(NO_SITES),
  });

const hqArb: fc.Arbitrary<DesiredDatabase> = fc.record({
  name: fc.constant('hq'),
  rig: fc.constant('hq'),
  kind: fc.constant('Town' as const),
  prefix: fc.constant(null),
  ensure: fc.constant('present' as const),
  protect: fc.boolean(),
  remotes: fc.option(remotesArb, { nil: null }),
  ignore: fc.uniqueArray(fc.constantFrom(...PATTERNS), { maxLength: 2 }),
  lifecycle: fc.constant(NO_LIFECYCLE),
  source: fc.constant(null),
  sites: fc.constant(NO_SITES),
});

/** Gas Town's dolt_server entry: absent, null, or with some of what its daemon reads (some of it not the town's). */
const doltServerArb = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record(
    {
      enabled: fc.boolean(),
      port: fc.constantFrom(3317, 4400),
      data_dir: fc.constantFrom(`${TOWN}/.dolt-data`, '/elsewhere'),
      log_file: fc.constantFrom(`${TOWN}/daemon/dolt.log`, ''),
    },
    { requiredKeys: [] },
  ),
);

const daemonFileArb: fc.Arbitrary<DaemonFile> = fc.oneof(
  fc.constant<DaemonFile>({ path: `${TOWN}/mayor/daemon.json`, exists: false, raw: {}, text: null, mode: null }),
  fc.tuple(fc.subarray(Object.keys(LIFECYCLE_DEFAULTS)), fc.boolean(), doltServerArb).map(([missing, asNull, doltServer]): DaemonFile => {
    const patrols: Record<string, unknown> = { ...(defaultDaemonConfig().patrols as Record<string, unknown>) };
    for (const key of missing) {
      if (asNull) patrols[key] = null;
      else delete patrols[key];
    }
    if (doltServer !== undefined) patrols.dolt_server = doltServer;
    const raw = { type: 'daemon-patrol-config', version: 1, patrols };
    return { path: `${TOWN}/mayor/daemon.json`, exists: true, raw, text: JSON.stringify(raw), mode: 0o644 };
  }),
);

const liveDatabaseArb = (name: string): fc.Arbitrary<LiveDatabase> =>
  fc.record({
    name: fc.constant(name),
    served: fc.boolean(),
    remotes: remotesArb,
    ignore: fc.uniqueArray(fc.record({ pattern: fc.constantFrom(...PATTERNS), ignored: fc.boolean() }), {
      selector: (row) => row.pattern,
      maxLength: 3,
    }),
    beadsPrefix: fc.constantFrom(null, name.slice(0, 2), 'zz'),
    unpushed: fc.record({ commits: fc.nat(2), dirty: fc.boolean() }),
  });

const BD_STATES: ObservedBd[] = [
  { state: 'found', path: '/usr/local/bin/bd', source: 'PATH', version: '1.0.0' },
  { state: 'found', path: '/opt/bd', source: 'GT_BD_BIN', version: '0.59.0' },
  { state: 'unavailable', source: 'PATH', reason: 'no bd on PATH' },
];

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    rigs: fc.subarray(DATABASE_NAMES).chain((names) => fc.tuple(...names.map(desiredDatabaseArb))),
    hq: hqArb,
    supervisor: fc.constantFrom('gt' as const, 'gastown' as const, 'external' as const),
    logLevel: fc.constantFrom('warning', 'info'),
    liveNames: fc.subarray(['hq', ...DATABASE_NAMES, 'unmanaged_db']),
    incompleteNames: fc.subarray([...DATABASE_NAMES, 'half_made']),
    server: fc.constantFrom('stopped' as const, 'running' as const, 'unhealthy' as const, 'imposter' as const),
    configText: fc.constantFrom('rendered', 'stale', 'garbage', 'absent'),
    daemonConfig: daemonFileArb,
    files: liveFilesArb,
    bd: fc.constantFrom(...BD_STATES),
    options: fc.record({ prune: fc.boolean(), force: fc.boolean() }),
  })
  .chain((shape) =>
    fc.tuple(...shape.liveNames.map(liveDatabaseArb)).map((liveDatabases): Scenario => {
      const server = serverSettings({
        external: { value: shape.supervisor === 'external', source: 'test' },
        supervisor: { value: shape.supervisor, source: 'test' },
      });
      const desired: DesiredState = {
        townRoot: TOWN,
        townName: { value: 'town', source: 'test' },
        server,
        daemonConfig: shape.daemonConfig,
        daemonMetrics: null,
        databases: [shape.hq, ...shape.rigs],
        lifecycle: { declared: false, declaresDecay: false, declaresCompaction: false, executor: 'gastown' },
        ledger: null,
        sources: [],
      };
      const configText = {
        rendered: renderServerConfigYaml(server),
        stale: renderServerConfigYaml({ ...server, logLevel: { value: shape.logLevel === 'info' ? 'debug' : 'info', source: 'test' } }),
        garbage: 'listener: [unclosed',
        absent: null,
      }[shape.configText];
      const queryable = shape.server === 'running';
      return {
        desired,
        live: {
          server: shape.server,
          configText,
          daemonConfig: shape.daemonConfig,
          databases: liveDatabases.map((db) => ({ ...db, served: queryable && db.served })),
          incomplete: shape.incompleteNames.filter((name) => !shape.liveNames.includes(name)),
          files: shape.files,
          bd: shape.bd,
        },
        options: shape.options,
      };
    }),
  );

/** What gt's observe() would report about the live town. */
function observe(live: LiveTown, desired: DesiredState): ObservedState {
  const port = desired.server.port.value;
  const servers: Record<LiveTown['server'], ObservedServer> = {
    stopped: { state: 'stopped', port, stalePid: null },
    running: { state: 'running', host: '127.0.0.1', port, pid: 4242, version: '1.59.0', identity: '--config matches', startedAt: null },
    unhealthy: { state: 'unhealthy', port, pid: 4242, reason: 'SELECT 1 timed out' },
    imposter: { state: 'imposter', port, pid: 999, command: 'nc -l', reason: 'not a Dolt server' },
  };
  const probed = new Set(desired.databases.filter((db) => db.ensure === 'absent').map((db) => db.name));
  const databases: ObservedDatabase[] | null =
    live.server === 'running'
      ? live.databases
          .filter((db) => db.served)
          .map((db) => ({
            name: db.name,
            remotes: db.remotes.map((r) => ({ ...r })),
            ignore: db.ignore.map((row) => ({ ...row })),
            beadsPrefix: db.beadsPrefix,
            unpushed: probed.has(db.name) ? { ...db.unpushed, detail: '' } : null,
          }))
      : null;
  // information_schema fails as a whole while the server serves a leftover of an interrupted create, so which
  // databases have bd's tables cannot be told when some have not
  const beadsUnreadable =
    databases !== null && live.incomplete.length > 0 && databases.some((db) => db.beadsPrefix === null) ? 'a broken database' : null;
  return {
    observedAt: OBSERVED_AT,
    server: servers[live.server],
    daemonConfig: live.daemonConfig,
    databases,
    beadsUnreadable,
    onDisk: live.databases.map((db) => db.name).sort(),
    incomplete: [...live.incomplete],
    serverConfig: observedServerConfig(live.configText),
    serverRoot: { ...ownRoot(), running: live.server === 'running' ? ownRoot().running : null },
    cluster: null,
    portConflicts: [],
    lifecycle: null,
    sync: null,
    townFiles: observeFiles(live.files, desired),
    bd: live.bd,
    ledger: null,
  };
}

/** The live town after every action of the plan succeeded, each with the effect src/apply gives it. */
function execute(live: LiveTown, planned: Plan, desired: DesiredState): LiveTown {
  const next: LiveTown = structuredClone(live);
  const database = (name: string): LiveDatabase => {
    const found = next.databases.find((db) => db.name === name);
    if (found === undefined) throw new Error(`the plan acts on ${name}, which does not exist`);
    return found;
  };
  const daemonConfig = planned.actions.filter((action): action is DaemonConfigAction => action.kind === 'daemon-config');
  const written = daemonConfigText(next.daemonConfig, plannedDaemonWrite(daemonConfig));
  if (written !== null) {
    const raw = JSON.parse(written.text) as Record<string, unknown>;
    next.daemonConfig = { ...next.daemonConfig, exists: true, raw, text: written.text, mode: next.daemonConfig.mode ?? 0o644 };
  }
  for (const action of planned.actions) {
    switch (action.kind) {
      case 'daemon-config':
        break; // all of them at once, below, as apply writes them
      case 'server': {
        // apply moves declared databases' incomplete directories aside, writes config.yaml, then the server loads
        // every database on disk
        const present = new Set(desired.databases.filter((db) => db.ensure === 'present').map((db) => db.name));
        next.incomplete = next.incomplete.filter((name) => !present.has(name));
        next.server = 'running';
        next.configText = renderServerConfigYaml(desired.server);
        for (const db of next.databases) db.served = true;
        // the start records the databases on disk then (daemon/dolt-state.json)
        next.files.state = { running: true, pid: 4242, databases: next.databases.map((db) => db.name).sort() };
        break;
      }
      case 'database':
        if (action.verb === 'create') {
          if (next.server !== 'running') throw new Error(`create ${action.database} while the server is ${next.server}`);
          if (next.incomplete.includes(action.database)) throw new Error(`create ${action.database}: Dolt says the database exists`);
          next.databases.push({
            name: action.database,
            served: true,
            remotes: [],
            ignore: [],
            beadsPrefix: null,
            unpushed: { commits: 0, dirty: false },
          });
        } else {
          next.databases = next.databases.filter((db) => db.name !== action.database);
        }
        break;
      case 'remote': {
        const db = database(action.database);
        db.remotes = db.remotes.filter((remote) => remote.name !== action.name);
        if (action.verb !== 'delete') db.remotes.push({ name: action.name, url: action.toUrl as string });
        break;
      }
      case 'ignore': {
        const db = database(action.database);
        db.ignore = [...db.ignore.filter((row) => row.pattern !== action.pattern), { pattern: action.pattern, ignored: true }];
        break;
      }
      case 'town-file':
        applyTownFileAction(next.files, action);
        break;
      case 'beads':
        database(action.database).beadsPrefix = action.after.issue_prefix;
        break;
    }
  }
  return next;
}

/** Exactly one program supervises the server: what Gas Town's dolt_server entry must say for the declared supervisor. */
function expectOneSupervisor(live: LiveTown, desired: DesiredState, initial: LiveTown): void {
  const patrols = live.daemonConfig.raw.patrols as Record<string, unknown>;
  const entry = (patrols.dolt_server ?? {}) as Record<string, unknown>;
  const initialPatrols = (initial.daemonConfig.raw.patrols ?? {}) as Record<string, unknown>;
  switch (desired.server.supervisor.value) {
    case 'gt':
      expect(entry.enabled === true).toBe(false);
      break;
    case 'gastown':
      expect(entry).toMatchObject({ enabled: true, port: desired.server.port.value, data_dir: desired.server.dataDir.value });
      expect(typeof entry.log_file === 'string' && entry.log_file !== '').toBe(true);
      break;
    case 'external':
      expect(patrols.dolt_server).toEqual(initialPatrols.dolt_server);
      break;
  }
}

/** Gas Town's files say what the config declares, and everything gt does not manage in them is still there. */
function expectFilesMatchDesired(live: LiveTown, desired: DesiredState, initial: LiveFiles): void {
  const { json, routes, ports, state } = live.files;
  const port = desired.server.port.value;
  const present = desired.databases.filter((db) => db.ensure === 'present');
  expect(json['mayor/town.json']).toMatchObject({ type: 'town', version: 2, name: initial.json['mayor/town.json']?.name ?? 'town' });
  const rigs = json['mayor/rigs.json']?.rigs as Record<string, { beads: { prefix: string } }>;
  for (const rig of present.filter((db) => db.kind === 'Rig')) {
    expect({ rig: rig.rig, prefix: rigs[rig.rig]?.beads.prefix }).toEqual({ rig: rig.rig, prefix: rig.prefix });
    expect(json[`${rig.rig}/config.json`]).toMatchObject({ type: 'rig', name: rig.rig, beads: { prefix: rig.prefix } });
    expect(json[`${rig.rig}/.beads/metadata.json`]).toMatchObject({ dolt_database: rig.name, dolt_mode: 'server', dolt_server_port: port });
    expect(routes?.find((route) => route.prefix === `${rig.prefix}-`)?.path).toBe(rig.rig);
  }
  expect(json['.beads/metadata.json']).toMatchObject({ dolt_database: 'hq', dolt_server_port: port });
  expect(routes?.find((route) => route.prefix === 'hq-')?.path).toBe('.');
  for (const [path, found] of Object.entries(ports)) expect({ path, port: found }).toEqual({ path, port });
  for (const [path, content] of Object.entries(json)) if ('dolt_server_port' in content) expect({ path, port: content.dolt_server_port }).toEqual({ path, port });
  if (initial.json['mayor/rigs.json'] !== undefined) {
    expect(rigs.other).toEqual(OTHER_RIG_ENTRY);
    expect(json['mayor/rigs.json']?.x_extra).toEqual([1, 2]);
    expect(json['.beads/metadata.json']?.x_bd).toBe(true);
  }
  if (state !== null && live.server === 'running' && !desired.server.external.value) {
    expect(state.databases).toEqual(live.databases.map((db) => db.name).sort());
  }
}

/** An empty plan must mean the live town is what the config declares (not merely that the planner saw nothing). */
function expectMatchesDesired(live: LiveTown, desired: DesiredState, converged: Plan, initial: LiveTown): void {
  expect(ensureLifecycleDefaults(live.daemonConfig.raw).filled).toEqual([]);
  expectOneSupervisor(live, desired, initial);
  if (desired.server.supervisor.value === 'gt') {
    expect(live.server).toBe('running');
    expect(live.configText).toBe(renderServerConfigYaml(desired.server));
  } else {
    expect(live.server).toBe(initial.server); // gt never starts, stops or restarts a server it does not supervise
    expect(live.configText).toBe(initial.configText);
  }
  if (converged.blocked.some((change) => change.code === 'supervised-by-gastown')) return; // the databases wait for the server
  const blocked = new Set(converged.blocked.map((change) => change.id));
  for (const db of desired.databases) {
    const found = live.databases.find((candidate) => candidate.name === db.name);
    if (db.ensure === 'absent') {
      expect({ db: db.name, gone: found === undefined || blocked.has(`database/${db.name}`) }).toEqual({ db: db.name, gone: true });
      continue;
    }
    expect({ db: db.name, exists: found !== undefined || blocked.has(`database/${db.name}`) }).toEqual({ db: db.name, exists: true });
    if (found === undefined || !found.served) continue;
    if (db.remotes !== null) {
      const byName = (a: ObservedRemote, b: ObservedRemote) => a.name.localeCompare(b.name);
      expect([...found.remotes].sort(byName)).toEqual([...db.remotes].sort(byName));
    }
    for (const pattern of db.ignore) expect(found.ignore).toContainEqual({ pattern, ignored: true });
    // a usable bd leaves no database uninitialized; without one the plan only notes them
    const bdUsable = live.bd.state === 'found' && live.bd.version === '1.0.0';
    const unreadable = converged.notes.some((note) => note.startsWith('gt cannot tell which databases bd has initialized'));
    if (bdUsable && !unreadable) expect({ db: db.name, initialized: found.beadsPrefix !== null }).toEqual({ db: db.name, initialized: true });
    else if (!unreadable && found.beadsPrefix === null) expect(converged.notes.find((note) => note.includes('not initialized for beads'))).toContain(db.name);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const RUNS = { numRuns: 1000 };

describe('plan() properties', () => {
  it('executing the plan converges: at most two passes (the second after a server start), then an empty plan', () => {
    fc.assert(
      fc.property(scenarioArb, ({ desired, live, options }) => {
        let town = live;
        for (let pass = 1; pass <= 3; pass++) {
          const current = plan(desired, observe(town, desired), options);
          if (current.errors.length > 0) {
            expect(current.actions).toEqual([]);
            return;
          }
          if (current.actions.length === 0) {
            expectMatchesDesired(town, desired, current, live);
            expectFilesMatchDesired(town, desired, live.files);
            return;
          }
          if (pass === 3) throw new Error(`still planning after two passes: ${current.actions.map((a) => `${a.verb} ${a.id}`).join(', ')}`);
          town = execute(town, current, desired);
        }
      }),
      RUNS,
    );
  });

  it('when the server runs, serves every database and has its config, one pass converges (two when bd tables were unreadable)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ desired, live, options }) => {
        const visible: LiveTown = {
          ...live,
          server: 'running',
          configText: renderServerConfigYaml(desired.server),
          databases: live.databases.map((db) => ({ ...db, served: true })),
        };
        const first = plan(desired, observe(visible, desired), options);
        let after = execute(visible, first, desired);
        let second = plan(desired, observe(after, desired), options);
        if (observe(visible, desired).beadsUnreadable !== null) {
          // which databases bd initialized could be read only once the restart moved the broken database aside
          after = execute(after, second, desired);
          second = plan(desired, observe(after, desired), options);
        }
        expect(second.actions).toEqual([]);
        expectMatchesDesired(after, desired, second, visible);
        expectFilesMatchDesired(after, desired, live.files);
        expect(second.blocked).toEqual(first.blocked);
      }),
      RUNS,
    );
  });

  it('never plans a destructive action the config and flags do not allow, nor touches an undeclared database', () => {
    fc.assert(
      fc.property(scenarioArb, ({ desired, live, options }) => {
        const observed = observe(live, desired);
        const current = plan(desired, observed, options);
        const declared = new Map(desired.databases.map((db) => [db.name, db]));
        for (const action of current.actions) {
          if (action.destructive) expect({ kind: action.kind, verb: action.verb }).toEqual({ kind: 'database', verb: 'delete' });
          if (action.kind === 'database' || action.kind === 'remote' || action.kind === 'ignore' || action.kind === 'beads') {
            expect(declared.has(action.database)).toBe(true);
            expect(current.unmanaged).not.toContain(action.database);
          }
          if (action.kind === 'database' && action.verb === 'delete') {
            const db = declared.get(action.database) as DesiredDatabase;
            const unpushed = observed.databases?.find((o) => o.name === db.name)?.unpushed ?? null;
            const clean = unpushed !== null && unpushed.commits === 0 && !unpushed.dirty;
            expect({ ensure: db.ensure, prune: options.prune, protect: db.protect, safe: options.force || clean }).toEqual({
              ensure: 'absent',
              prune: true,
              protect: false,
              safe: true,
            });
          }
        }
        for (const name of current.unmanaged) expect(declared.has(name)).toBe(false);
      }),
      RUNS,
    );
  });

  it('is pure: it mutates neither input and gives the same plan twice', () => {
    fc.assert(
      fc.property(scenarioArb, ({ desired, live, options }) => {
        const observed = deepFreeze(observe(live, desired));
        deepFreeze(desired);
        expect(plan(desired, observed, options)).toEqual(plan(desired, observed, options));
      }),
      { numRuns: 300 },
    );
  });

  it('never prints a secret: URL credentials are masked in the text and JSON renderings', () => {
    fc.assert(
      fc.property(scenarioArb, ({ desired, live, options }) => {
        const current = plan(desired, observe(live, desired), options);
        expect(renderPlanText(current, false)).not.toContain(SECRET);
        expect(renderPlanJson(current, desired.server)).not.toContain(SECRET);
        expect(renderPlanJson(current, desired.server)).not.toContain(desired.server.password.value);
      }),
      RUNS,
    );
  });
});

describe('plan() and directories an interrupted create left', () => {
  const wyvern: DesiredDatabase = {
    name: 'wyvern',
    rig: 'wyvern',
    kind: 'Rig',
    prefix: 'wy',
    ensure: 'present',
    protect: false,
    remotes: null,
    ignore: [],
    lifecycle: NO_LIFECYCLE,
    source: { file: `${TOWN}/mayor/rigs.d/wyvern.yaml`, line: 4, column: 9 },
    sites: NO_SITES,
  };
  const town = (external: boolean): { desired: DesiredState; observed: ObservedState } => {
    const desired: DesiredState = {
      townRoot: TOWN,
      townName: { value: 'town', source: 'test' },
      server: serverSettings({ external: { value: external, source: 'test' } }),
      daemonConfig: { path: `${TOWN}/mayor/daemon.json`, exists: true, raw: defaultDaemonConfig(), text: '{}', mode: 0o644 },
      daemonMetrics: null,
      databases: [wyvern],
      lifecycle: { declared: false, declaresDecay: false, declaresCompaction: false, executor: 'gastown' },
      ledger: null,
      sources: [],
    };
    const live: LiveTown = {
      server: 'running',
      configText: renderServerConfigYaml(desired.server),
      daemonConfig: desired.daemonConfig,
      databases: [],
      incomplete: ['wyvern', 'stray'],
      files: { json: {}, routes: null, ports: {}, state: null },
      bd: BD_STATES[0] as ObservedBd,
    };
    return { desired, observed: observe(live, desired) };
  };

  it('a managed server is restarted (the start moves the directory aside), then the database created', () => {
    const { desired, observed } = town(false);
    const planned = plan(desired, observed, { prune: false, force: false });
    expect(planned.actions.map((a) => `${a.verb} ${a.id} ${a.code}`)).toEqual([
      'restart server databases-not-served',
      'create database/wyvern database-missing',
      'create file/mayor/town.json town-file-missing',
      'create file/mayor/rigs.json town-file-missing',
      'create file/wyvern/config.json town-file-missing',
      'create file/wyvern/.beads/metadata.json town-file-missing',
      'create file/.beads/routes.jsonl town-file-missing',
      'update file/daemon/dolt-state.json town-file-outdated',
      'create beads/wyvern beads-not-initialized',
    ]);
    expect(planned.actions[1]?.reason).toContain('.dolt-data/wyvern is an incomplete directory left by an interrupted create');
    expect(planned.notes).toEqual([
      '.dolt-data/stray is an incomplete database directory left by an interrupted create; no manifest declares stray, so gt leaves it alone',
    ]);
  });

  it('gt never restarts an external server: the create is blocked, with what to do', () => {
    const { desired, observed } = town(true);
    const planned = plan(desired, observed, { prune: false, force: false });
    // only Gas Town's files, which need no server (the external server's supervisor keeps its state file)
    expect(planned.actions.map((a) => a.id)).toEqual([
      'file/mayor/town.json',
      'file/mayor/rigs.json',
      'file/wyvern/config.json',
      'file/wyvern/.beads/metadata.json',
      'file/.beads/routes.jsonl',
    ]);
    expect(planned.blocked).toEqual([
      expect.objectContaining({
        id: 'database/wyvern',
        code: 'incomplete-directory',
        hint: 'move .dolt-data/wyvern out of the data dir and restart the server; then gt creates wyvern',
      }),
    ]);
  });
});
