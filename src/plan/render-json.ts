import type { ServerSettings } from '../config/desired.js';
import { printable, type PrintableAction } from './printable.js';
import { explainServerSettings, type ExplainRow } from './render-explain.js';
import { summarizePlan, type PlanSummary } from './summary.js';
import type { BlockedChange, Plan, PlanError } from './types.js';

/** Version of the `-o json` document (schemas/plan.schema.json); bumped on any incompatible change. */
export const PLAN_DOCUMENT_VERSION = 1;

/** A config error gt stopped at before planning: a GT-E code, and where (`file:line:col`) when it is in a file. */
export interface ConfigPlanError {
  code: string;
  message: string;
  at?: string;
}

export interface PlanDocument {
  version: typeof PLAN_DOCUMENT_VERSION;
  summary: PlanSummary;
  actions: PrintableAction[];
  blocked: BlockedChange[];
  unmanaged: string[];
  notes: string[];
  errors: (PlanError | ConfigPlanError)[];
  /** With --explain: the effective server settings and their sources. */
  explain?: ExplainRow[];
}

function pretty(document: PlanDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The plan as the `-o json` document, pretty-printed; pass the server settings to include --explain. */
export function renderPlanJson(plan: Plan, explain?: ServerSettings): string {
  return pretty({
    version: PLAN_DOCUMENT_VERSION,
    summary: summarizePlan(plan),
    actions: plan.actions.map(printable),
    blocked: plan.blocked,
    unmanaged: plan.unmanaged,
    notes: plan.notes,
    errors: plan.errors,
    ...(explain === undefined ? {} : { explain: explainServerSettings(explain) }),
  });
}

/** The `-o json` document when the config has errors: nothing planned, the errors listed. */
export function planErrorsDocument(errors: ConfigPlanError[]): string {
  return pretty({
    version: PLAN_DOCUMENT_VERSION,
    summary: { create: 0, update: 0, delete: 0, blocked: 0 },
    actions: [],
    blocked: [],
    unmanaged: [],
    notes: [],
    errors,
  });
}
