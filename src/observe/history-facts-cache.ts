import type { DatabaseLifecycle } from '../config/desired.js';
import type { LifecycleRuns } from '../lib/lifecycle-state.js';
import { utcDatetime, WISP_TABLES } from './decay-queries.js';
import type { DecayCandidates, HistoryFacts } from './observed.js';
import type { RootHashes } from './root-hashes.js';

/**
 * The decisions behind cheap history facts, pure (time passed in): which databases' lifecycle work is due by its
 * interval, which facts the cache still holds, and what must be counted again. Counting is costly at town scale
 * (seconds for 500 databases), reading every database's head and working-set hash is not (tens of ms): a commit count
 * is kept while the head stays, decay candidates while the working set stays and no wisp has aged past a cutoff since.
 */

/** One database whose lifecycle gt executes. */
export interface LifecycleDatabase {
  name: string;
  lifecycle: DatabaseLifecycle;
}

export interface DueWork {
  decay: boolean;
  compaction: boolean;
}

/** The hashes a database's facts are kept by. */
export type Heads = RootHashes;

interface CachedCommits {
  head: string;
  commits: number;
}

interface CachedDecay {
  working: string;
  closeStaleAfterMs: number;
  deleteClosedAfterMs: number;
  /** The first moment (ISO) a wisp ages past a cutoff, changing the counts; null: none will without a write. */
  validUntil: string | null;
  staleOpen: number;
  closedExpired: number;
  related: number;
  /** The wisp tables the database has; [] when it has no wisps table. */
  tables: string[];
}

export interface CacheEntry {
  /** When gt last counted anything of this database (ISO): who waits longest is counted first. */
  countedAt?: string;
  commits?: CachedCommits;
  decay?: CachedDecay;
}

/**
 * At most this many databases are counted in one observation. Counting costs Dolt tens of milliseconds a database
 * (every table a statement names costs it), so a town whose every database moved (the first run, a busy day) is
 * counted over several runs, the longest-waiting first, rather than in one statement that outlasts the hung-server
 * deadline. The others are named in the plan's notes and planned on a later run.
 */
export const MAX_RECOUNT = 50;

/** The cache file's content: entries by database. */
export type FactsCache = Record<string, CacheEntry>;

/** A database whose facts must be counted: which of them, and whether its wisp tables must be looked up first. */
export interface Recount {
  name: string;
  commits: boolean;
  decay: boolean;
  /** Its wisp tables must be looked up before counting. */
  probeTables: boolean;
  /** The wisp tables it is known to have, when not looked up. */
  tables: string[];
}

function isDue(lastRun: string | undefined, intervalMs: number, nowMs: number): boolean {
  return lastRun === undefined || nowMs - Date.parse(lastRun) >= intervalMs;
}

/** The work due on a database: declared, and its interval passed since gt last ran it (or it never ran). */
export function dueWork(database: LifecycleDatabase, runs: LifecycleRuns | undefined, nowMs: number): DueWork {
  const { decay, compaction } = database.lifecycle;
  return {
    decay: decay !== null && isDue(runs?.decay?.lastRun, decay.interval.ms, nowMs),
    compaction: compaction !== null && isDue(runs?.compaction?.lastRun, compaction.interval.ms, nowMs),
  };
}

/** The cutoffs of a decay counted at `nowMs`, as the SQL compares them. */
export function decayCutoffs(database: LifecycleDatabase, nowMs: number): { closeStaleBefore: string; deleteClosedBefore: string } {
  const decay = database.lifecycle.decay;
  return {
    closeStaleBefore: utcDatetime(new Date(nowMs - (decay?.closeStaleWispsAfter.ms ?? 0))),
    deleteClosedBefore: utcDatetime(new Date(nowMs - (decay?.deleteClosedWispsAfter.ms ?? 0))),
  };
}

function decayStillValid(cached: CachedDecay | undefined, database: LifecycleDatabase, heads: Heads, nowMs: number): cached is CachedDecay {
  const decay = database.lifecycle.decay;
  return (
    cached !== undefined &&
    decay !== null &&
    cached.working === heads.working &&
    cached.closeStaleAfterMs === decay.closeStaleWispsAfter.ms &&
    cached.deleteClosedAfterMs === decay.deleteClosedWispsAfter.ms &&
    (cached.validUntil === null || nowMs < Date.parse(cached.validUntil))
  );
}

function candidatesOf(cached: CachedDecay, database: LifecycleDatabase, nowMs: number): DecayCandidates | 'no-wisps' {
  if (cached.tables.length === 0) return 'no-wisps';
  const { staleOpen, closedExpired, related, tables } = cached;
  return { ...decayCutoffs(database, nowMs), staleOpen, closedExpired, related, tables };
}

/**
 * Per due database, the facts the cache still holds, and what must be counted again: the commit count where the head
 * moved, decay candidates where the working set moved or a wisp aged past a cutoff since they were counted; at most
 * MAX_RECOUNT of them, the rest `uncounted` this time.
 */
export function planRecount(
  due: ReadonlyMap<string, { database: LifecycleDatabase; work: DueWork; heads: Heads }>,
  cache: FactsCache,
  nowMs: number,
): { cached: Record<string, HistoryFacts>; recount: Recount[]; uncounted: string[] } {
  const cached: Record<string, HistoryFacts> = {};
  const recount: Recount[] = [];
  for (const [name, { database, work, heads }] of due) {
    const entry = cache[name] ?? {};
    const commitsKnown = work.compaction && entry.commits?.head === heads.head;
    const decayKnown = work.decay && decayStillValid(entry.decay, database, heads, nowMs);
    const commits = work.compaction && !commitsKnown;
    const decay = work.decay && !decayKnown;
    if (commits || decay) {
      const tables = entry.decay?.tables;
      // A beads database keeps its wisp tables: they are looked up again only when some were missing and the
      // working set moved (a database that became a beads database), or when a count finds one gone.
      const tablesKnown = tables !== undefined && (tables.length === WISP_TABLES.length || entry.decay?.working === heads.working);
      recount.push({ name, commits, decay, probeTables: decay && !tablesKnown, tables: tablesKnown ? tables : [] });
    }
    if (!commits && !decay) {
      cached[name] = {
        commits: commitsKnown ? (entry.commits?.commits ?? null) : null,
        decay: decayKnown && entry.decay !== undefined ? candidatesOf(entry.decay, database, nowMs) : null,
      };
    }
  }
  const longestWaitingFirst = [...recount].sort((a, b) => {
    const [first, second] = [countedAt(cache, a.name), countedAt(cache, b.name)];
    return first < second ? -1 : first > second ? 1 : 0;
  });
  return {
    cached,
    recount: longestWaitingFirst.slice(0, MAX_RECOUNT),
    uncounted: longestWaitingFirst.slice(MAX_RECOUNT).map((r) => r.name),
  };
}

/** When a database was last counted; '' (first in order) when never. */
function countedAt(cache: FactsCache, name: string): string {
  return cache[name]?.countedAt ?? '';
}

/** What one count found in one database (from the same statement, so hashes and counts agree). */
export interface Counted {
  name: string;
  heads: Heads;
  commits: number | null;
  decay: {
    staleOpen: number;
    closedExpired: number;
    related: number;
    tables: string[];
    /** The earliest creation time of an open wisp not yet stale, and closing time of a closed one not yet expired. */
    nextStale: string | null;
    nextExpiry: string | null;
  } | null;
}

/** When a wisp first ages past a cutoff: the earliest of the next stale and the next expiry, as ISO; null: never. */
function validUntil(counted: NonNullable<Counted['decay']>, database: LifecycleDatabase): string | null {
  const decay = database.lifecycle.decay;
  if (decay === null) return null;
  const moments = [
    counted.nextStale === null ? null : Date.parse(`${counted.nextStale}Z`) + decay.closeStaleWispsAfter.ms,
    counted.nextExpiry === null ? null : Date.parse(`${counted.nextExpiry}Z`) + decay.deleteClosedWispsAfter.ms,
  ].filter((moment): moment is number => moment !== null && !Number.isNaN(moment));
  return moments.length === 0 ? null : new Date(Math.min(...moments)).toISOString();
}

/** The cache entry and the facts of a database just counted; `previous` keeps what was not counted again. */
export function afterCount(counted: Counted, database: LifecycleDatabase, previous: CacheEntry | undefined, nowMs: number): { entry: CacheEntry; facts: HistoryFacts } {
  const entry: CacheEntry = { ...previous, countedAt: new Date(nowMs).toISOString() };
  const facts: HistoryFacts = { commits: null, decay: null };
  if (counted.commits !== null) {
    entry.commits = { head: counted.heads.head, commits: counted.commits };
    facts.commits = counted.commits;
  } else if (previous?.commits?.head === counted.heads.head) {
    facts.commits = previous.commits.commits;
  }
  const decay = database.lifecycle.decay;
  if (counted.decay !== null && decay !== null) {
    const { staleOpen, closedExpired, related, tables } = counted.decay;
    entry.decay = {
      working: counted.heads.working,
      closeStaleAfterMs: decay.closeStaleWispsAfter.ms,
      deleteClosedAfterMs: decay.deleteClosedWispsAfter.ms,
      validUntil: validUntil(counted.decay, database),
      staleOpen,
      closedExpired,
      related,
      tables,
    };
    facts.decay = candidatesOf(entry.decay, database, nowMs);
  }
  return { entry, facts };
}
