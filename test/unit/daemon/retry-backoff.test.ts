import { RetryBackoff } from '../../../src/daemon/retry-backoff.js';

describe('RetryBackoff (per-resource, for transient failures)', () => {
  test('a resource that keeps failing waits 1, 2, 4, 8 s … up to the cap', () => {
    const backoff = new RetryBackoff(1000, 10_000);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
      backoff.settle(['remote/wyvern/origin'], now);
      const at = backoff.nextRetryAt() as number;
      waits.push(at - now);
      now = at;
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  test('a success forgets the resource; nothing failing means no retry', () => {
    const backoff = new RetryBackoff();
    backoff.settle(['a'], 0);
    backoff.settle(['a'], 1000);
    expect(backoff.attempts('a')).toBe(2);
    backoff.settle([], 3000);
    expect(backoff.attempts('a')).toBe(0);
    expect(backoff.nextRetryAt()).toBeNull();
  });

  test('each resource has its own delay; the retry comes at the earliest', () => {
    const backoff = new RetryBackoff(1000, 300_000);
    for (let i = 0; i < 4; i++) backoff.settle(['old'], i * 100);
    backoff.settle(['old', 'new'], 1000);
    expect(backoff.attempts('old')).toBe(5);
    expect(backoff.attempts('new')).toBe(1);
    expect(backoff.nextRetryAt()).toBe(2000);
  });
});
