import type { LedgerSpikeRule } from '../config/desired.js';

/** A table whose record count moved more than the spike rule allows. */
export interface Spike {
  before: number;
  after: number;
  /** |after − before| / before. */
  change: number;
  /** The fraction allowed in this direction: the threshold for a drop, twice it for growth. */
  allowed: number;
  direction: 'drop' | 'growth';
}

/**
 * Gas Town's spike rule, applied to one table against the same table's file at the archive's HEAD (comparing like
 * with like: a database's total against one table's count halts every other run). A first export (no records at
 * HEAD) and a change of fewer than minAbsolute records never spike; growth is allowed twice the threshold, because new
 * work is normal and lost work is not.
 */
export function spikeOf(before: number | null, after: number, rule: LedgerSpikeRule): Spike | null {
  if (before === null || before === 0) return null;
  const delta = Math.abs(after - before);
  if (delta < rule.minAbsolute) return null;
  const direction = after > before ? 'growth' : 'drop';
  const allowed = direction === 'growth' ? rule.threshold * 2 : rule.threshold;
  const change = delta / before;
  return change > allowed ? { before, after, change, allowed, direction } : null;
}

/** "1,200 → 430 records (−64.2 %, more than the 50 % a drop may be)". */
export function describeSpike(spike: Spike): string {
  const sign = spike.direction === 'drop' ? '−' : '+';
  const percent = (fraction: number): string => `${Number((fraction * 100).toFixed(1))} %`;
  return (
    `${spike.before.toLocaleString('en-US')} → ${spike.after.toLocaleString('en-US')} records ` +
    `(${sign}${percent(spike.change)}, more than the ${percent(spike.allowed)} a ${spike.direction} may be)`
  );
}
