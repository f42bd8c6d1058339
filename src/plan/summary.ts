import type { Plan, Verb } from './types.js';

/** `+` adds something (create, start, write), `~` changes it in place (update, restart), `-` removes it (delete). */
export type ChangeSymbol = '+' | '~' | '-';

export function symbolOf(verb: Verb): ChangeSymbol {
  switch (verb) {
    case 'create':
    case 'start':
    case 'write':
      return '+';
    case 'update':
    case 'restart':
      return '~';
    case 'delete':
      return '-';
  }
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  /** Resources with at least one blocked change. */
  blocked: number;
}

/** Counts by symbol, as the summary line shows them ("Plan: 3 to create, 1 to update, 0 to delete."). */
export function summarizePlan(plan: Plan): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, blocked: new Set(plan.blocked.map((b) => b.id)).size };
  for (const action of plan.actions) {
    const symbol = symbolOf(action.verb);
    if (symbol === '+') summary.create += 1;
    else if (symbol === '~') summary.update += 1;
    else summary.delete += 1;
  }
  return summary;
}
