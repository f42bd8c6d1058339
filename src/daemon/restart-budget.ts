import type { Supervision } from '../config/desired.js';

/** The delay after an immediate restart (restart_delay 0): Gas Town restarts at once the first time, then after 10 s, 20 s, … */
const FIRST_DOUBLING_DELAY_MS = 10_000;

export type RestartDecision =
  | { kind: 'restart'; delayMs: number }
  /** The window already holds max_restarts_in_window restarts: stop restarting until a config change. */
  | { kind: 'stalled'; restarts: number };

export interface RestartBudgetSnapshot {
  restartsInWindow: number;
  /** The delay the next restart would wait. */
  nextDelayMs: number;
  stalled: boolean;
}

/**
 * Gas Town's crash-restart supervision, as pure state over the times it is given:
 * the first restart after a healthy period (or a reset) is immediate — the daemon learns of a crash within a second,
 * and agents need their server back — the next waits restart_delay, every later one twice the previous (capped at
 * max_restart_delay); once the restart window holds max_restarts_in_window restarts the budget is stalled. Unlike Gas Town, which retries once
 * old restarts leave the window, a stalled budget stays stalled until `reset` (a config change or an operator's
 * SIGHUP) or until the server has been healthy for healthy_reset_interval (someone fixed it by hand).
 */
export class RestartBudget {
  private restarts: number[] = [];
  /** The delay of the next restart once one has been made since the last reset. */
  private delayMs: number;
  private restartedSinceReset = false;
  private healthySince: number | null = null;
  private isStalled = false;

  constructor(private supervision: Supervision) {
    this.delayMs = supervision.restartDelayMs;
  }

  /** New parameters from a reloaded config; the history is kept. */
  configure(supervision: Supervision): void {
    if (!this.restartedSinceReset) this.delayMs = supervision.restartDelayMs;
    this.supervision = supervision;
  }

  get stalled(): boolean {
    return this.isStalled;
  }

  /** The server needs a restart: how long to wait first, or stalled. */
  decide(now: number): RestartDecision {
    this.prune(now);
    if (this.isStalled || this.restarts.length >= this.supervision.maxRestartsInWindow) {
      this.isStalled = true;
      return { kind: 'stalled', restarts: this.restarts.length };
    }
    return { kind: 'restart', delayMs: this.nextDelayMs() };
  }

  /** A server start or restart was attempted (whatever its outcome). */
  recordRestart(now: number): void {
    this.prune(now);
    this.restarts.push(now);
    if (this.restartedSinceReset) this.delayMs *= 2;
    else if (this.delayMs === 0) this.delayMs = FIRST_DOUBLING_DELAY_MS;
    this.delayMs = Math.min(this.supervision.maxRestartDelayMs, this.delayMs);
    this.restartedSinceReset = true;
    this.healthySince = null;
  }

  /** The server answered a health check; after healthy_reset_interval of that, the budget starts afresh. */
  recordHealthy(now: number): void {
    this.healthySince ??= now;
    if (now - this.healthySince >= this.supervision.healthyResetMs) this.reset();
  }

  recordUnhealthy(): void {
    this.healthySince = null;
  }

  /** Forget the history, the grown delay and a stall. */
  reset(): void {
    this.restarts = [];
    this.delayMs = this.supervision.restartDelayMs;
    this.restartedSinceReset = false;
    this.isStalled = false;
    this.healthySince = null;
  }

  snapshot(now: number): RestartBudgetSnapshot {
    this.prune(now);
    return { restartsInWindow: this.restarts.length, nextDelayMs: this.nextDelayMs(), stalled: this.isStalled };
  }

  private nextDelayMs(): number {
    return this.restartedSinceReset ? this.delayMs : 0;
  }

  private prune(now: number): void {
    this.restarts = this.restarts.filter((at) => now - at < this.supervision.restartWindowMs);
  }
}
