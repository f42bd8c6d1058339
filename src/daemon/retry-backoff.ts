/**
 * Per-resource exponential backoff for transient failures (controller-runtime's item rate limiter): a resource's
 * n-th consecutive failure waits base·2^(n-1), capped; a success forgets it. The daemon reconciles the whole town
 * at the earliest retry time, so one flapping resource does not make the others wait for its long delay.
 */
export class RetryBackoff {
  private readonly failures = new Map<string, { attempts: number; retryAt: number }>();

  constructor(
    private readonly baseMs = 1000,
    private readonly capMs = 5 * 60_000,
  ) {}

  /** After a reconcile: `failing` are the resources that failed; every other one succeeded (or was not tried). */
  settle(failing: Iterable<string>, now: number): void {
    const failed = new Set(failing);
    for (const key of this.failures.keys()) if (!failed.has(key)) this.failures.delete(key);
    for (const key of failed) {
      const attempts = (this.failures.get(key)?.attempts ?? 0) + 1;
      const delay = Math.min(this.capMs, this.baseMs * 2 ** Math.min(attempts - 1, 30));
      this.failures.set(key, { attempts, retryAt: now + delay });
    }
  }

  /** When the next retry is due; null when nothing fails. */
  nextRetryAt(): number | null {
    let earliest: number | null = null;
    for (const { retryAt } of this.failures.values()) earliest = earliest === null ? retryAt : Math.min(earliest, retryAt);
    return earliest;
  }

  attempts(key: string): number {
    return this.failures.get(key)?.attempts ?? 0;
  }

  clear(): void {
    this.failures.clear();
  }
}
