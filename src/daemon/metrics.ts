import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ActionResult } from '../apply/execute.js';
import type { Action } from '../plan/types.js';
import type { LastReconcile } from './loop-types.js';

/**
 * Which kinds of action are lifecycle work (a run of decay, compaction, gc, push, backup or the ledger export), which
 * gt_lifecycle_runs_total counts. A Record over every kind, so that a new kind cannot be added without deciding.
 */
const LIFECYCLE_WORK: Record<Action['kind'], boolean> = {
  'daemon-config': false,
  server: false,
  database: false,
  remote: false,
  ignore: false,
  'town-file': false,
  beads: false,
  decay: true,
  compaction: true,
  backup: false,
  push: true,
  'backup-sync': true,
  ledger: true,
  'ledger-push': false,
};

/** Reconciles take milliseconds when nothing changes and seconds to minutes when a server restarts. */
const RECONCILE_BUCKETS_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** gt's daemon's own Prometheus metrics, in a registry of their own (served by the daemon's metrics endpoint). */
export class DaemonMetrics {
  readonly registry = new Registry();

  private readonly reconcileDuration = new Histogram({
    name: 'gt_reconcile_duration_seconds',
    help: 'How long each reconcile (observe, plan, apply) took, by result: converged, out-of-sync (changes remain, blocked or failed) or error.',
    labelNames: ['result'] as const,
    buckets: RECONCILE_BUCKETS_SECONDS,
    registers: [this.registry],
  });

  private readonly actions = new Counter({
    name: 'gt_actions_total',
    help: 'Actions the daemon executed, by resource kind and status (done, failed, skipped).',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  private readonly serverRestarts = new Counter({
    name: 'gt_server_restarts_total',
    help: "Starts and restarts of the town's Dolt server the daemon executed, by verb and reason code (server-stopped: it was down; server-unhealthy: it hung; server-config-changed, databases-not-served).",
    labelNames: ['verb', 'code', 'status'] as const,
    registers: [this.registry],
  });

  private readonly lifecycleRuns = new Counter({
    name: 'gt_lifecycle_runs_total',
    help: 'Runs of lifecycle work (decay, compaction, gc, push, backup, ledger export) the daemon executed, by kind and status.',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  private readonly lastSuccess = new Gauge({
    name: 'gt_last_successful_reconcile_timestamp_seconds',
    help: 'When the last reconcile that ran through (converged or out-of-sync, not error) ended, in Unix seconds; 0 before the first.',
    registers: [this.registry],
  });

  /** One reconcile that ended at `endedAtMs`. */
  recordReconcile(reconcile: LastReconcile, endedAtMs: number): void {
    this.reconcileDuration.observe({ result: reconcile.result }, reconcile.durationMs / 1000);
    if (reconcile.result !== 'error') this.lastSuccess.set(endedAtMs / 1000);
  }

  /** One executed action. */
  recordAction(result: ActionResult): void {
    const { action, status } = result;
    this.actions.inc({ kind: action.kind, status });
    if (action.kind === 'server') this.serverRestarts.inc({ verb: action.verb, code: action.code, status });
    if (LIFECYCLE_WORK[action.kind]) this.lifecycleRuns.inc({ kind: action.kind, status });
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
