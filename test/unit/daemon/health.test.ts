import { summarizeHealth, type HealthInputs } from '../../../src/daemon/health.js';
import type { LastReconcile } from '../../../src/daemon/loop-types.js';

const converged: LastReconcile = {
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 10,
  triggers: ['file'],
  result: 'converged',
  actions: { done: 1, failed: 0, skipped: 0, remaining: 0, blocked: 0 },
};

function inputs(overrides: Partial<HealthInputs> = {}): HealthInputs {
  return {
    reconciling: false,
    stalled: false,
    restartsInWindow: 0,
    terminal: null,
    server: { state: 'running', host: '127.0.0.1', port: 4000, pid: 1, version: '1', identity: 'x', startedAt: null },
    supervisedElsewhere: false,
    nextRestartAt: null,
    nextRetryAt: null,
    lastKnownGoodAt: null,
    lastReconcile: converged,
    ...overrides,
  };
}

describe('summarizeHealth', () => {
  test('converged with a running server: InSync and Healthy', () => {
    expect(summarizeHealth(inputs())).toMatchObject({ sync: 'InSync', health: 'Healthy' });
  });

  test('a crash loop is Stalled, and says how to get out of it', () => {
    const summary = summarizeHealth(inputs({ stalled: true, restartsInWindow: 3, server: { state: 'stopped', port: 4000, stalePid: null } }));
    expect(summary).toMatchObject({ sync: 'OutOfSync', health: 'Stalled' });
    expect(summary.message).toContain('3 restarts');
    expect(summary.message).toContain('config');
  });

  test('invalid config: Stalled with sync Unknown', () => {
    const summary = summarizeHealth(inputs({ terminal: { class: 'terminal', kind: 'config', message: 'a.yaml:3:1: bad\nmore' } }));
    expect(summary).toMatchObject({ sync: 'Unknown', health: 'Stalled' });
    expect(summary.message).toContain('a.yaml:3:1: bad');
    expect(summary.message).not.toContain('more');
  });

  test('a reconcile in progress, or a server restart waiting for its delay: Progressing', () => {
    expect(summarizeHealth(inputs({ reconciling: true })).health).toBe('Progressing');
    const down = summarizeHealth(inputs({ server: { state: 'stopped', port: 4000, stalePid: 7 }, nextRestartAt: Date.parse('2026-01-01T00:00:05Z') }));
    expect(down).toMatchObject({ sync: 'OutOfSync', health: 'Progressing' });
    expect(down.message).toContain('2026-01-01T00:00:05.000Z');
  });

  test('a down server gt does not supervise, failed actions or a failed reconcile: Degraded', () => {
    expect(summarizeHealth(inputs({ supervisedElsewhere: true, server: { state: 'stopped', port: 4000, stalePid: null } })).health).toBe('Degraded');
    const failed = summarizeHealth(inputs({ lastReconcile: { ...converged, result: 'out-of-sync', actions: { ...converged.actions, failed: 2 } }, nextRetryAt: 0 }));
    expect(failed).toMatchObject({ sync: 'OutOfSync', health: 'Degraded' });
    expect(failed.message).toContain('2 action(s) failed; retrying at 1970');
    expect(summarizeHealth(inputs({ lastReconcile: { ...converged, result: 'error' } }))).toMatchObject({ sync: 'Unknown', health: 'Degraded' });
  });

  test('only blocked changes left: the town is Healthy but OutOfSync', () => {
    const blocked = summarizeHealth(inputs({ lastReconcile: { ...converged, result: 'out-of-sync', actions: { ...converged.actions, blocked: 1 } } }));
    expect(blocked).toMatchObject({ sync: 'OutOfSync', health: 'Healthy' });
  });
});
