import { jitteredInterval } from '../../../src/daemon/jitter.js';

describe('the resync interval with jitter', () => {
  const tenMinutes = 600_000;

  it('stays within ±10 % of the interval, at both ends of the random range', () => {
    expect(jitteredInterval(tenMinutes, () => 0)).toBe(540_000);
    expect(jitteredInterval(tenMinutes, () => 0.25)).toBe(570_000);
    expect(jitteredInterval(tenMinutes, () => 0.5)).toBe(tenMinutes);
    expect(jitteredInterval(tenMinutes, () => 0.75)).toBe(630_000);
    expect(jitteredInterval(tenMinutes, () => 0.999_999)).toBeCloseTo(660_000, -1);
  });

  it('differs between daemons started together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => jitteredInterval(tenMinutes)));
    expect(delays.size).toBeGreaterThan(40);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(540_000);
      expect(delay).toBeLessThan(660_000);
    }
  });
});
