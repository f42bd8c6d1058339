import type { Supervision } from '../config/desired.js';
import type { ObservedServer } from '../observe/observed.js';
import type { ClassifiedError } from './classify-error.js';
import { RestartBudget } from './restart-budget.js';
import { RetryBackoff } from './retry-backoff.js';
import type { Trigger } from './loop-types.js';

export type Admission =
  | { run: true; configChanged: boolean }
  /** The config does not load and the server is down: restart it, alone, with the last config that loaded. */
  | { run: true; configChanged: false; lastKnownGood: true }
  | { run: false; configChanged: false; reason: string };

/** What a server observation asks of the daemon. */
export type ServerVerdict =
  | { kind: 'healthy' }
  /** Nothing to do: observe-only (external, or Gas Town's daemon supervises), an imposter, or a config the daemon waits to see fixed. */
  | { kind: 'none' }
  /** `newly`: this observation scheduled it (else it was scheduled before and still waits). */
  | { kind: 'restart'; at: number; newly: boolean }
  /** `newly`: this observation is the one that exhausted the restart budget. */
  | { kind: 'stalled'; restarts: number; newly: boolean };

export interface ReconcileOutcome {
  /** Server starts and restarts the reconcile attempted, done or failed, because it found the server stopped or hung. */
  crashRestarts: number;
  /** Resources whose action failed (server excluded: its failures are the restart budget's business). */
  failedResources: string[];
  /** Why the reconcile did not run through, or a plan error that stopped it; null when it did. */
  error: ClassifiedError | null;
}

/** The key transient whole-reconcile failures (lock timeout, observe failure) back off under. */
const RECONCILE_KEY = 'reconcile';

/**
 * When the daemon may reconcile, as pure state over the times it is given: a crash-looping server stops being
 * restarted (Stalled), a terminal error waits for the config to change (while an invalid config waits, a crashed
 * server is still restarted with the last config that loaded), a server restart waits for its
 * backoff delay, transient failures are retried with per-resource backoff. A real config change or an operator's
 * SIGHUP lifts all of that; the daemon's own writes (lifecycle defaults) and touched files do not, and start no
 * reconcile either.
 */
export class ReconcilePolicy {
  private readonly budget: RestartBudget;
  private readonly retries = new RetryBackoff();
  private seenFingerprint: string | null = null;
  private terminalError: ClassifiedError | null = null;
  private restartAt: number | null = null;

  constructor(supervision: Supervision) {
    this.budget = new RestartBudget(supervision);
  }

  configure(supervision: Supervision): void {
    this.budget.configure(supervision);
  }

  get terminal(): ClassifiedError | null {
    return this.terminalError;
  }

  get stalled(): boolean {
    return this.budget.stalled;
  }

  /** At the start of a cycle, with the fingerprint of the config files as they are now. */
  admit(triggers: ReadonlySet<Trigger>, fingerprint: string, now: number): Admission {
    const configChanged = this.seenFingerprint !== null && fingerprint !== this.seenFingerprint;
    this.seenFingerprint = fingerprint;
    if (configChanged || triggers.has('signal')) {
      this.terminalError = null;
      this.budget.reset();
      this.retries.clear();
      this.restartAt = null;
      return { run: true, configChanged };
    }
    if (triggers.has('startup')) return { run: true, configChanged: false };
    const skip = (reason: string): Admission => ({ run: false, configChanged: false, reason });
    if (this.budget.stalled) return skip('the server is crash-looping: waiting for a config change or SIGHUP');
    if (this.terminalError?.kind === 'config') {
      if (!triggers.has('restart') || (this.restartAt !== null && now < this.restartAt)) return skip('the config is invalid: waiting for it to change');
      this.restartAt = null;
      return { run: true, configChanged: false, lastKnownGood: true };
    }
    if (this.terminalError?.kind === 'imposter' && !triggers.has('restart')) {
      return skip('an imposter holds the port: waiting for a config change or for it to go');
    }
    if ([...triggers].every((trigger) => trigger === 'file')) {
      return skip('the config files were written, but their content is what the last reconcile saw');
    }
    if (this.restartAt !== null && now < this.restartAt) {
      return skip(`the server restart backs off until ${new Date(this.restartAt).toISOString()}`);
    }
    this.restartAt = null;
    return { run: true, configChanged: false };
  }

  /** The daemon itself wrote a config file (lifecycle defaults): its new content is no operator's change. */
  acknowledge(fingerprint: string): void {
    this.seenFingerprint = fingerprint;
  }

  afterReconcile(outcome: ReconcileOutcome, now: number): void {
    for (let i = 0; i < outcome.crashRestarts; i++) this.budget.recordRestart(now);
    this.terminalError = outcome.error?.class === 'terminal' ? outcome.error : null;
    const failing = outcome.error?.class === 'transient' ? [...outcome.failedResources, RECONCILE_KEY] : outcome.failedResources;
    this.retries.settle(this.terminalError === null ? failing : [], now);
  }

  /**
   * A health check's (or a reconcile's closing) look at the server. `supervisedElsewhere`: gt does not supervise it
   * (it is external, or Gas Town's daemon supervises it), so gt never restarts it.
   */
  onServerObserved(server: ObservedServer, supervisedElsewhere: boolean, now: number): ServerVerdict {
    if (server.state === 'running') {
      this.budget.recordHealthy(now);
      return { kind: 'healthy' };
    }
    if (supervisedElsewhere || server.state === 'imposter') return { kind: 'none' };
    this.budget.recordUnhealthy();
    if (this.restartAt !== null) return { kind: 'restart', at: this.restartAt, newly: false };
    const wasStalled = this.budget.stalled;
    const decision = this.budget.decide(now);
    if (decision.kind === 'stalled') return { kind: 'stalled', restarts: decision.restarts, newly: !wasStalled };
    this.restartAt = now + decision.delayMs;
    return { kind: 'restart', at: this.restartAt, newly: true };
  }

  nextRetryAt(): number | null {
    return this.terminalError === null && !this.budget.stalled ? this.retries.nextRetryAt() : null;
  }

  snapshot(now: number): { restartsInWindow: number; nextDelayMs: number; stalled: boolean; nextRestartAt: number | null } {
    return { ...this.budget.snapshot(now), nextRestartAt: this.restartAt };
  }
}
