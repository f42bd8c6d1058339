import { describeSpike, spikeOf } from '../../../src/plan/ledger-spike.js';

const RULE = { threshold: 0.5, minAbsolute: 20 };

describe("the spike rule, per table (Gas Town's rule, like compared with like)", () => {
  it('a drop of more than the threshold spikes; growth is allowed twice as much', () => {
    expect(spikeOf(100, 40, RULE)).toMatchObject({ direction: 'drop', change: 0.6, allowed: 0.5 });
    expect(spikeOf(100, 50, RULE)).toBeNull();
    expect(spikeOf(100, 190, RULE)).toBeNull();
    expect(spikeOf(100, 201, RULE)).toMatchObject({ direction: 'growth', allowed: 1 });
  });

  it('never on a first export, nor on a change of fewer than minAbsolute records', () => {
    expect(spikeOf(null, 5000, RULE)).toBeNull();
    expect(spikeOf(0, 5000, RULE)).toBeNull();
    expect(spikeOf(30, 11, RULE)).toBeNull(); // −63 %, but 19 records
    expect(spikeOf(30, 10, RULE)).not.toBeNull();
  });

  it('says the counts and percentages', () => {
    expect(describeSpike(spikeOf(1200, 430, RULE)!)).toBe('1,200 → 430 records (−64.2 %, more than the 50 % a drop may be)');
  });
});
