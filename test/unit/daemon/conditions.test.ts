import type { ActionResult } from '../../../src/apply/execute.js';
import { reconcileReport, type ReconcileReport } from '../../../src/apply/reconcile.js';
import { computeConditions, type ResourceCondition } from '../../../src/daemon/conditions.js';
import type { Action, Plan } from '../../../src/plan/types.js';
import { desiredTown, hq, LIFECYCLE, rig } from '../plan/fixtures.js';

function emptyPlan(overrides: Partial<Plan> = {}): Plan {
  return { actions: [], blocked: [], unmanaged: [], notes: [], errors: [], ...overrides };
}

function report(results: ActionResult[], remaining: Partial<Plan> = {}): ReconcileReport {
  return reconcileReport([emptyPlan()], results, emptyPlan(remaining), 5);
}

const remoteAction: Action = {
  kind: 'remote',
  id: 'remote/wyvern/origin',
  verb: 'update',
  code: 'remote-url-changed',
  before: 'file:///old',
  after: 'file:///new',
  reason: 'url differs',
  destructive: false,
  needsRestart: false,
  database: 'wyvern',
  name: 'origin',
  fromUrl: 'file:///old',
  toUrl: 'file:///new',
};

const byId = (conditions: ResourceCondition[]) => new Map(conditions.map((c) => [c.id, c]));

describe('computeConditions', () => {
  const town = desiredTown([hq(), rig('wyvern')]);

  test('every declared resource is InSync after a converged reconcile', () => {
    const conditions = computeConditions(town, report([]), [], 'T1');
    expect(conditions.map((c) => c.id).sort()).toEqual(['database/hq', 'database/wyvern', 'ignore/wyvern/wisps', 'remote/wyvern/origin', 'server']);
    expect(conditions.every((c) => c.ready && c.reason === 'InSync' && c.lastTransitionTime === 'T1')).toBe(true);
    expect(conditions.every((c) => /^[0-9a-f]{12}$/.test(c.configHash ?? ''))).toBe(true);
  });

  test("with executor gt, each database's declared decay and compaction are resources too", () => {
    const lifecycle = { declared: true, declaresDecay: true, declaresCompaction: true, executor: 'gt' as const };
    const withLifecycle = desiredTown([hq(), rig('wyvern', { lifecycle: LIFECYCLE })], { lifecycle });
    const ids = computeConditions(withLifecycle, report([]), [], 'T1').map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['decay/wyvern', 'compaction/wyvern']));
    const gastown = desiredTown([hq(), rig('wyvern', { lifecycle: LIFECYCLE })], { lifecycle: { ...lifecycle, executor: 'gastown' } });
    expect(computeConditions(gastown, report([]), [], 'T1').map((c) => c.id)).not.toContain('decay/wyvern');
  });

  test('a failed action makes its resource Failed with the error; what still differs is OutOfSync', () => {
    const failed: ActionResult = { action: remoteAction, status: 'failed', durationMs: 3, message: 'remote unreachable' };
    const conditions = byId(computeConditions(town, report([failed], { actions: [remoteAction] }), [], 'T1'));
    expect(conditions.get('remote/wyvern/origin')).toMatchObject({ ready: false, reason: 'Failed', message: 'remote unreachable' });
    const outOfSync = byId(computeConditions(town, report([], { actions: [remoteAction] }), [], 'T1'));
    expect(outOfSync.get('remote/wyvern/origin')).toMatchObject({ ready: false, reason: 'OutOfSync', message: 'url differs' });
  });

  test('a blocked change is Blocked with its hint', () => {
    const blocked = { id: 'database/wyvern', verb: 'delete' as const, code: 'prune-not-requested' as const, reason: 'declared absent', hint: 'pass --prune' };
    const conditions = byId(computeConditions(town, report([], { blocked: [blocked] }), [], 'T1'));
    expect(conditions.get('database/wyvern')).toMatchObject({ ready: false, reason: 'Blocked', message: 'declared absent (pass --prune)' });
  });

  test('the hash follows the resource spec: a changed URL changes only that remote', () => {
    const before = byId(computeConditions(town, report([]), [], 'T1'));
    const changed = desiredTown([hq(), rig('wyvern', { remotes: [{ name: 'origin', url: 'file:///elsewhere' }] })]);
    const after = byId(computeConditions(changed, report([]), [], 'T2'));
    expect(after.get('remote/wyvern/origin')?.configHash).not.toBe(before.get('remote/wyvern/origin')?.configHash);
    expect(after.get('database/wyvern')?.configHash).toBe(before.get('database/wyvern')?.configHash);
  });

  test('lastTransitionTime changes only when the verdict does', () => {
    const first = computeConditions(town, report([]), [], 'T1');
    const same = byId(computeConditions(town, report([]), first, 'T2'));
    expect(same.get('server')?.lastTransitionTime).toBe('T1');
    const changed = byId(computeConditions(town, report([], { actions: [remoteAction] }), first, 'T3'));
    expect(changed.get('remote/wyvern/origin')?.lastTransitionTime).toBe('T3');
    expect(changed.get('server')?.lastTransitionTime).toBe('T1');
  });

  test('the password never feeds a hash', () => {
    const a = desiredTown([hq()]);
    const b = desiredTown([hq()], { server: { ...a.server, password: { value: 'other', source: 'env' } } });
    expect(byId(computeConditions(a, report([]), [], 'T')).get('server')?.configHash).toBe(
      byId(computeConditions(b, report([]), [], 'T')).get('server')?.configHash,
    );
  });
});
