import { plan } from '../../../src/plan/plan.js';
import type { BeadsAction, Plan } from '../../../src/plan/types.js';
import type { ObservedBd, ObservedState } from '../../../src/observe/observed.js';
import {
  NO_FLAGS,
  TOWN,
  convergedObserved,
  desiredTown,
  emptyObserved,
  hq,
  rig,
  servedAsDeclared,
  serverSettings,
  withServed,
} from './fixtures.js';

const GAS_TOWN_TYPES = 'agent,role,rig,convoy,slot,queue,event,message,molecule,gate,merge-request';

const beadsActions = (p: Plan): BeadsAction[] => p.actions.filter((a): a is BeadsAction => a.kind === 'beads');

/** The converged town with these databases served but never initialized by bd. */
function uninitialized(observed: ObservedState, ...names: string[]): ObservedState {
  let result = observed;
  for (const db of observed.databases ?? []) {
    if (names.includes(db.name)) result = withServed(result, { ...db, beadsPrefix: null });
  }
  return result;
}

describe('plan(): beads initialization', () => {
  const wyvern = rig('wyvern', { prefix: 'wy' });
  const desired = desiredTown([hq(), wyvern]);

  test("a rig database bd has not initialized gets bd init in the rig's directory, then Gas Town's config calls", () => {
    const result = plan(desired, uninitialized(convergedObserved(desired), 'wyvern'), NO_FLAGS);
    expect(result.actions).toEqual([
      {
        kind: 'beads',
        id: 'beads/wyvern',
        verb: 'create',
        code: 'beads-not-initialized',
        database: 'wyvern',
        bd: { path: '/usr/local/bin/bd', version: '1.0.0' },
        workDir: `${TOWN}/wyvern`,
        commands: [
          ['init', '--prefix', 'wy', '--server', '--server-port', '3317', '--database', 'wyvern', '--non-interactive', '--skip-hooks', '--skip-agents', '--force'],
          ['config', 'set', 'types.custom', GAS_TOWN_TYPES],
          ['config', 'set', 'issue_prefix', 'wy'],
        ],
        before: null,
        after: { issue_prefix: 'wy', directory: 'wyvern/.beads' },
        reason:
          'declared in mayor/rigs.d/wyvern.yaml:1:1; bd has not initialized it (no issue_prefix): bd 1.0.0 runs init and 2 ' +
          'config set calls in wyvern, with its server auto-start off and the town server in its environment',
        destructive: false,
        needsRestart: false,
      },
    ]);
    expect(result.notes).toEqual([]);
  });

  test('hq is initialized in the town root with prefix hq, the maintainer role and the convoy prefixes', () => {
    const [action] = beadsActions(plan(desired, uninitialized(convergedObserved(desired), 'hq'), NO_FLAGS));
    expect(action?.workDir).toBe(TOWN);
    expect(action?.after).toEqual({ issue_prefix: 'hq', directory: '.beads' });
    expect(action?.commands).toEqual([
      ['init', '--prefix', 'hq', '--server', '--server-port', '3317', '--database', 'hq', '--non-interactive', '--skip-hooks', '--skip-agents', '--force', '--role', 'maintainer'],
      ['config', 'set', 'types.custom', GAS_TOWN_TYPES],
      ['config', 'set', 'issue_prefix', 'hq'],
      ['config', 'set', 'allowed_prefixes', 'hq,hq-cv'],
    ]);
    expect(action?.reason).toContain('in the town root');
  });

  test('a server user other than root is passed to bd init (bd records it); the port is the configured one', () => {
    const town = desiredTown([hq(), wyvern], { server: serverSettings({ user: { value: 'gastown', source: 'env GT_DOLT_USER' }, port: { value: 4400, source: 'test' } }) });
    const [action] = beadsActions(plan(town, uninitialized(convergedObserved(town), 'wyvern'), NO_FLAGS));
    expect(action?.commands[0]).toEqual([
      'init', '--prefix', 'wy', '--server', '--server-port', '4400', '--database', 'wyvern',
      '--non-interactive', '--skip-hooks', '--skip-agents', '--force', '--server-user', 'gastown',
    ]);
    expect(JSON.stringify(action)).not.toContain('hunter2');
  });

  test('a database this plan creates is initialized after its ignore patterns; one that cannot be read waits', () => {
    const gryphon = rig('gryphon');
    const town = desiredTown([hq(), wyvern, gryphon]);
    const observed = { ...emptyObserved(), onDisk: ['hq', 'wyvern'] };
    const result = plan(town, observed, NO_FLAGS);
    const withoutGasTownFiles = result.actions.filter((a) => a.kind !== 'town-file');
    expect(withoutGasTownFiles.map((a) => a.id)).toEqual(['server', 'database/gryphon', 'remote/gryphon/origin', 'ignore/gryphon/wisps', 'beads/gryphon']);
  });

  test('an initialized database is left alone, also when its prefix differs from the manifest (only noted)', () => {
    const observed = withServed(convergedObserved(desired), { ...servedAsDeclared(wyvern), beadsPrefix: 'wv' });
    const result = plan(desired, observed, NO_FLAGS);
    expect(result.actions).toEqual([]);
    expect(result.notes).toEqual([
      'bd\'s issue_prefix of wyvern is "wv", but mayor/rigs.d/wyvern.yaml:1:1 declares "wy"; gt never changes a prefix bd ' +
        'already has (every issue id carries it)',
    ]);
  });

  test('a database to drop is never initialized', () => {
    const town = desiredTown([hq(), rig('old', { ensure: 'absent' })]);
    const observed = withServed(convergedObserved(desiredTown([hq()])), { ...servedAsDeclared(rig('old')), beadsPrefix: null });
    expect(beadsActions(plan(town, observed, { prune: false, force: false }))).toEqual([]);
  });

  test('while the server serves a broken database, gt cannot tell which have bd tables: it notes that, and plans only new ones', () => {
    const gryphon = rig('gryphon');
    const town = desiredTown([hq(), wyvern, gryphon]);
    const reason = 'open /srv/town/.dolt-data/stray/.dolt/repo_state.json: no such file or directory';
    const observed = { ...uninitialized(convergedObserved(desiredTown([hq(), wyvern])), 'wyvern'), beadsUnreadable: reason };
    const result = plan(town, observed, NO_FLAGS);
    expect(beadsActions(result).map((a) => a.id)).toEqual(['beads/gryphon']);
    expect(result.notes).toEqual([
      `gt cannot tell which databases bd has initialized: the server serves a database it cannot read (${reason}); gt plans ` +
        'bd init there once that database is repaired or moved out of the data dir',
    ]);
  });

  describe('without a bd gt can run, the plan only notes what waits and how to fix it', () => {
    const observedWith = (bd: ObservedBd): ObservedState => ({ ...uninitialized(convergedObserved(desired), 'hq', 'wyvern'), bd });

    test('no bd on PATH', () => {
      const result = plan(desired, observedWith({ state: 'unavailable', source: 'PATH', reason: 'no bd on PATH' }), NO_FLAGS);
      expect(result.actions).toEqual([]);
      expect(result.blocked).toEqual([]);
      expect(result.notes).toEqual([
        "hq and wyvern are not initialized for beads (no issue_prefix in bd's config table), so bd cannot use them, and gt " +
          'cannot run bd: no bd on PATH. Install bd 1.0.0 or later (or set GT_BD_BIN to its path), then run gt apply',
      ]);
    });

    test('GT_BD_BIN that is not executable', () => {
      const reason = 'GT_BD_BIN is /opt/bd, which is not an executable file';
      const result = plan(desired, observedWith({ state: 'unavailable', source: 'GT_BD_BIN', reason }), NO_FLAGS);
      expect(result.notes).toEqual([expect.stringContaining(`gt cannot run bd: ${reason}.`)]);
    });

    test('a bd older than 1.0.0', () => {
      const result = plan(desired, observedWith({ state: 'found', path: '/usr/local/bin/bd', source: 'PATH', version: '0.59.0' }), NO_FLAGS);
      expect(result.actions).toEqual([]);
      expect(result.notes).toEqual([
        expect.stringContaining('gt cannot run bd: /usr/local/bin/bd is bd 0.59.0, and gt needs bd 1.0.0 or later for the flags it passes to bd init.'),
      ]);
    });

    test('a large town is named in part and counted', () => {
      const rigs = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((name) => rig(name));
      const town = desiredTown([hq(), ...rigs]);
      const observed = { ...convergedObserved(town), bd: { state: 'unavailable', source: 'PATH', reason: 'no bd on PATH' } as ObservedBd };
      const all = uninitialized(observed, 'hq', 'a1', 'b2', 'c3', 'd4', 'e5', 'f6');
      expect(plan(town, all, NO_FLAGS).notes[0]).toMatch(/^hq, a1, b2, c3, d4 and 2 more are not initialized for beads/);
    });
  });
});
