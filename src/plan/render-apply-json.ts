import { printable, type PrintableAction } from './printable.js';
import type { ConfigPlanError } from './render-json.js';
import type { Action, BlockedChange, Plan, PlanError } from './types.js';

/**
 * Version of the `gt apply -o json` document (schemas/apply.schema.json); bumped on any incompatible change. 2: each
 * result holds its action as gt diff -o json prints it (`action`) instead of seven of its fields inline.
 */
export const APPLY_DOCUMENT_VERSION = 2;

/** What apply's report needs from a reconcile (apply/reconcile.ts's ReconcileReport has it). */
export interface AppliedReconcile {
  converged: boolean;
  durationMs: number;
  counts: { done: number; failed: number; skipped: number };
  results: readonly { action: Action; status: 'done' | 'failed' | 'skipped'; durationMs: number; message: string | null }[];
  remaining: Pick<Plan, 'actions' | 'blocked' | 'errors' | 'unmanaged'>;
}

export interface ApplyDocument {
  version: typeof APPLY_DOCUMENT_VERSION;
  converged: boolean;
  durationMs: number;
  summary: { done: number; failed: number; skipped: number };
  /** Every action executed (or skipped after a failure), in order: the action as gt diff -o json prints it, and its outcome. */
  results: { action: PrintableAction; status: 'done' | 'failed' | 'skipped'; durationMs: number; message: string | null }[];
  /** What still differs after executing, observed again. */
  remaining: { actions: PrintableAction[]; blocked: BlockedChange[]; errors: (PlanError | ConfigPlanError)[]; unmanaged: string[] };
}

function pretty(document: ApplyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A reconcile as the `gt apply -o json` document, pretty-printed. */
export function renderApplyJson(report: AppliedReconcile): string {
  const { done, failed, skipped } = report.counts;
  return pretty({
    version: APPLY_DOCUMENT_VERSION,
    converged: report.converged,
    durationMs: report.durationMs,
    summary: { done, failed, skipped },
    results: report.results.map((result) => ({
      action: printable(result.action),
      status: result.status,
      durationMs: result.durationMs,
      message: result.message,
    })),
    remaining: {
      actions: report.remaining.actions.map(printable),
      blocked: report.remaining.blocked,
      errors: report.remaining.errors,
      unmanaged: report.remaining.unmanaged,
    },
  });
}

/** The `gt apply -o json` document when the config has errors: nothing done, the errors listed. */
export function applyErrorsDocument(errors: ConfigPlanError[]): string {
  return pretty({
    version: APPLY_DOCUMENT_VERSION,
    converged: false,
    durationMs: 0,
    summary: { done: 0, failed: 0, skipped: 0 },
    results: [],
    remaining: { actions: [], blocked: [], errors, unmanaged: [] },
  });
}
