import type { ActionResult } from '../../../src/apply/execute.js';
import { reconcileReport } from '../../../src/apply/reconcile.js';
import type { Action, Plan } from '../../../src/plan/types.js';

const plan = (overrides: Partial<Plan> = {}): Plan => ({ actions: [], blocked: [], unmanaged: [], notes: [], errors: [], ...overrides });

const ignoreAction: Action = {
  kind: 'ignore',
  id: 'ignore/wyvern/wisps',
  verb: 'create',
  code: 'ignore-missing',
  before: null,
  after: { pattern: 'wisps', ignored: true },
  reason: 'missing from dolt_ignore',
  destructive: false,
  needsRestart: false,
  database: 'wyvern',
  pattern: 'wisps',
};

const result = (status: ActionResult['status']): ActionResult => ({ action: ignoreAction, status, durationMs: 1, message: null });

describe('reconcileReport: the one definition of converged and of the counts', () => {
  test('everything done and nothing left: converged', () => {
    const report = reconcileReport([plan({ actions: [ignoreAction] })], [result('done')], plan(), 4);
    expect(report.converged).toBe(true);
    expect(report.counts).toEqual({ done: 1, failed: 0, skipped: 0, remaining: 0, blocked: 0 });
  });

  test('a failed action is not converged, even when the town looks converged when observed again', () => {
    const report = reconcileReport([plan({ actions: [ignoreAction] })], [result('failed')], plan(), 4);
    expect(report.converged).toBe(false);
    expect(report.counts.failed).toBe(1);
  });

  test('remaining actions, blocked changes and plan errors each keep it from converging; blocked counts resources', () => {
    expect(reconcileReport([], [], plan({ actions: [ignoreAction] }), 1).converged).toBe(false);
    const blocked = { id: 'database/old', verb: 'delete' as const, code: 'protected' as const, reason: 'protected', hint: 'unprotect' };
    const report = reconcileReport([], [], plan({ blocked: [blocked, { ...blocked, code: 'prune-not-requested' }] }), 1);
    expect(report.converged).toBe(false);
    expect(report.counts.blocked).toBe(1);
    expect(reconcileReport([], [], plan({ errors: [{ code: 'imposter', message: 'not ours' }] }), 1).converged).toBe(false);
  });
});
