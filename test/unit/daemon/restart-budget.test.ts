import type { Supervision } from '../../../src/config/desired.js';
import { RestartBudget } from '../../../src/daemon/restart-budget.js';

const S = 1000;

function supervision(overrides: Partial<Supervision> = {}): Supervision {
  return {
    restartDelayMs: 5 * S,
    maxRestartDelayMs: 300 * S,
    restartWindowMs: 600 * S,
    maxRestartsInWindow: 5,
    healthyResetMs: 300 * S,
    healthCheckIntervalMs: 30 * S,
    ...overrides,
  };
}

/** Restarts the server every time the budget allows, at the delay it asks for; the delays, until it stalls. */
function crashLoop(budget: RestartBudget, start = 0): { delays: number[]; stalledAt: number } {
  const delays: number[] = [];
  let now = start;
  for (;;) {
    const decision = budget.decide(now);
    if (decision.kind === 'stalled') return { delays, stalledAt: now };
    delays.push(decision.delayMs);
    now += decision.delayMs;
    budget.recordRestart(now);
    now += 100; // the new server dies at once
  }
}

describe('RestartBudget (the crash-restart supervision of Gas Town)', () => {
  test('restart_delay 5s: the first restart after a healthy period is immediate, then 5, 10, 20, 40 s; the sixth crash is Stalled', () => {
    const budget = new RestartBudget(supervision());
    expect(crashLoop(budget).delays).toEqual([0, 5, 10, 20, 40].map((s) => s * S));
    expect(budget.stalled).toBe(true);
    expect(budget.snapshot(160 * S).restartsInWindow).toBe(5);
  });

  test('restart_delay 0: the first restart is immediate, then 10, 20, 40, 80 s', () => {
    expect(crashLoop(new RestartBudget(supervision({ restartDelayMs: 0 }))).delays).toEqual([0, 10, 20, 40, 80].map((s) => s * S));
  });

  test('the delay doubles up to max_restart_delay and no further', () => {
    const budget = new RestartBudget(supervision({ restartDelayMs: 100 * S, maxRestartDelayMs: 250 * S, restartWindowMs: 3_600 * S }));
    expect(crashLoop(budget).delays).toEqual([0, 100, 200, 250, 250].map((s) => s * S));
  });

  test('max_restarts_in_window is the count that stalls', () => {
    const budget = new RestartBudget(supervision({ restartDelayMs: 200, maxRestartsInWindow: 3 }));
    expect(crashLoop(budget).delays).toHaveLength(3);
  });

  test('restarts older than the window no longer count', () => {
    const budget = new RestartBudget(supervision({ maxRestartsInWindow: 2, restartWindowMs: 60 * S }));
    budget.recordRestart(0);
    budget.recordRestart(10 * S);
    expect(budget.snapshot(61 * S).restartsInWindow).toBe(1);
    expect(budget.decide(61 * S).kind).toBe('restart');
  });

  test('a stall sticks even after the window empties, until reset', () => {
    const budget = new RestartBudget(supervision({ maxRestartsInWindow: 1, restartWindowMs: 60 * S }));
    budget.recordRestart(0);
    expect(budget.decide(1 * S)).toEqual({ kind: 'stalled', restarts: 1 });
    expect(budget.decide(3_600 * S).kind).toBe('stalled');
    budget.reset();
    expect(budget.stalled).toBe(false);
    expect(budget.decide(3_601 * S)).toEqual({ kind: 'restart', delayMs: 0 });
  });

  test('healthy for healthy_reset_interval resets the delay, the history and a stall', () => {
    const budget = new RestartBudget(supervision({ healthyResetMs: 300 * S, maxRestartsInWindow: 2 }));
    budget.recordRestart(0);
    budget.recordRestart(5 * S);
    expect(budget.decide(6 * S).kind).toBe('stalled');
    budget.recordHealthy(10 * S);
    budget.recordHealthy(309 * S);
    expect(budget.stalled).toBe(true);
    budget.recordHealthy(310 * S);
    expect(budget.snapshot(310 * S)).toEqual({ restartsInWindow: 0, nextDelayMs: 0, stalled: false });
  });

  test('an unhealthy check interrupts the healthy period', () => {
    const budget = new RestartBudget(supervision({ healthyResetMs: 300 * S }));
    budget.recordRestart(0);
    budget.recordHealthy(10 * S);
    budget.recordUnhealthy();
    budget.recordHealthy(200 * S);
    budget.recordHealthy(400 * S);
    expect(budget.snapshot(400 * S).nextDelayMs).toBe(5 * S);
    budget.recordHealthy(500 * S);
    expect(budget.snapshot(500 * S).nextDelayMs).toBe(0);
  });

  test('a restart also ends a healthy period', () => {
    const budget = new RestartBudget(supervision({ healthyResetMs: 100 * S }));
    budget.recordHealthy(0);
    budget.recordRestart(50 * S);
    budget.recordHealthy(60 * S);
    budget.recordHealthy(120 * S);
    expect(budget.snapshot(120 * S).restartsInWindow).toBe(1);
  });

  test('new parameters from a reloaded config apply to the next decision', () => {
    const budget = new RestartBudget(supervision({ maxRestartsInWindow: 5 }));
    budget.recordRestart(0);
    budget.recordRestart(1 * S);
    budget.configure(supervision({ maxRestartsInWindow: 2 }));
    expect(budget.decide(2 * S).kind).toBe('stalled');
  });
});
