import type { ServerSettings } from '../config/desired.js';
import { explainServerSettings, type ExplainRow } from './render-explain.js';
import { summarizePlan, type PlanSummary } from './summary.js';
import type { Action, BlockedChange, Plan, PlanError, RemoteAction, RemoteCreateAction, RemoteDeleteAction, RemoteUpdateAction } from './types.js';

/** Version of the `-o json` document (schemas/plan.schema.json); bumped on any incompatible change. */
export const PLAN_DOCUMENT_VERSION = 1;

/** A remote action as printed: without the real URLs (before/after hold the masked ones). */
type PrintedAction =
  | Exclude<Action, RemoteAction>
  | Omit<RemoteCreateAction, 'toUrl'>
  | Omit<RemoteUpdateAction, 'fromUrl' | 'toUrl'>
  | Omit<RemoteDeleteAction, 'fromUrl'>;

export interface PlanDocument {
  version: typeof PLAN_DOCUMENT_VERSION;
  summary: PlanSummary;
  actions: PrintedAction[];
  blocked: BlockedChange[];
  unmanaged: string[];
  notes: string[];
  errors: PlanError[];
  /** With --explain: the effective server settings and their sources. */
  explain?: ExplainRow[];
}

function printed(action: Action): PrintedAction {
  if (action.kind !== 'remote') return action;
  switch (action.verb) {
    case 'create': {
      const { toUrl: _toUrl, ...shown } = action;
      return shown;
    }
    case 'update': {
      const { fromUrl: _fromUrl, toUrl: _toUrl, ...shown } = action;
      return shown;
    }
    case 'delete': {
      const { fromUrl: _fromUrl, ...shown } = action;
      return shown;
    }
  }
}

/** The plan as the `-o json` document, pretty-printed; pass the server settings to include --explain. */
export function renderPlanJson(plan: Plan, explain?: ServerSettings): string {
  const document: PlanDocument = {
    version: PLAN_DOCUMENT_VERSION,
    summary: summarizePlan(plan),
    actions: plan.actions.map(printed),
    blocked: plan.blocked,
    unmanaged: plan.unmanaged,
    notes: plan.notes,
    errors: plan.errors,
    ...(explain === undefined ? {} : { explain: explainServerSettings(explain) }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
