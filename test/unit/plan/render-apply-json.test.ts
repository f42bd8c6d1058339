import { APPLY_DOCUMENT_VERSION, applyErrorsDocument, renderApplyJson, type AppliedReconcile } from '../../../src/plan/render-apply-json.js';
import { renderPlanJson } from '../../../src/plan/render-json.js';
import type { Plan } from '../../../src/plan/types.js';
import { parseDocument } from '../../helpers/json-schemas.js';
import { plans, secretRemote } from './render-fixtures.js';

const parsed = (text: string): Record<string, unknown> => parseDocument('apply', text);

/** A reconcile that ran every action of `executed` (the first failed, when `failFirst`) and left `remaining`. */
function reconciled(executed: Plan, remaining: Plan, failFirst = false): AppliedReconcile {
  const results = executed.actions.map((action, index) => ({
    action,
    status: failFirst && index === 0 ? ('failed' as const) : ('done' as const),
    durationMs: 12,
    message: failFirst && index === 0 ? 'boom' : null,
  }));
  const failed = results.filter((result) => result.status === 'failed').length;
  return {
    converged: failed === 0 && remaining.actions.length === 0 && remaining.errors.length === 0 && remaining.blocked.length === 0,
    durationMs: 840,
    counts: { done: results.length - failed, failed, skipped: 0 },
    results,
    remaining,
  };
}

const everyKind = (): Plan => (plans['every kind of action'] as () => Plan)();
const converged = (): Plan => (plans['a converged town'] as () => Plan)();

describe('renderApplyJson', () => {
  test.each(Object.keys(plans))('executing "%s" renders a document valid against schemas/apply.schema.json', (name) => {
    const executed = (plans[name] as () => Plan)();
    const document = parsed(renderApplyJson(reconciled(executed, executed, true)));
    expect(document.version).toBe(APPLY_DOCUMENT_VERSION);
    expect(document.results).toHaveLength(executed.actions.length);
  });

  test('prints each action exactly as gt diff -o json does, without the real URLs', () => {
    const executed = everyKind();
    const text = renderApplyJson(reconciled(executed, converged()));
    const document = parsed(text);
    const planned = (JSON.parse(renderPlanJson(executed)) as { actions: unknown[] }).actions;
    expect((document.results as { action: unknown }[]).map((result) => result.action)).toEqual(planned);
    expect(document.converged).toBe(true);
    expect(document.summary).toEqual({ done: executed.actions.length, failed: 0, skipped: 0 });
    expect(text).not.toContain('s3cr3t');
    expect(secretRemote).toContain('s3cr3t');
  });

  test('what remains is printed in the plan document\'s shapes', () => {
    const remaining = (plans['blocked drops and notes'] as () => Plan)();
    const document = parsed(renderApplyJson(reconciled(converged(), remaining)));
    const plan = JSON.parse(renderPlanJson(remaining)) as Record<string, unknown>;
    expect(document.remaining).toEqual({ actions: plan.actions, blocked: plan.blocked, errors: plan.errors, unmanaged: plan.unmanaged });
  });

  test('a config error is a document with nothing done and the located errors', () => {
    const document = parsed(applyErrorsDocument([{ code: 'GT-E012', message: 'bad', at: 'mayor/rigs.d/a.yaml:3:1' }]));
    expect(document.converged).toBe(false);
    expect(document.results).toEqual([]);
    expect((document.remaining as { errors: unknown[] }).errors).toEqual([{ code: 'GT-E012', message: 'bad', at: 'mayor/rigs.d/a.yaml:3:1' }]);
  });
});
