import {
  afterCount,
  dueWork,
  MAX_RECOUNT,
  planRecount,
  type CacheEntry,
  type Counted,
  type DueWork,
  type Heads,
  type LifecycleDatabase,
} from '../../../src/observe/history-facts-cache.js';
import { LIFECYCLE } from '../plan/fixtures.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-03T12:00:00Z');
const wyvern: LifecycleDatabase = { name: 'wyvern', lifecycle: LIFECYCLE };
const ALL_TABLES = ['wisps', 'wisp_labels', 'wisp_comments', 'wisp_events', 'wisp_dependencies'];
const HEADS: Heads = { head: 'h1', working: 'w1' };
const BOTH: DueWork = { decay: true, compaction: true };

/** A cache entry as a count at NOW left it: 3 commits at h1, decay counted on w1 and valid for another hour. */
function entry(overrides: Partial<CacheEntry> = {}): CacheEntry {
  return {
    commits: { head: 'h1', commits: 2417 },
    decay: {
      working: 'w1',
      closeStaleAfterMs: 24 * HOUR,
      deleteClosedAfterMs: 168 * HOUR,
      validUntil: new Date(NOW + HOUR).toISOString(),
      staleOpen: 18,
      closedExpired: 312,
      related: 1204,
      tables: ALL_TABLES,
    },
    ...overrides,
  };
}

const plan = (cache: Record<string, CacheEntry>, heads = HEADS, work = BOTH, now = NOW) =>
  planRecount(new Map([['wyvern', { database: wyvern, work, heads }]]), cache, now);

describe('which lifecycle work is due', () => {
  test('never run: due; run less than its interval ago: not due; at or after the interval: due', () => {
    expect(dueWork(wyvern, undefined, NOW)).toEqual(BOTH);
    const runs = { decay: { lastRun: new Date(NOW - 10 * 60_000).toISOString() }, compaction: { lastRun: new Date(NOW - 24 * HOUR).toISOString() } };
    expect(dueWork(wyvern, runs, NOW)).toEqual({ decay: false, compaction: true });
  });

  test('work a database does not declare is never due', () => {
    expect(dueWork({ name: 'x', lifecycle: { decay: null, compaction: null, site: null } }, undefined, NOW)).toEqual({ decay: false, compaction: false });
  });
});

describe('what the cache still holds and what is counted again', () => {
  test('nothing moved and no wisp aged past a cutoff: every fact from the cache, cutoffs of now, nothing counted', () => {
    const { cached, recount } = plan({ wyvern: entry() });
    expect(recount).toEqual([]);
    expect(cached.wyvern).toEqual({
      commits: 2417,
      decay: {
        closeStaleBefore: '2026-12-02 12:00:00',
        deleteClosedBefore: '2026-11-26 12:00:00',
        staleOpen: 18,
        closedExpired: 312,
        related: 1204,
        tables: ALL_TABLES,
      },
    });
  });

  test('the head moved (a commit): the commit count only', () => {
    const { recount } = plan({ wyvern: entry() }, { head: 'h2', working: 'w1' });
    expect(recount).toEqual([{ name: 'wyvern', commits: true, decay: false, probeTables: false, tables: ALL_TABLES }]);
  });

  test('the working set moved (a wisp written): decay only, its wisp tables known', () => {
    const { recount } = plan({ wyvern: entry() }, { head: 'h1', working: 'w2' });
    expect(recount).toEqual([{ name: 'wyvern', commits: false, decay: true, probeTables: false, tables: ALL_TABLES }]);
  });

  test('a wisp aged past a cutoff (validUntil passed) though nothing moved: decay is counted again', () => {
    const { recount } = plan({ wyvern: entry() }, HEADS, BOTH, NOW + HOUR);
    expect(recount).toEqual([{ name: 'wyvern', commits: false, decay: true, probeTables: false, tables: ALL_TABLES }]);
  });

  test('declared ages changed: decay is counted again', () => {
    const older = entry();
    const cache = { wyvern: { ...older, decay: { ...older.decay!, closeStaleAfterMs: 12 * HOUR } } };
    expect(plan(cache).recount).toEqual([expect.objectContaining({ decay: true, commits: false })]);
  });

  test('never counted: everything, with a look-up of its wisp tables', () => {
    expect(plan({}).recount).toEqual([{ name: 'wyvern', commits: true, decay: true, probeTables: true, tables: [] }]);
  });

  test('a database without wisp tables is looked up again only once its working set moved', () => {
    const none = entry({ decay: { ...entry().decay!, tables: [] } });
    expect(plan({ wyvern: none }, HEADS).cached.wyvern?.decay).toBe('no-wisps');
    expect(plan({ wyvern: none }, { head: 'h1', working: 'w2' }).recount).toEqual([expect.objectContaining({ probeTables: true })]);
  });

  test('work not due is neither counted nor reported', () => {
    const { cached, recount } = plan({}, HEADS, { decay: false, compaction: true });
    expect(recount).toEqual([{ name: 'wyvern', commits: true, decay: false, probeTables: false, tables: [] }]);
    expect(cached).toEqual({});
  });
});

describe('a bounded count a run', () => {
  test(`at most ${MAX_RECOUNT} databases are counted; never-counted ones first, then the longest waiting; the rest named`, () => {
    const names = Array.from({ length: MAX_RECOUNT + 20 }, (_, i) => `rig${String(i).padStart(3, '0')}`);
    const due = new Map(names.map((name) => [name, { database: { ...wyvern, name }, work: BOTH, heads: { head: 'moved', working: 'moved' } }]));
    // every database counted before (the later in the list, the longer ago; rig000 last of all), except the last, never
    const cache: Record<string, CacheEntry> = Object.fromEntries(
      names.slice(0, -1).map((name, i) => [name, { ...entry(), countedAt: new Date(NOW - (i === 0 ? 1 : 1000 + i) * 60_000).toISOString() }]),
    );
    const { recount, uncounted } = planRecount(due, cache, NOW);
    expect(recount).toHaveLength(MAX_RECOUNT);
    expect(recount[0]?.name).toBe(names[names.length - 1]);
    expect(recount[1]?.name).toBe(names[names.length - 2]);
    expect(uncounted).toHaveLength(20);
    expect(uncounted).toContain('rig000');
  });
});

describe('what a count leaves in the cache', () => {
  const counted: Counted = {
    name: 'wyvern',
    heads: { head: 'h2', working: 'w2' },
    commits: 2500,
    decay: { staleOpen: 3, closedExpired: 7, related: 20, tables: ALL_TABLES, nextStale: '2026-12-02 15:00:00', nextExpiry: '2026-11-26 13:00:00' },
  };

  test('the hashes read with the counts, and validUntil at the first wisp to age past a cutoff', () => {
    const { entry: written, facts } = afterCount(counted, wyvern, undefined, NOW);
    expect(written.commits).toEqual({ head: 'h2', commits: 2500 });
    expect(written.countedAt).toBe(new Date(NOW).toISOString());
    // the closed wisp expires at 13:00 (168h after 2026-11-26 13:00), before the open one goes stale at 15:00
    expect(written.decay).toMatchObject({ working: 'w2', validUntil: '2026-12-03T13:00:00.000Z', staleOpen: 3 });
    expect(facts).toEqual({ commits: 2500, decay: expect.objectContaining({ closedExpired: 7, related: 20 }) });
  });

  test('no wisp left to age: valid until the working set moves', () => {
    const { entry: written } = afterCount({ ...counted, decay: { ...counted.decay!, nextStale: null, nextExpiry: null } }, wyvern, undefined, NOW);
    expect(written.decay?.validUntil).toBeNull();
  });

  test('what was not counted again is kept', () => {
    const { entry: written, facts } = afterCount({ ...counted, heads: { head: 'h1', working: 'w2' }, commits: null }, wyvern, entry(), NOW);
    expect(written.commits).toEqual({ head: 'h1', commits: 2417 });
    expect(facts.commits).toBe(2417);
  });
});
