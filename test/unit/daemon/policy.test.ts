import type { Supervision } from '../../../src/config/desired.js';
import type { ClassifiedError } from '../../../src/daemon/classify-error.js';
import { ReconcilePolicy } from '../../../src/daemon/policy.js';
import type { Trigger } from '../../../src/daemon/loop-types.js';
import type { ObservedServer } from '../../../src/observe/observed.js';

const supervision: Supervision = {
  restartDelayMs: 1000,
  maxRestartDelayMs: 60_000,
  restartWindowMs: 600_000,
  maxRestartsInWindow: 2,
  healthyResetMs: 300_000,
  healthCheckIntervalMs: 30_000,
};

const STOPPED: ObservedServer = { state: 'stopped', port: 4000, stalePid: null };
const RUNNING: ObservedServer = { state: 'running', host: '127.0.0.1', port: 4000, pid: 10, version: '1.86.4', identity: 'test', startedAt: null };
const HUNG: ObservedServer = { state: 'unhealthy', port: 4000, pid: 10, reason: 'connect ETIMEDOUT' };
const IMPOSTER: ObservedServer = { state: 'imposter', port: 4000, pid: 99, command: 'nc -l 4000', reason: 'not ours' };

const CONFIG_ERROR: ClassifiedError = { class: 'terminal', kind: 'config', message: 'rigs.d/a.yaml:3:1: bad' };
const IMPOSTER_ERROR: ClassifiedError = { class: 'terminal', kind: 'imposter', message: 'port held' };
const LOCK_ERROR: ClassifiedError = { class: 'transient', kind: 'lock', message: 'lock held' };

const triggers = (...list: Trigger[]): Set<Trigger> => new Set(list);

/** A policy that has run its startup reconcile on config "v1". */
function started(): ReconcilePolicy {
  const policy = new ReconcilePolicy(supervision);
  expect(policy.admit(triggers('startup'), 'v1', 0)).toEqual({ run: true, configChanged: false });
  return policy;
}

/** Crashes the server until the budget is exhausted. */
function crashLoop(policy: ReconcilePolicy): void {
  let now = 1000;
  for (let i = 0; i < 10; i++) {
    const verdict = policy.onServerObserved(STOPPED, false, now);
    if (verdict.kind === 'stalled') return;
    if (verdict.kind !== 'restart') throw new Error(`unexpected ${verdict.kind}`);
    now = verdict.at;
    expect(policy.admit(triggers('restart'), 'v1', now).run).toBe(true);
    policy.afterReconcile({ crashRestarts: 1, failedResources: [], error: null }, now);
  }
  throw new Error('never stalled');
}

describe('ReconcilePolicy', () => {
  test('every trigger reconciles while nothing is wrong; a file event only when the content changed', () => {
    const policy = started();
    for (const trigger of ['resync', 'retry', 'restart', 'signal'] as const) {
      expect(policy.admit(triggers(trigger), 'v1', 10).run).toBe(true);
    }
    expect(policy.admit(triggers('file'), 'v2', 10)).toEqual({ run: true, configChanged: true });
    expect(policy.admit(triggers('file', 'resync'), 'v2', 20).run).toBe(true);
  });

  test("a file event whose content is unchanged (a touch, the daemon's own write) starts no reconcile", () => {
    const policy = started();
    expect(policy.admit(triggers('file'), 'v1', 10)).toEqual({ run: false, configChanged: false, reason: expect.stringContaining('content') });
    policy.acknowledge('v2');
    expect(policy.admit(triggers('file'), 'v2', 20).run).toBe(false);
  });

  describe('server supervision', () => {
    test('a crashed server is restarted at once; a second crash waits the backoff delay, and other triggers wait for it', () => {
      const policy = started();
      expect(policy.onServerObserved(STOPPED, false, 4000)).toEqual({ kind: 'restart', at: 4000, newly: true });
      expect(policy.admit(triggers('restart'), 'v1', 4000).run).toBe(true);
      policy.afterReconcile({ crashRestarts: 1, failedResources: [], error: null }, 4000);
      expect(policy.onServerObserved(STOPPED, false, 5000)).toEqual({ kind: 'restart', at: 6000, newly: true });
      expect(policy.onServerObserved(HUNG, false, 5500)).toEqual({ kind: 'restart', at: 6000, newly: false });
      expect(policy.admit(triggers('resync', 'file'), 'v1', 5600)).toMatchObject({ run: false, reason: expect.stringContaining('backs off') });
      expect(policy.admit(triggers('restart'), 'v1', 6000).run).toBe(true);
    });

    test('a crash loop reaches Stalled after max_restarts_in_window and then nothing restarts it', () => {
      const policy = started();
      crashLoop(policy);
      expect(policy.stalled).toBe(true);
      expect(policy.onServerObserved(STOPPED, false, 100_000)).toMatchObject({ kind: 'stalled', restarts: 2, newly: false });
      for (const trigger of ['file', 'resync', 'retry', 'restart'] as const) {
        expect(policy.admit(triggers(trigger), 'v1', 100_000)).toMatchObject({ run: false, reason: expect.stringContaining('crash-looping') });
      }
    });

    test('a config change lifts the stall and starts a fresh budget', () => {
      const policy = started();
      crashLoop(policy);
      expect(policy.admit(triggers('file'), 'v2', 100_000)).toEqual({ run: true, configChanged: true });
      expect(policy.stalled).toBe(false);
      expect(policy.onServerObserved(STOPPED, false, 100_000)).toEqual({ kind: 'restart', at: 100_000, newly: true });
    });

    test('SIGHUP lifts the stall too', () => {
      const policy = started();
      crashLoop(policy);
      expect(policy.admit(triggers('signal'), 'v1', 100_000).run).toBe(true);
      expect(policy.stalled).toBe(false);
    });

    test('an external server is only observed, never restarted', () => {
      expect(started().onServerObserved(STOPPED, true, 1000)).toEqual({ kind: 'none' });
    });

    test('an imposter is never restarted', () => {
      expect(started().onServerObserved(IMPOSTER, false, 1000)).toEqual({ kind: 'none' });
    });

    test('a healthy server is reported healthy', () => {
      expect(started().onServerObserved(RUNNING, false, 1000)).toEqual({ kind: 'healthy' });
    });
  });

  describe('terminal errors wait for a config change', () => {
    test('invalid config: no reconcile until the files change, but a crashed server is restarted with the last known-good config', () => {
      const policy = started();
      policy.afterReconcile({ crashRestarts: 0, failedResources: [], error: CONFIG_ERROR }, 100);
      expect(policy.terminal).toBe(CONFIG_ERROR);
      expect(policy.admit(triggers('resync'), 'v1', 200)).toMatchObject({ run: false, reason: expect.stringContaining('invalid') });
      expect(policy.admit(triggers('file'), 'v1', 200).run).toBe(false); // touched, not changed
      const verdict = policy.onServerObserved(STOPPED, false, 300);
      expect(verdict).toMatchObject({ kind: 'restart', newly: true });
      const at = verdict.kind === 'restart' ? verdict.at : 0;
      expect(policy.admit(triggers('resync', 'retry'), 'v1', at).run).toBe(false);
      expect(policy.admit(triggers('restart'), 'v1', at)).toEqual({ run: true, configChanged: false, lastKnownGood: true });
      policy.afterReconcile({ crashRestarts: 1, failedResources: [], error: CONFIG_ERROR }, at + 100);
      expect(policy.terminal).toBe(CONFIG_ERROR);
      expect(policy.snapshot(at + 100).restartsInWindow).toBe(1);
      expect(policy.nextRetryAt()).toBeNull();
      expect(policy.admit(triggers('file'), 'v2', 400)).toEqual({ run: true, configChanged: true });
      expect(policy.terminal).toBeNull();
    });

    test('an imposter: resyncs wait, but a server found gone is started again', () => {
      const policy = started();
      policy.afterReconcile({ crashRestarts: 0, failedResources: [], error: IMPOSTER_ERROR }, 100);
      expect(policy.admit(triggers('resync'), 'v1', 200).run).toBe(false);
      const verdict = policy.onServerObserved(STOPPED, false, 300);
      expect(verdict.kind).toBe('restart');
      expect(policy.admit(triggers('restart'), 'v1', verdict.kind === 'restart' ? verdict.at : 0).run).toBe(true);
    });
  });

  test('transient failures are retried with per-resource backoff; success clears them', () => {
    const policy = started();
    policy.afterReconcile({ crashRestarts: 0, failedResources: ['remote/wy/origin'], error: LOCK_ERROR }, 1000);
    expect(policy.nextRetryAt()).toBe(2000);
    policy.afterReconcile({ crashRestarts: 0, failedResources: ['remote/wy/origin'], error: null }, 2000);
    expect(policy.nextRetryAt()).toBe(4000);
    policy.afterReconcile({ crashRestarts: 0, failedResources: [], error: null }, 4000);
    expect(policy.nextRetryAt()).toBeNull();
  });

  test("the daemon's own write to daemon.json is not a config change", () => {
    const policy = started();
    crashLoop(policy);
    policy.acknowledge('v1-with-lifecycle-defaults');
    expect(policy.admit(triggers('file'), 'v1-with-lifecycle-defaults', 100_000).run).toBe(false);
    expect(policy.stalled).toBe(true);
  });
});
