import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesiredState } from '../../../src/config/load.js';
import { renderServerConfigYaml } from '../../../src/config/server-config-yaml.js';
import { plan } from '../../../src/plan/plan.js';
import type { Action, Plan } from '../../../src/plan/types.js';
import {
  NO_FLAGS,
  convergedObserved,
  daemonFile,
  desiredTown,
  emptyObserved,
  hq,
  missingDaemonFile,
  observedServerConfig,
  rig,
  servedAsDeclared,
  serverSettings,
  withOnDisk,
  withServed,
} from './fixtures.js';

const ids = (p: Plan): string[] => p.actions.map((a) => a.id);
const find = (p: Plan, id: string): Action => {
  const action = p.actions.find((a) => a.id === id);
  if (action === undefined) throw new Error(`no action ${id} in ${ids(p).join(', ')}`);
  return action;
};

describe('plan()', () => {
  test('an empty town: writes daemon.json, starts the server, creates hq', () => {
    const desired = desiredTown([hq()]);
    const result = plan(desired, emptyObserved(3317, missingDaemonFile()), NO_FLAGS);

    expect(ids(result)).toEqual([
      'daemon-config/patrols.handler',
      'daemon-config/patrols.dolt_backup',
      'daemon-config/patrols.jsonl_git_backup',
      'daemon-config/patrols.wisp_reaper',
      'daemon-config/patrols.doctor_dog',
      'daemon-config/patrols.compactor_dog',
      'daemon-config/patrols.checkpoint_dog',
      'daemon-config/patrols.scheduled_maintenance',
      'daemon-config/patrols.main_branch_test',
      'server',
      'database/hq',
      'file/mayor/town.json',
      'file/mayor/rigs.json',
      'file/.beads/metadata.json',
      'file/.beads/routes.jsonl',
      'file/daemon/dolt-state.json',
      'beads/hq',
    ]);
    expect(find(result, 'daemon-config/patrols.handler')).toMatchObject({
      verb: 'write',
      code: 'daemon-config-missing',
      before: null,
      after: { enabled: true },
    });
    expect(find(result, 'daemon-config/patrols.handler').reason).toContain('mayor/daemon.json does not exist');
    expect(find(result, 'server')).toMatchObject({ verb: 'start', code: 'server-stopped', needsRestart: false });
    expect(find(result, 'database/hq')).toMatchObject({ verb: 'create', destructive: false });
    // the start records no database; hq is created after it
    expect(find(result, 'file/daemon/dolt-state.json')).toMatchObject({ verb: 'update', before: { databases: [] }, after: { databases: ['hq'] } });
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  test('a converged town plans nothing', () => {
    const desired = desiredTown([hq({ ignore: ['wisps'] }), rig('wyvern'), rig('gryphon')]);
    const result = plan(desired, convergedObserved(desired), NO_FLAGS);
    expect(result).toEqual({ actions: [], blocked: [], unmanaged: [], notes: [], errors: [] });
  });

  test('a missing database is created, then its remotes, then its ignore patterns', () => {
    const wyvern = rig('wyvern', { ignore: ['wisps', 'wisp_*'] });
    const desired = desiredTown([hq(), wyvern, rig('gryphon')]);
    const observed = convergedObserved(desiredTown([hq(), rig('gryphon')]));
    const result = plan(desired, observed, NO_FLAGS);

    expect(ids(result)).toEqual([
      'database/wyvern',
      'remote/wyvern/origin',
      'ignore/wyvern/wisps',
      'ignore/wyvern/wisp_*',
      'file/mayor/rigs.json',
      'file/wyvern/config.json',
      'file/wyvern/.beads/metadata.json',
      'file/.beads/routes.jsonl',
      'file/daemon/dolt-state.json',
      'beads/wyvern',
    ]);
    expect(find(result, 'database/wyvern')).toMatchObject({ kind: 'database', verb: 'create', code: 'database-missing' });
    expect(find(result, 'database/wyvern').reason).toContain('mayor/rigs.d/wyvern.yaml:1:1');
    expect(find(result, 'remote/wyvern/origin')).toMatchObject({ verb: 'create', toUrl: 'file:///srv/dolt-remotes/wyvern' });
    expect(find(result, 'ignore/wyvern/wisp_*')).toMatchObject({ verb: 'create', after: { pattern: 'wisp_*', ignored: true } });
  });

  test('a database declared nowhere is reported as unmanaged, never planned', () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    const observed = withServed(convergedObserved(desired), {
      name: 'scratch',
      remotes: [{ name: 'origin', url: 'file:///tmp/x' }],
      ignore: [],
      beadsPrefix: null,
      unpushed: null,
    });
    const result = plan(desired, withOnDisk(observed, 'old_rig'), { prune: true, force: true });

    expect(result.unmanaged).toEqual(['old_rig', 'scratch']);
    expect(result.actions).toEqual([]);
    expect(result.blocked).toEqual([]);
  });

  describe('remotes', () => {
    const wyvern = rig('wyvern', {
      remotes: [
        { name: 'origin', url: 'file:///srv/dolt-remotes/wyvern' },
        { name: 'backup', url: 'https://dolt:s3cr3t@backup.example/wyvern' },
      ],
    });
    const desired = desiredTown([hq(), wyvern]);

    test('a declared remote that is missing is added', () => {
      const observed = withServed(convergedObserved(desired), {
        ...servedAsDeclared(wyvern),
        remotes: [{ name: 'origin', url: 'file:///srv/dolt-remotes/wyvern' }],
      });
      const result = plan(desired, observed, NO_FLAGS);
      expect(result.actions).toHaveLength(1);
      expect(result.actions[0]).toMatchObject({
        id: 'remote/wyvern/backup',
        verb: 'create',
        code: 'remote-missing',
        before: null,
        after: 'https://dolt:***@backup.example/wyvern',
        toUrl: 'https://dolt:s3cr3t@backup.example/wyvern',
      });
    });

    test('a changed URL is an update that says apply removes and re-adds the remote', () => {
      const observed = withServed(convergedObserved(desired), {
        ...servedAsDeclared(wyvern),
        remotes: [
          { name: 'origin', url: 'file:///srv/old-remotes/wyvern' },
          { name: 'backup', url: 'https://dolt:s3cr3t@backup.example/wyvern' },
        ],
      });
      const result = plan(desired, observed, NO_FLAGS);
      expect(result.actions).toHaveLength(1);
      expect(result.actions[0]).toMatchObject({
        id: 'remote/wyvern/origin',
        verb: 'update',
        code: 'remote-url-changed',
        before: 'file:///srv/old-remotes/wyvern',
        after: 'file:///srv/dolt-remotes/wyvern',
        fromUrl: 'file:///srv/old-remotes/wyvern',
        toUrl: 'file:///srv/dolt-remotes/wyvern',
        destructive: false,
      });
      expect(result.actions[0]?.reason).toMatch(/no set-url.*removes the remote and adds it again/);
    });

    test('a remote the manifest does not declare is removed, which is not destructive', () => {
      const observed = withServed(convergedObserved(desired), {
        ...servedAsDeclared(wyvern),
        remotes: [...servedAsDeclared(wyvern).remotes, { name: 'stray', url: 'https://u:pw@stray.example/x?token=abc' }],
      });
      const result = plan(desired, observed, NO_FLAGS);
      expect(result.actions).toHaveLength(1);
      expect(result.actions[0]).toMatchObject({
        id: 'remote/wyvern/stray',
        verb: 'delete',
        code: 'remote-undeclared',
        before: 'https://u:***@stray.example/x?token=***',
        after: null,
        fromUrl: 'https://u:pw@stray.example/x?token=abc',
        destructive: false,
      });
    });

    test('a database whose manifest declares no remotes keeps whatever remotes it has', () => {
      const unmanagedRemotes = desiredTown([hq(), rig('wyvern', { remotes: null })]);
      const observed = withServed(convergedObserved(unmanagedRemotes), {
        ...servedAsDeclared(wyvern),
        remotes: [{ name: 'whatever', url: 'file:///elsewhere' }],
        ignore: [{ pattern: 'wisps', ignored: true }],
      });
      expect(plan(unmanagedRemotes, observed, NO_FLAGS).actions).toEqual([]);
    });
  });

  describe('ignore patterns', () => {
    const wyvern = rig('wyvern', { ignore: ['wisps', 'wisp_*'] });
    const desired = desiredTown([hq(), wyvern]);

    test('a missing pattern is created and a disabled one updated; undeclared patterns are left alone', () => {
      const observed = withServed(convergedObserved(desired), {
        ...servedAsDeclared(wyvern),
        ignore: [
          { pattern: 'wisps', ignored: false },
          { pattern: 'scratch_*', ignored: true },
        ],
      });
      const result = plan(desired, observed, NO_FLAGS);
      expect(ids(result)).toEqual(['ignore/wyvern/wisps', 'ignore/wyvern/wisp_*']);
      expect(find(result, 'ignore/wyvern/wisps')).toMatchObject({
        verb: 'update',
        code: 'ignore-disabled',
        before: { pattern: 'wisps', ignored: false },
        after: { pattern: 'wisps', ignored: true },
      });
      expect(find(result, 'ignore/wyvern/wisp_*')).toMatchObject({ verb: 'create', code: 'ignore-missing', before: null });
    });
  });

  test('lifecycle defaults: only patrol entries that are missing or null are written', () => {
    const raw = {
      type: 'daemon-patrol-config',
      version: 1,
      patrols: {
        handler: { enabled: false },
        dolt_backup: {},
        jsonl_git_backup: { enabled: true },
        wisp_reaper: null,
        doctor_dog: { enabled: true },
        compactor_dog: { enabled: true },
        checkpoint_dog: { enabled: true },
        scheduled_maintenance: { enabled: true },
        dolt_server: { enabled: false },
      },
      unknown_key: 'kept',
    };
    const desired = desiredTown([hq()], { daemonConfig: daemonFile(raw) });
    const result = plan(desired, convergedObserved(desired), NO_FLAGS);

    expect(ids(result)).toEqual(['daemon-config/patrols.wisp_reaper', 'daemon-config/patrols.main_branch_test']);
    expect(find(result, 'daemon-config/patrols.wisp_reaper')).toMatchObject({
      kind: 'daemon-config',
      verb: 'write',
      code: 'patrol-missing',
      patrol: 'wisp_reaper',
      before: null,
      after: { enabled: true, interval: '30m', max_age: '24h', delete_age: '168h' },
    });
    expect(find(result, 'daemon-config/patrols.wisp_reaper').reason).toContain('patrols.wisp_reaper is null in mayor/daemon.json');
    expect(find(result, 'daemon-config/patrols.main_branch_test').reason).toContain('is missing');
  });

  test('server down: start it, create what is not on disk with its contents and beads, note the rest', () => {
    const desired = desiredTown([hq(), rig('wyvern'), rig('gryphon')]);
    const observed = { ...emptyObserved(), onDisk: ['hq', 'wyvern', 'leftover'] };
    const result = plan(desired, observed, NO_FLAGS);

    // hq and wyvern cannot be read until the server serves them: their beads initialization waits for that pass
    expect(ids(result)).toEqual([
      'server',
      'database/gryphon',
      'remote/gryphon/origin',
      'ignore/gryphon/wisps',
      'file/mayor/town.json',
      'file/mayor/rigs.json',
      'file/.beads/metadata.json',
      'file/wyvern/config.json',
      'file/wyvern/.beads/metadata.json',
      'file/gryphon/config.json',
      'file/gryphon/.beads/metadata.json',
      'file/.beads/routes.jsonl',
      'file/daemon/dolt-state.json',
      'beads/gryphon',
    ]);
    expect(find(result, 'server')).toMatchObject({
      verb: 'start',
      before: { state: 'stopped', host: '127.0.0.1', port: 3317 },
      after: { state: 'running', host: '127.0.0.1', port: 3317 },
    });
    expect(find(result, 'database/gryphon').reason).toContain('not on disk');
    expect(result.notes).toHaveLength(1);
    // the server is simply stopped: the note says so, not that it has yet to load wyvern
    expect(result.notes[0]).toMatch(/^the server is not running, so wyvern is not served: remotes and ignore patterns/);
    expect(result.unmanaged).toEqual(['leftover']);
  });

  test('a running server whose config.yaml settings differ is restarted; a comment-only difference is not', () => {
    const desired = desiredTown([hq()]);
    const debugConfig = renderServerConfigYaml(serverSettings({ logLevel: { value: 'debug', source: 'default' } }));
    const changed = plan(desired, { ...convergedObserved(desired), serverConfig: observedServerConfig(debugConfig) }, NO_FLAGS);
    expect(changed.actions).toEqual([
      expect.objectContaining({
        id: 'server',
        verb: 'restart',
        code: 'server-config-changed',
        needsRestart: true,
        before: { log_level: 'debug' },
        after: { log_level: 'info' },
      }),
    ]);

    const reworded = `# edited by hand\n${renderServerConfigYaml(desired.server)}`;
    expect(plan(desired, { ...convergedObserved(desired), serverConfig: observedServerConfig(reworded) }, NO_FLAGS).actions).toEqual([]);
  });

  test('reasons cite the line of the remote or ignore entry, not the rig name', () => {
    const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const { desired } = loadDesiredState({ town: 'examples/town', files: [], env: {}, cwd: repo, platform: 'linux' });
    const converged = convergedObserved(desired);
    const gastown = (converged.databases ?? []).find((db) => db.name === 'gastown');
    const wyvern = (converged.databases ?? []).find((db) => db.name === 'wyvern');
    if (gastown === undefined || wyvern === undefined) throw new Error('examples/town declares gastown and wyvern');
    let observed = withServed(converged, { ...gastown, remotes: [], ignore: gastown.ignore.filter((row) => row.pattern !== 'scratch_%') });
    observed = withServed(observed, { ...wyvern, remotes: [...wyvern.remotes, { name: 'stray', url: 'file:///stray' }] });
    const result = plan(desired, observed, NO_FLAGS);
    expect(find(result, 'remote/gastown/origin').reason).toBe('declared in mayor/rigs.d/more-rigs.yaml:12:7; missing');
    expect(find(result, 'ignore/gastown/scratch_%').reason).toBe('declared in mayor/rigs.d/more-rigs.yaml:14:31; missing from dolt_ignore');
    expect(find(result, 'remote/wyvern/stray').reason).toMatch(/^not declared in mayor\/rigs\.d\/wyvern\.yaml:9:3, whose remotes/);
  });

  test('ignore patterns present but no longer declared are listed in the notes, never deleted', () => {
    const wyvern = rig('wyvern', { ignore: ['wisps'] });
    const desired = desiredTown([hq(), wyvern]);
    const observed = withServed(convergedObserved(desired), {
      ...servedAsDeclared(wyvern),
      ignore: [{ pattern: 'wisps', ignored: true }, { pattern: 'tmp2_*', ignored: true }, { pattern: 'tmp1_*', ignored: false }],
    });
    const result = plan(desired, observed, { prune: true, force: true });
    expect(result.actions).toEqual([]);
    expect(result.notes).toEqual([
      'dolt_ignore of wyvern: tmp1_*, tmp2_* are present but no longer declared; gt never deletes ignore patterns (delete them by hand if they should go)',
    ]);
  });

  test('a running server without config.yaml is restarted with gt settings', () => {
    const desired = desiredTown([hq()]);
    const result = plan(desired, { ...convergedObserved(desired), serverConfig: 'absent' }, NO_FLAGS);
    expect(result.actions).toHaveLength(1);
    expect(result.actions[0]).toMatchObject({ verb: 'restart', needsRestart: true, before: {} });
    expect(result.actions[0]?.after).toMatchObject({ 'listener.port': 3317, log_level: 'info' });
    expect(result.actions[0]?.reason).toContain('.dolt-data/config.yaml does not exist');
  });

  test('a hung server is restarted with the observed reason', () => {
    const desired = desiredTown([hq()]);
    const observed = {
      ...convergedObserved(desired),
      server: { state: 'unhealthy' as const, port: 3317, pid: 77, reason: 'SELECT 1 timed out after 5s' },
      databases: null,
    };
    const result = plan(desired, observed, NO_FLAGS);
    expect(result.actions).toEqual([
      expect.objectContaining({ id: 'server', verb: 'restart', code: 'server-unhealthy', needsRestart: true }),
    ]);
    expect(result.actions[0]?.reason).toContain('(pid 77) does not answer SELECT 1: SELECT 1 timed out after 5s');
  });

  test('a declared database on disk that the running server does not serve makes it restart', () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    const converged = convergedObserved(desired);
    const observed = { ...converged, databases: (converged.databases ?? []).filter((db) => db.name !== 'wyvern') };
    const result = plan(desired, observed, NO_FLAGS);
    expect(result.actions).toEqual([
      expect.objectContaining({ id: 'server', verb: 'restart', code: 'databases-not-served', needsRestart: true }),
    ]);
    expect(result.actions[0]?.reason).toContain('wyvern is on disk but not served');
    expect(result.notes[0]).toContain('wyvern exists on disk but is not served yet');
  });

  test('an imposter on the port is an error and nothing at all is planned', () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    const observed = {
      ...emptyObserved(3317, missingDaemonFile()),
      server: { state: 'imposter' as const, port: 3317, pid: 999, command: 'dolt sql-server --data-dir /other', reason: 'its data dir is /other' },
    };
    const result = plan(desired, observed, { prune: true, force: true });
    expect(result.actions).toEqual([]);
    expect(result.errors).toEqual([{ code: 'imposter', message: expect.stringContaining('127.0.0.1:3317') }]);
    expect(result.errors[0]?.message).toContain('pid 999, dolt sql-server --data-dir /other');
  });

  test.each([
    ['mayor/daemon.json patrols.dolt_server.port', 'give this town another port (patrols.dolt_server.port in mayor/daemon.json, which set it)'],
    ['mayor/daemon.json env.GT_DOLT_PORT', 'give this town another port (env.GT_DOLT_PORT in mayor/daemon.json, which set it)'],
    ['env GT_DOLT_PORT', "give this town another port (GT_DOLT_PORT in gt's environment, which set it)"],
    ['default', 'give this town another port (env.GT_DOLT_PORT in mayor/daemon.json)'],
  ])('the imposter hint names the key that set the port (%s)', (source, hint) => {
    const desired = desiredTown([hq()], { server: serverSettings({ port: { value: 3317, source } }) });
    const observed = { ...emptyObserved(), server: { state: 'imposter' as const, port: 3317, pid: 999, command: 'nc -l', reason: 'not Dolt' } };
    expect(plan(desired, observed, NO_FLAGS).errors[0]?.message).toContain(hint);
  });

  test('an external server is never started: down, it is an error', () => {
    const desired = desiredTown([hq()], { server: serverSettings({ external: { value: true, source: 'mayor/daemon.json' } }) });
    const result = plan(desired, emptyObserved(), NO_FLAGS);
    expect(result.actions).toEqual([]);
    expect(result.errors).toEqual([{ code: 'external-server-unreachable', message: expect.stringContaining('external server not reachable') }]);

    const up = { ...convergedObserved(desired), serverConfig: 'absent' as const };
    expect(plan(desired, up, NO_FLAGS)).toEqual({ actions: [], blocked: [], unmanaged: [], notes: [], errors: [] });
  });

  describe('ensure: absent', () => {
    const old = rig('old', { ensure: 'absent' });
    const desired = desiredTown([hq(), old]);
    const clean = withServed(convergedObserved(desired), {
      name: 'old',
      remotes: [{ name: 'origin', url: 'file:///x' }],
      ignore: [],
      beadsPrefix: null,
      unpushed: { commits: 0, dirty: false, detail: '' },
    });

    test('without --prune the drop is blocked with the hint to pass it', () => {
      const result = plan(desired, clean, NO_FLAGS);
      expect(result.actions).toEqual([]);
      expect(result.blocked).toEqual([
        { id: 'database/old', verb: 'delete', code: 'prune-not-requested', reason: expect.stringContaining('ensure: absent'), hint: 'pass --prune' },
      ]);
      expect(result.unmanaged).toEqual([]);
    });

    test('with --prune it is dropped, destructive, and the reason says how to undo it', () => {
      const result = plan(desired, clean, { prune: true, force: false });
      expect(result.blocked).toEqual([]);
      expect(result.actions).toEqual([
        expect.objectContaining({ id: 'database/old', verb: 'delete', code: 'database-absent', destructive: true, after: null }),
        expect.objectContaining({ id: 'file/daemon/dolt-state.json', before: { databases: ['hq', 'old'] }, after: { databases: ['hq'] } }),
      ]);
      expect(result.actions[0]?.reason).toContain("CALL dolt_undrop('old')");
    });

    test('a database already gone needs nothing', () => {
      const gone = convergedObserved(desired);
      expect(plan(desired, gone, { prune: true, force: false }).actions).toEqual([]);
    });

    test('unpushed commits block the drop; --force lets it go and says what goes with it', () => {
      const unpushed = withServed(clean, {
        name: 'old',
        remotes: [],
        ignore: [],
        beadsPrefix: null,
        unpushed: { commits: 12, dirty: true, detail: 'not on origin' },
      });
      const blocked = plan(desired, unpushed, { prune: true, force: false });
      expect(blocked.actions).toEqual([]);
      expect(blocked.blocked).toEqual([
        {
          id: 'database/old',
          verb: 'delete',
          code: 'unpushed-changes',
          reason: 'it has 12 unpushed commits and uncommitted changes (not on origin)',
          hint: 'push first or pass --force',
        },
      ]);

      const forced = plan(desired, unpushed, { prune: true, force: true });
      expect(forced.blocked).toEqual([]);
      expect(forced.actions).toEqual([
        expect.objectContaining({ id: 'database/old', verb: 'delete', destructive: true }),
        expect.objectContaining({ id: 'file/daemon/dolt-state.json', after: { databases: ['hq'] } }),
      ]);
      expect(forced.actions[0]?.reason).toContain('--force: its 12 unpushed commits and uncommitted changes');
    });

    test('while the server is down the drop cannot be checked for unpushed commits', () => {
      const down = { ...emptyObserved(), onDisk: ['hq', 'old'] };
      const result = plan(desired, down, { prune: true, force: false });
      expect(ids(result).filter((id) => !id.startsWith('file/'))).toEqual(['server']);
      expect(result.blocked.map((b) => b.code)).toEqual(['unpushed-unknown']);
    });
  });

  test('protect: true blocks a drop even with --prune and --force', () => {
    const desired = desiredTown([hq(), rig('old', { ensure: 'absent', protect: true })]);
    const observed = withServed(convergedObserved(desired), {
      name: 'old',
      remotes: [],
      ignore: [],
      beadsPrefix: null,
      unpushed: { commits: 0, dirty: false, detail: '' },
    });
    const result = plan(desired, observed, { prune: true, force: true });
    expect(result.actions).toEqual([]);
    expect(result.blocked).toEqual([
      {
        id: 'database/old',
        verb: 'delete',
        code: 'protected',
        reason: expect.stringContaining('protect: true'),
        hint: 'remove protect: true from mayor/rigs.d/old.yaml:1:1',
      },
    ]);
    expect(plan(desired, observed, NO_FLAGS).blocked.map((b) => b.code)).toEqual(['protected', 'prune-not-requested']);
  });

  test("actions come in dependency order: daemon config, server, databases, remotes, ignore patterns, Gas Town's files", () => {
    const desired = desiredTown([hq({ ignore: ['wisps'] }), rig('wyvern'), rig('gryphon')]);
    const kinds = plan(desired, emptyObserved(3317, daemonFile({ patrols: {} })), NO_FLAGS).actions.map((a) => a.kind);
    const order = ['daemon-config', 'server', 'database', 'remote', 'ignore', 'town-file', 'beads'];
    expect(kinds).toEqual([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(new Set(kinds)).toEqual(new Set(order));
  });
});
