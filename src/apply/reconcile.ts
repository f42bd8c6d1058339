import type { DesiredState } from '../config/desired.js';
import type { YamlParseCache } from '../config/yaml-documents.js';
import { observe } from '../observe/observe.js';
import { plan } from '../plan/plan.js';
import type { Plan, PlanOptions } from '../plan/types.js';
import { acquireLock } from '../lib/lock.js';
import { executePlan, type ActionResult, type ExecuteHooks } from './execute.js';
import { townPaths } from '../lib/town-layout.js';

export interface ReconcileOptions extends PlanOptions {
  /** Recorded in the lock file so a waiting applier can name the holder. */
  command: string;
  lockTimeoutMs: number;
  /** How long one read or SQL step may wait on the server before it is called hung; HUNG_SERVER_MS unless given. */
  hungServerMs?: number;
  hooks?: Omit<ExecuteHooks, 'hungServerMs'> & { onPlan?: (plan: Plan, pass: number) => void };
  /** Parses config.yaml at each observation; the config load's, which has usually parsed it already. */
  yamlCache?: YamlParseCache;
  /** Fetch every pushed remote before the first plan (--refresh). */
  refreshRemotes?: boolean;
}

/** What a reconcile did and what it left: every output (apply's summary, its JSON, the daemon's log and status) counts the same way. */
export interface ActionCounts {
  done: number;
  failed: number;
  skipped: number;
  /** Actions the re-observed town still needs. */
  remaining: number;
  /** Resources whose change the safety rules or flags block. */
  blocked: number;
}

export interface ReconcileReport {
  /** The plan of every pass; the first is what was reviewed, later ones follow a server start. */
  plans: Plan[];
  results: ActionResult[];
  /** What still differs after executing (observed again); empty actions and errors when converged. */
  remaining: Plan;
  counts: ActionCounts;
  /** Nothing left to do: no action failed, and the re-observed town needs no action, has no blocked change and no error. */
  converged: boolean;
  durationMs: number;
}

function countActions(results: readonly ActionResult[], remaining: Plan): ActionCounts {
  const counts: ActionCounts = { done: 0, failed: 0, skipped: 0, remaining: remaining.actions.length, blocked: 0 };
  for (const result of results) counts[result.status]++;
  counts.blocked = new Set(remaining.blocked.map((blocked) => blocked.id)).size;
  return counts;
}

/** The report of a reconcile from what it planned, did and observed afterwards: the one place "converged" is decided. */
export function reconcileReport(plans: Plan[], results: ActionResult[], remaining: Plan, durationMs: number): ReconcileReport {
  const counts = countActions(results, remaining);
  const converged = counts.failed === 0 && counts.remaining === 0 && counts.blocked === 0 && remaining.errors.length === 0;
  return { plans, results, remaining, counts, converged, durationMs };
}

/** At most this many observe → plan → execute passes: a server start reveals what could not be seen while it was down. */
const MAX_PASSES = 3;

/**
 * The one path of `gt apply` and the daemon: lock, then observe → plan → execute until nothing is left to do (a
 * pass that starts the server is followed by another that can see its databases), then observe again to report
 * what still differs.
 */
export async function reconcile(desired: DesiredState, options: ReconcileOptions): Promise<ReconcileReport> {
  const started = performance.now();
  const release = await acquireLock(townPaths(desired.townRoot).applierLock, {
    command: options.command,
    timeoutMs: options.lockTimeoutMs,
  });
  const plans: Plan[] = [];
  const results: ActionResult[] = [];
  const deadline = { hungServerMs: options.hungServerMs };
  try {
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const refreshRemotes = pass === 1 && options.refreshRemotes === true; // a push moves the remote-tracking ref itself
      const current = plan(desired, await observe(desired, { ...deadline, yamlCache: options.yamlCache, refreshRemotes }), options);
      plans.push(current);
      options.hooks?.onPlan?.(current, pass);
      const executable = current.errors.length === 0 && current.actions.length > 0;
      if (!executable || pass === MAX_PASSES) {
        return reconcileReport(plans, results, current, Math.round(performance.now() - started));
      }
      const passResults = await executePlan(current, desired, { ...options.hooks, ...deadline });
      results.push(...passResults);
      if (passResults.some((result) => result.status !== 'done')) break;
    }
    const remaining = plan(desired, await observe(desired, { ...deadline, yamlCache: options.yamlCache }), options);
    return reconcileReport(plans, results, remaining, Math.round(performance.now() - started));
  } finally {
    release();
  }
}
