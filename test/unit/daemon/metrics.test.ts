import type { ActionResult } from '../../../src/apply/execute.js';
import { DaemonMetrics } from '../../../src/daemon/metrics.js';
import type { LastReconcile } from '../../../src/daemon/loop-types.js';
import { sampleValue } from '../../../src/observe/dolt-metrics.js';
import type { Action } from '../../../src/plan/types.js';

const restart = {
  kind: 'server',
  id: 'server',
  verb: 'start',
  code: 'server-stopped',
  before: { state: 'stopped', host: '127.0.0.1', port: 3317 },
  after: { state: 'running', host: '127.0.0.1', port: 3317 },
  reason: 'nothing serves this town',
  destructive: false,
  needsRestart: false,
} as const satisfies Action;

function reconcile(result: LastReconcile['result'], durationMs: number): LastReconcile {
  return { startedAt: '2026-12-03T10:00:00.000Z', durationMs, triggers: ['resync'], result, actions: { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 } };
}

describe("gt's daemon metrics", () => {
  it('count reconciles by result, actions by kind and status, server restarts, and the last successful reconcile', async () => {
    const metrics = new DaemonMetrics();
    metrics.recordReconcile(reconcile('converged', 40), 1_700_000_000_000);
    metrics.recordReconcile(reconcile('error', 3000), 1_700_000_100_000);
    const done: ActionResult = { action: restart, status: 'done', durationMs: 900, message: 'pid 7' };
    metrics.recordAction(done);
    metrics.recordAction({ ...done, status: 'failed' });
    const { contentType, text } = await metrics.exposition();
    expect(contentType).toContain('text/plain');
    expect(text).toContain('gt_reconcile_duration_seconds_bucket{le="0.05",result="converged"} 1');
    expect(text).toContain('gt_reconcile_duration_seconds_count{result="error"} 1');
    expect(text).toContain('gt_actions_total{kind="server",status="done"} 1');
    expect(text).toContain('gt_actions_total{kind="server",status="failed"} 1');
    expect(text).toContain('gt_server_restarts_total{verb="start",code="server-stopped",status="done"} 1');
    expect(text).toContain('# TYPE gt_lifecycle_runs_total counter');
    expect(sampleValue(text, 'gt_last_successful_reconcile_timestamp_seconds')).toBe(1_700_000_000);
  });
});

describe("gt's daemon metrics: lifecycle runs", () => {
  it('count decay and compaction runs by kind and status, and no other kind', async () => {
    const metrics = new DaemonMetrics();
    const decay = { kind: 'decay', id: 'decay/wyvern', verb: 'delete' } as unknown as Action;
    const compaction = { kind: 'compaction', id: 'compaction/wyvern', verb: 'update' } as unknown as Action;
    const townFile = { kind: 'town-file', id: 'file/mayor/rigs.json', verb: 'update' } as unknown as Action;
    for (const action of [decay, compaction, townFile]) metrics.recordAction({ action, status: 'done', durationMs: 5, message: '' });
    metrics.recordAction({ action: compaction, status: 'failed', durationMs: 5, message: 'this gt cannot execute compaction yet' });
    const { text } = await metrics.exposition();
    expect(text).toContain('gt_lifecycle_runs_total{kind="decay",status="done"} 1');
    expect(text).toContain('gt_lifecycle_runs_total{kind="compaction",status="done"} 1');
    expect(text).toContain('gt_lifecycle_runs_total{kind="compaction",status="failed"} 1');
    expect(text).not.toContain('gt_lifecycle_runs_total{kind="town-file"');
    expect(text).toContain('gt_actions_total{kind="town-file",status="done"} 1');
  });
});

describe("reading Dolt's metrics", () => {
  it('takes an unlabelled sample, ignoring comments and labelled series', () => {
    const text = '# HELP dss_concurrent_connections x\n# TYPE dss_concurrent_connections gauge\ndss_concurrent_connections 3\ndss_is_replica{database="hq"} 0\n';
    expect(sampleValue(text, 'dss_concurrent_connections')).toBe(3);
    expect(sampleValue(text, 'dss_is_replica')).toBeNull();
    expect(sampleValue('dss_dolt_version 2.2413316e+07\n', 'dss_dolt_version')).toBe(22413316);
  });
});
