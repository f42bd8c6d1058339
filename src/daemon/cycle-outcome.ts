import type { ActionResult } from '../apply/execute.js';
import type { ActionCounts, ReconcileReport } from '../apply/reconcile.js';
import { daemonFileSha256 } from '../config/daemon-file.js';
import { daemonConfigText } from '../config/daemon-file-writer.js';
import { plannedDaemonWrite } from '../plan/plan-daemon-config.js';
import type { DesiredState } from '../config/desired.js';
import { ConfigError, formatDiagnostic } from '../config/diagnostics.js';
import { maskUrlsInText } from '../lib/mask.js';
import { symbolOf } from '../plan/summary.js';
import { classifyError, classifyPlanError, type ClassifiedError } from './classify-error.js';
import { computeConditions, type ResourceCondition } from './conditions.js';
import { fingerprintOf, withOwnWrite, type ConfigFileHashes } from './config-sources.js';
import type { LastReconcile, Trigger } from './loop-types.js';
import type { ReconcileOutcome } from './policy.js';
import type { StatusError } from './status-file.js';

/** How a reconcile cycle ended: the config did not load, the reconcile threw, or it ran through with a report. */
export type CycleOutcome =
  | { kind: 'config-error'; error: unknown }
  /** `stepCounts`: what the steps that finished before the throw did. */
  | { kind: 'threw'; error: unknown; stepCounts: ActionCounts }
  | { kind: 'reconciled'; desired: DesiredState; report: ReconcileReport };

export interface CycleContext {
  triggers: Trigger[];
  /** When the cycle started and ended (ms since the epoch). */
  startedAt: number;
  now: number;
  /** The config files' hashes as the cycle read them. */
  hashes: ConfigFileHashes;
  /** mayor/daemon.json's path: the file the daemon itself may write. */
  daemonJson: string;
  /** The conditions and last error the previous cycles left. */
  previous: { resources: readonly ResourceCondition[]; lastError: StatusError | null };
}

/** One log line: winston's level, the human sentence and the structured fields. */
export interface LogRecord {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** Everything the loop learns from one cycle; the loop only stores it, hands it to the policy and logs it. */
export interface CycleInterpretation {
  lastReconcile: LastReconcile;
  lastError: StatusError | null;
  policyOutcome: ReconcileOutcome;
  /**
   * The config's fingerprint with daemon.json as the daemon wrote it (lifecycle defaults), so the watcher's report
   * of that write is not taken for an operator's change; null when it wrote nothing.
   */
  ownWriteFingerprint: string | null;
  /** The resources' conditions and the unmanaged databases; the previous ones when the reconcile did not run through. */
  resources: ResourceCondition[];
  unmanaged: string[] | null;
  log: LogRecord;
}

const NO_ACTIONS: ActionCounts = { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 };

function statusError(error: ClassifiedError, at: number, cause?: unknown): StatusError {
  const locations =
    cause instanceof ConfigError
      ? cause.diagnostics
          .filter((d) => d.severity === 'error')
          .map(({ location }) => ({ file: location.file, line: location.line, column: location.column }))
      : [];
  return { at: new Date(at).toISOString(), class: error.class, kind: error.kind, message: maskUrlsInText(error.message), locations };
}

/** "in 812 ms (file, resync): 3 done, 0 failed, 0 skipped, 0 remaining[, 1 blocked]": every cycle's log line says it. */
function cycleSummary({ durationMs, triggers, actions: a }: LastReconcile): string {
  return (
    `in ${durationMs} ms (${triggers.join(', ')}): ${a.done} done, ${a.failed} failed, ${a.skipped} skipped, ${a.remaining} remaining` +
    (a.blocked > 0 ? `, ${a.blocked} blocked` : '')
  );
}

/** The fields every cycle's log line carries, whatever ended it (converged, out of sync, config error, a throw). */
function cycleFields({ triggers, result, durationMs, actions }: LastReconcile): Record<string, unknown> {
  return { triggers, result, durationMs, actions: { ...actions } };
}

/**
 * One action's log line: the sentence an operator reads ("+ create database/wyvern done (120 ms)") and the fields
 * a program filters on ({event: 'action', id, kind, verb, code, status, durationMs, error when it failed}).
 */
export function actionLogRecord({ action, status, durationMs, message }: ActionResult): LogRecord {
  const detail = message ? `: ${message}` : '';
  return {
    level: status === 'failed' ? 'warn' : 'info',
    message: `${symbolOf(action.verb)} ${action.verb} ${action.id} ${status} (${durationMs} ms)${detail}`,
    fields: {
      event: 'action',
      id: action.id,
      kind: action.kind,
      verb: action.verb,
      code: action.code,
      status,
      durationMs,
      ...(status === 'failed' ? { error: message ?? `${action.verb} failed` } : {}),
    },
  };
}

/** A cycle that did not run through: the config did not load, or the reconcile threw part-way. */
function interpretFailure(outcome: Exclude<CycleOutcome, { kind: 'reconciled' }>, context: CycleContext): CycleInterpretation {
  const classified = classifyError(outcome.error);
  const lastReconcile: LastReconcile = {
    startedAt: new Date(context.startedAt).toISOString(),
    durationMs: context.now - context.startedAt,
    triggers: context.triggers,
    result: 'error',
    actions: { ...(outcome.kind === 'threw' ? outcome.stepCounts : NO_ACTIONS) },
  };
  const common = {
    lastReconcile,
    lastError: statusError(classified, context.now, outcome.error),
    policyOutcome: { crashRestarts: 0, failedResources: [], error: classified },
    ownWriteFingerprint: null,
    resources: [...context.previous.resources],
    unmanaged: null,
  };
  if (outcome.kind === 'config-error') {
    const details = outcome.error instanceof ConfigError ? outcome.error.diagnostics.map(formatDiagnostic) : [classified.message];
    // The cycle's one line: event 'config-error' (not 'reconcile': nothing was planned), with its duration and counts.
    const message = `the config has errors; nothing was changed, waiting for a fix; reconcile ended ${cycleSummary(lastReconcile)}:\n${details.join('\n')}`;
    return { ...common, log: { level: 'error', message, fields: { event: 'config-error', ...cycleFields(lastReconcile), diagnostics: details } } };
  }
  // The steps that finished before it threw are counted; nothing is known to remain (the town was not re-observed).
  const message = `reconcile failed ${cycleSummary(lastReconcile)} — ${classified.class} ${classified.kind} error: ${classified.message}`;
  return { ...common, log: { level: 'error', message, fields: { event: 'reconcile', ...cycleFields(lastReconcile), error: classified } } };
}

/** The error a reconcile that ran through leaves: its plan error, else its first failed action, else none or the previous one. */
function errorAfter(report: ReconcileReport, planError: ClassifiedError | null, converged: boolean, context: CycleContext): StatusError | null {
  if (planError !== null) return statusError(planError, context.now);
  const failed = report.results.find((result) => result.status === 'failed');
  if (failed !== undefined) {
    const message = `${failed.action.id}: ${failed.message ?? `${failed.action.verb} failed`}`;
    return statusError({ class: 'transient', kind: 'action', message }, context.now);
  }
  return converged ? null : context.previous.lastError;
}

/**
 * A crash restart brings back a server found stopped or hung; a planned one (changed config.yaml, databases to load)
 * restarts a healthy server on purpose. Only crash restarts count toward max_restarts_in_window: Gas Town's budget
 * likewise only sees the restarts its health check makes, never a planned one.
 */
export function isCrashRestart({ action, status }: ActionResult): boolean {
  return action.kind === 'server' && (action.code === 'server-stopped' || action.code === 'server-unhealthy') && status !== 'skipped';
}

/**
 * The text the cycle wrote to daemon.json, so the watcher's report of it triggers nothing; null when it wrote none,
 * or planned from another version of the file than the config the cycle loaded (then the write is news to it).
 */
function ownDaemonConfigWrite(report: ReconcileReport, desired: DesiredState): { text: string } | null {
  const written = report.results.flatMap((r) => (r.action.kind === 'daemon-config' && r.status === 'done' ? [r.action] : []));
  if (written.length === 0) return null;
  const planned = plannedDaemonWrite(written);
  if (daemonFileSha256(desired.daemonConfig.text) !== planned.fileSha256) return null;
  return daemonConfigText(desired.daemonConfig, planned);
}

/**
 * What one cycle's outcome means for the loop, as a pure function of it and the context: the last reconcile and
 * error for the status, what the policy learns, the daemon's own config write, the conditions and the log line.
 */
export function interpretCycle(outcome: CycleOutcome, context: CycleContext): CycleInterpretation {
  if (outcome.kind !== 'reconciled') return interpretFailure(outcome, context);
  const { report, desired } = outcome;
  const planError = report.remaining.errors[0];
  const error = planError === undefined ? null : classifyPlanError(planError);
  const ownWrite = ownDaemonConfigWrite(report, desired);
  const converged = report.converged && error === null;
  const lastReconcile: LastReconcile = {
    startedAt: new Date(context.startedAt).toISOString(),
    durationMs: report.durationMs,
    triggers: context.triggers,
    result: converged ? 'converged' : 'out-of-sync',
    actions: { ...report.counts },
  };
  const fingerprint = fingerprintOf(context.hashes);
  const message =
    `reconcile ${converged ? 'converged' : 'out of sync'} ${cycleSummary(lastReconcile)}` + (error !== null ? ` — ${error.message}` : '');
  return {
    lastReconcile,
    lastError: errorAfter(report, error, converged, context),
    policyOutcome: {
      // The daemon's first start of the server restarts nothing: it leaves the first restart after it free (immediate).
      crashRestarts: context.triggers.includes('startup') ? 0 : report.results.filter(isCrashRestart).length,
      failedResources: report.results.filter((r) => r.status === 'failed' && r.action.kind !== 'server').map((r) => r.action.id),
      error,
    },
    ownWriteFingerprint: ownWrite === null ? null : fingerprintOf(withOwnWrite(context.hashes, context.daemonJson, ownWrite.text)),
    resources: computeConditions(desired, report, [...context.previous.resources], new Date(context.now).toISOString()),
    unmanaged: report.remaining.unmanaged,
    log: {
      level: error !== null || report.counts.failed > 0 ? 'warn' : 'info',
      message,
      fields: { event: 'reconcile', ...cycleFields(lastReconcile), configHash: fingerprint, ...(error !== null ? { error } : {}) },
    },
  };
}
