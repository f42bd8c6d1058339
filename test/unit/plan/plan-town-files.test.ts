import type { ObservedState, ObservedTownFiles } from '../../../src/observe/observed.js';
import { plan } from '../../../src/plan/plan.js';
import type { Plan, TownFileAction } from '../../../src/plan/types.js';
import {
  NO_FLAGS,
  OBSERVED_AT,
  convergedObserved,
  convergedTownFiles,
  desiredTown,
  emptyObserved,
  hq,
  metadataOf,
  rig,
  serverSettings,
  withOnDisk,
} from './fixtures.js';

const fileActions = (p: Plan): TownFileAction[] => p.actions.filter((a): a is TownFileAction => a.kind === 'town-file');
const file = (p: Plan, path: string): TownFileAction => {
  const found = fileActions(p).find((a) => a.path === path);
  if (found === undefined) throw new Error(`no action for ${path} in ${fileActions(p).map((a) => a.path).join(', ')}`);
  return found;
};

/** The Gas Town files an observed town holds (the fixtures always read them). */
function filesOf(observed: ObservedState): ObservedTownFiles {
  if (observed.townFiles === null) throw new Error('the fixture read no Gas Town file');
  return observed.townFiles;
}

/** The converged town with some of its Gas Town files replaced. */
function withFiles(observed: ObservedState, files: Partial<ObservedTownFiles>): ObservedState {
  return { ...observed, townFiles: { ...filesOf(observed), ...files } };
}

const threeRigs = () => desiredTown([hq(), rig('alpha', { prefix: 'al' }), rig('bravo', { prefix: 'br' }), rig('charlie', { prefix: 'ch' })]);

describe("plan(): Gas Town's registry and beads files", () => {
  test('a fresh town with three rigs gets every file, in Gas Town formats, after the ignore patterns', () => {
    const desired = threeRigs();
    const result = plan(desired, emptyObserved(), NO_FLAGS);

    expect(fileActions(result).map((a) => `${a.verb} ${a.id} ${a.code}`)).toEqual([
      'create file/mayor/town.json town-file-missing',
      'create file/mayor/rigs.json town-file-missing',
      'create file/.beads/metadata.json town-file-missing',
      'create file/alpha/config.json town-file-missing',
      'create file/alpha/.beads/metadata.json town-file-missing',
      'create file/bravo/config.json town-file-missing',
      'create file/bravo/.beads/metadata.json town-file-missing',
      'create file/charlie/config.json town-file-missing',
      'create file/charlie/.beads/metadata.json town-file-missing',
      'create file/.beads/routes.jsonl town-file-missing',
      'update file/daemon/dolt-state.json town-file-outdated',
    ]);
    expect(result.actions.findIndex((a) => a.kind === 'town-file')).toBeGreaterThan(result.actions.findLastIndex((a) => a.kind === 'ignore'));
    expect(file(result, 'mayor/town.json').after).toEqual({ type: 'town', version: 2, name: 'town', created_at: OBSERVED_AT });
    expect(file(result, 'mayor/rigs.json').after).toEqual({
      version: 1,
      rigs: {},
      'rigs.alpha': { git_url: '', added_at: OBSERVED_AT, beads: { repo: 'local', prefix: 'al' } },
      'rigs.bravo': { git_url: '', added_at: OBSERVED_AT, beads: { repo: 'local', prefix: 'br' } },
      'rigs.charlie': { git_url: '', added_at: OBSERVED_AT, beads: { repo: 'local', prefix: 'ch' } },
    });
    expect(file(result, 'alpha/config.json').after).toEqual({
      type: 'rig',
      version: 1,
      name: 'alpha',
      git_url: '',
      created_at: OBSERVED_AT,
      beads: { prefix: 'al' },
    });
    expect(file(result, 'alpha/.beads/metadata.json').after).toEqual(metadataOf(desired, 'alpha'));
    expect(Object.keys(file(result, '.beads/metadata.json').after)).toEqual([...Object.keys(file(result, '.beads/metadata.json').after)].sort());
    expect(file(result, '.beads/routes.jsonl').after).toEqual({ 'hq-': '.', 'hq-cv-': '.', 'al-': 'alpha', 'br-': 'bravo', 'ch-': 'charlie' });
    // the start records an empty data dir; the creates that follow it are what the list must say
    expect(file(result, 'daemon/dolt-state.json')).toMatchObject({ before: { databases: [] }, after: { databases: ['alpha', 'bravo', 'charlie', 'hq'] } });
    expect(file(result, 'mayor/rigs.json').reason).toContain('mayor/rigs.d/alpha.yaml:1:1');
    expect(file(result, 'mayor/rigs.json').reason).toContain('orphan');
  });

  test('a converged town plans no file; a second plan after the first is empty', () => {
    const desired = threeRigs();
    expect(fileActions(plan(desired, convergedObserved(desired), NO_FLAGS))).toEqual([]);
  });

  test('town.json: only missing fields are filled; a name or version someone wrote stays', () => {
    const desired = threeRigs();
    const observed = withFiles(convergedObserved(desired), {
      town: { path: 'mayor/town.json', content: { type: 'town', version: 1, name: 'other', owner: 'ops@example.com' } },
    });
    const action = file(plan(desired, observed, NO_FLAGS), 'mayor/town.json');
    expect(action).toMatchObject({ verb: 'update', code: 'town-file-incomplete', before: { created_at: null }, after: { created_at: OBSERVED_AT } });
    expect(action.reason).toContain('gt fills only missing fields');
  });

  test("rigs.json: the prefix follows the manifest; other rigs' entries and fields someone wrote stay", () => {
    const desired = threeRigs();
    const converged = convergedTownFiles(desired).rigs.content as { rigs: Record<string, unknown> };
    const observed = withFiles(convergedObserved(desired), {
      rigs: {
        path: 'mayor/rigs.json',
        content: {
          version: 1,
          rigs: {
            ...converged.rigs,
            alpha: { git_url: 'git@example.com:a.git', added_at: '2025-01-01T00:00:00Z', beads: { repo: '', prefix: 'old' } },
            bravo: { added_at: '2025-01-01T00:00:00Z', beads: null },
            legacy: { git_url: 'x', beads: { repo: 'local', prefix: 'lg' } },
          },
        },
      },
    });
    const action = file(plan(desired, observed, NO_FLAGS), 'mayor/rigs.json');
    expect(action).toMatchObject({
      verb: 'update',
      code: 'town-file-outdated',
      before: { 'rigs.alpha.beads.prefix': 'old', 'rigs.bravo.git_url': null, 'rigs.bravo.beads': null },
      after: { 'rigs.alpha.beads.prefix': 'al', 'rigs.bravo.git_url': '', 'rigs.bravo.beads': { repo: 'local', prefix: 'br' } },
    });
    expect(Object.keys(action.after)).toHaveLength(3);
    expect(action.reason).toMatch(/^rigs alpha \(mayor\/rigs\.d\/alpha\.yaml:1:1\), bravo/);
  });

  test('rigs.json whose rigs map is null gets the whole map in one field', () => {
    const desired = desiredTown([hq(), rig('alpha', { prefix: 'al' })]);
    const observed = withFiles(convergedObserved(desired), { rigs: { path: 'mayor/rigs.json', content: { version: 1, rigs: null } } });
    expect(file(plan(desired, observed, NO_FLAGS), 'mayor/rigs.json')).toMatchObject({
      before: { rigs: null },
      after: { rigs: { alpha: { git_url: '', added_at: OBSERVED_AT, beads: { repo: 'local', prefix: 'al' } } } },
    });
  });

  test("metadata.json: EnsureMetadata's fields follow the server and the declared database; bd's other fields stay", () => {
    const desired = desiredTown([hq(), rig('alpha', { prefix: 'al', name: 'alpha_db' })]);
    const converged = convergedObserved(desired);
    const alpha = filesOf(converged).rigFiles.alpha;
    if (alpha === undefined) throw new Error('alpha is observed');
    const observed = withFiles(converged, {
      rigFiles: {
        alpha: {
          ...alpha,
          metadata: {
            path: 'alpha/.beads/metadata.json',
            content: { ...metadataOf(desired, 'alpha'), dolt_database: 'beads_al', dolt_server_port: 13729, jsonl_export: 'issues.jsonl' },
          },
        },
      },
    });
    expect(file(plan(desired, observed, NO_FLAGS), 'alpha/.beads/metadata.json')).toMatchObject({
      verb: 'update',
      code: 'town-file-outdated',
      before: { dolt_database: 'beads_al', dolt_server_port: 13729 },
      after: { dolt_database: 'alpha_db', dolt_server_port: 3317 },
    });
  });

  test('a port change: every metadata.json and every existing port file say the new port; none is created', () => {
    const before = threeRigs();
    const desired = desiredTown(before.databases, { server: serverSettings({ port: { value: 4400, source: 'mayor/daemon.json env.GT_DOLT_PORT' } }) });
    const converged = convergedObserved(before);
    const alpha = filesOf(converged).rigFiles.alpha;
    if (alpha === undefined) throw new Error('alpha is observed');
    const observed = withFiles(converged, {
      portFiles: [{ path: '.beads/dolt-server.port', port: 3317 }, { path: 'daemon/dolt.port', port: 4400 }],
      rigFiles: { ...filesOf(converged).rigFiles, alpha: { ...alpha, portFiles: [{ path: 'alpha/.beads/dolt-server.port', port: 3317 }] } },
    });
    const result = plan(desired, observed, NO_FLAGS);
    expect(fileActions(result).map((a) => a.path)).toEqual([
      '.beads/metadata.json',
      'alpha/.beads/metadata.json',
      'bravo/.beads/metadata.json',
      'charlie/.beads/metadata.json',
      '.beads/dolt-server.port',
      'alpha/.beads/dolt-server.port',
    ]);
    expect(file(result, 'alpha/.beads/dolt-server.port')).toMatchObject({ role: 'port', before: { port: 3317 }, after: { port: 4400 } });
    expect(file(result, 'alpha/.beads/dolt-server.port').reason).toContain('the town\'s server is on port 4400, from mayor/daemon.json env.GT_DOLT_PORT');
    expect(file(result, 'bravo/.beads/metadata.json')).toMatchObject({ before: { dolt_server_port: 3317 }, after: { dolt_server_port: 4400 } });
  });

  test('a rig only rigs.json lists: its port file and metadata port follow the town; nothing else of it is touched', () => {
    const desired = desiredTown([hq()]);
    const observed = withFiles(convergedObserved(desired), {
      rigFiles: {
        legacy: {
          config: null,
          beadsDir: 'legacy/mayor/rig/.beads',
          mayorClone: true,
          metadata: { path: 'legacy/mayor/rig/.beads/metadata.json', content: { dolt_database: 'legacy', dolt_server_port: 9999 } },
          portFiles: [{ path: 'legacy/mayor/rig/.beads/dolt-server.port', port: 9999 }],
        },
      },
    });
    const actions = fileActions(plan(desired, observed, NO_FLAGS));
    expect(actions.map((a) => `${a.path} ${JSON.stringify(a.after)}`)).toEqual([
      'legacy/mayor/rig/.beads/metadata.json {"dolt_server_port":3317}',
      'legacy/mayor/rig/.beads/dolt-server.port {"port":3317}',
    ]);
  });

  test('routes.jsonl: a missing prefix is added, a wrong path corrected, a mayor clone routed there; other lines stay', () => {
    const desired = threeRigs();
    const converged = convergedObserved(desired);
    const bravo = filesOf(converged).rigFiles.bravo;
    if (bravo === undefined) throw new Error('bravo is observed');
    const observed = withFiles(converged, {
      routes: {
        path: '.beads/routes.jsonl',
        exists: true,
        routes: [{ prefix: 'hq-', path: '.' }, { prefix: 'zz-', path: 'legacy' }, { prefix: 'al-', path: 'elsewhere' }, { prefix: 'al-', path: 'alpha' }],
      },
      rigFiles: { ...filesOf(converged).rigFiles, bravo: { ...bravo, mayorClone: true, beadsDir: 'bravo/mayor/rig/.beads', metadata: { ...bravo.metadata, path: 'bravo/mayor/rig/.beads/metadata.json' } } },
    });
    expect(file(plan(desired, observed, NO_FLAGS), '.beads/routes.jsonl')).toMatchObject({
      verb: 'update',
      code: 'town-file-outdated',
      before: { 'hq-cv-': null, 'al-': 'elsewhere', 'br-': null, 'ch-': null },
      after: { 'hq-cv-': '.', 'al-': 'alpha', 'br-': 'bravo/mayor/rig', 'ch-': 'charlie' },
    });
  });

  describe('daemon/dolt-state.json', () => {
    const desired = desiredTown([hq(), rig('alpha', { prefix: 'al' }), rig('bravo', { prefix: 'br' })]);
    const upWithout = (name: string): ObservedState => {
      const converged = convergedObserved(desired);
      const state = filesOf(converged).serverState as { content: Record<string, unknown> };
      return {
        ...converged,
        databases: (converged.databases ?? []).filter((db) => db.name !== name),
        onDisk: converged.onDisk.filter((db) => db !== name),
        townFiles: { ...filesOf(converged), serverState: { content: { ...state.content, databases: ['alpha', 'hq'] } } },
      };
    };

    test('the running server recorded it (its pid): a create this plan makes is added', () => {
      const result = plan(desired, upWithout('bravo'), NO_FLAGS);
      expect(file(result, 'daemon/dolt-state.json')).toMatchObject({
        verb: 'update',
        role: 'server-state',
        before: { databases: ['alpha', 'hq'] },
        after: { databases: ['alpha', 'bravo', 'hq'] },
      });
    });

    test('a file another process recorded (another pid) is left alone, with a note when its list is stale', () => {
      const observed = upWithout('bravo');
      const state = filesOf(observed).serverState as { content: Record<string, unknown> };
      const other = withFiles(observed, { serverState: { content: { ...state.content, pid: 1234 } } });
      const result = plan(desired, other, NO_FLAGS);
      expect(fileActions(result).map((a) => a.path)).not.toContain('daemon/dolt-state.json');
      expect(result.notes).toEqual([expect.stringContaining('daemon/dolt-state.json describes another server process (pid 1234)')]);
    });

    test('an external server: its supervisor keeps the file', () => {
      const external = desiredTown(desired.databases, { server: serverSettings({ external: { value: true, source: 'test' } }) });
      const observed = withFiles(upWithout('bravo'), { serverState: 'not-observed' });
      expect(fileActions(plan(external, observed, NO_FLAGS)).map((a) => a.path)).not.toContain('daemon/dolt-state.json');
    });

    test('a database on disk the server recorded at its start needs nothing, declared or not', () => {
      expect(fileActions(plan(desired, withOnDisk(convergedObserved(desired), 'scratch'), NO_FLAGS))).toEqual([]);
    });

    test('a database someone else created since the start is no drift of its own; the next write lists it', () => {
      const converged = convergedObserved(desired);
      const scratch = { ...converged, onDisk: [...converged.onDisk, 'scratch'] };
      expect(fileActions(plan(desired, scratch, NO_FLAGS))).toEqual([]);
      const withoutBravo = upWithout('bravo');
      const result = plan(desired, { ...withoutBravo, onDisk: [...withoutBravo.onDisk, 'scratch'] }, NO_FLAGS);
      expect(file(result, 'daemon/dolt-state.json').after).toEqual({ databases: ['alpha', 'bravo', 'hq', 'scratch'] });
    });

    test('a declared database missing from the list (a state gt did not keep before) is drift', () => {
      const converged = convergedObserved(desired);
      const state = filesOf(converged).serverState as { content: Record<string, unknown> };
      const recordedEmpty = withFiles(converged, { serverState: { content: { ...state.content, databases: [] } } });
      expect(file(plan(desired, recordedEmpty, NO_FLAGS), 'daemon/dolt-state.json')).toMatchObject({
        before: { databases: [] },
        after: { databases: ['alpha', 'bravo', 'hq'] },
      });
    });
  });

  test('a rig named like a directory Gas Town keeps for the town gets no file, and the change is blocked', () => {
    const desired = desiredTown([hq(), rig('mayor', { prefix: 'my' })]);
    const result = plan(desired, convergedObserved(desiredTown([hq()])), NO_FLAGS);
    // its database is still created (and recorded); no registry entry, route or file of its own
    expect(fileActions(result).map((a) => a.path)).toEqual(['daemon/dolt-state.json']);
    expect(result.blocked).toEqual([expect.objectContaining({ id: 'file/mayor/config.json', code: 'rig-directory-reserved' })]);
  });

  test("a new town.json is named after the Town manifest when it names the town, and says where", () => {
    const desired = desiredTown([hq()], { townName: { value: 'gastown', source: 'mayor/rigs.d/town.yaml:4:9 metadata.name' } });
    const action = file(plan(desired, emptyObserved(), NO_FLAGS), 'mayor/town.json');
    expect(action.after.name).toBe('gastown');
    expect(action.reason).toContain('named "gastown" (mayor/rigs.d/town.yaml:4:9 metadata.name)');
  });
});
