import type { ActionCounts } from '../apply/reconcile.js';

/** What started a reconcile: restart is a server restart whose backoff delay has passed. */
export type Trigger = 'startup' | 'file' | 'resync' | 'signal' | 'retry' | 'restart';

export interface LastReconcile {
  startedAt: string;
  durationMs: number;
  triggers: Trigger[];
  /** converged: nothing left to do; out-of-sync: changes remain (blocked or failed); error: it did not run through. */
  result: 'converged' | 'out-of-sync' | 'error';
  actions: ActionCounts;
}

/** The loop's timers read and set time through this, so tests can move time by hand. */
export interface Clock {
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
