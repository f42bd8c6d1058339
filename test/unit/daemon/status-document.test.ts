import { statusDocument, type LoopSnapshot } from '../../../src/daemon/status-file.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function snapshot(overrides: Partial<LoopSnapshot> = {}): LoopSnapshot {
  return {
    daemon: { pid: 99, startedAt: '2026-01-01T00:00:00.000Z', townRoot: '/srv/town', watching: ['/srv/town/mayor/daemon.json'], stopped: false },
    reconciling: false,
    supervision: { restartsInWindow: 0, nextDelayMs: 5000, stalled: false, nextRestartAt: null },
    terminal: null,
    nextRetryAt: null,
    supervisor: 'gt',
    server: { state: 'running', host: '127.0.0.1', port: 3317, pid: 4242, version: '1.86.4', identity: 'x', startedAt: null },
    serverCheckedAt: NOW - 1000,
    configHash: 'f00d',
    lastReconcile: { startedAt: '2026-01-01T00:09:00.000Z', durationMs: 80, triggers: ['resync'], result: 'converged', actions: { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 } },
    lastError: null,
    lastKnownGoodAt: null,
    resources: [],
    unmanaged: [],
    doctor: null,
    ...overrides,
  };
}

describe('statusDocument', () => {
  test('a converged town with its server running: InSync, Healthy, times as ISO strings', () => {
    const status = statusDocument(snapshot(), NOW);
    expect(status).toMatchObject({
      version: 1,
      updatedAt: '2026-01-01T00:10:00.000Z',
      sync: 'InSync',
      health: 'Healthy',
      server: { state: 'running', pid: 4242, port: 3317, supervisor: 'gt', checkedAt: '2026-01-01T00:09:59.000Z' },
      supervision: { restartsInWindow: 0, nextDelayMs: 5000, stalled: false, nextRestartAt: null },
      nextRetryAt: null,
    });
  });

  test('a stopped server waiting for its restart: Progressing, no pid, the restart time', () => {
    const status = statusDocument(
      snapshot({ server: { state: 'stopped', port: 3317, stalePid: 4242 }, supervision: { restartsInWindow: 1, nextDelayMs: 10_000, stalled: false, nextRestartAt: NOW + 5000 } }),
      NOW,
    );
    expect(status).toMatchObject({ health: 'Progressing', server: { state: 'stopped', pid: null }, supervision: { nextRestartAt: '2026-01-01T00:10:05.000Z' } });
  });

  test('before the first look at the server there is no server section', () => {
    expect(statusDocument(snapshot({ server: null, serverCheckedAt: null, lastReconcile: null }), NOW)).toMatchObject({ server: null, health: 'Progressing' });
  });

  test('secrets in resource messages are masked', () => {
    const resources = [{ id: 'remote/hq/origin', ready: false, reason: 'Failed' as const, message: 'push to https://bot:hunter2@example.com/hq failed', configHash: null, lastTransitionTime: 'T' }];
    const status = statusDocument(snapshot({ resources }), NOW);
    expect(status.resources[0]?.message).not.toContain('hunter2');
  });
});
