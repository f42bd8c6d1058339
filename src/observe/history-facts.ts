import type mysql from 'mysql2/promise';
import type { DesiredState } from '../config/desired.js';
import { readLifecycleState, readOwnJsonFile, writeOwnJsonFile } from '../lib/lifecycle-state.js';
import { quoteIdentifier, quoteString, rootHashVariable, unionAllTree } from '../lib/sql.js';
import { townPaths } from '../lib/town-layout.js';
import { relatedRowsCount, tablesOf, wispAggregates, WISP_TABLES } from './decay-queries.js';
import {
  afterCount,
  decayCutoffs,
  dueWork,
  planRecount,
  type Counted,
  type DueWork,
  type FactsCache,
  type Heads,
  type LifecycleDatabase,
  type Recount,
} from './history-facts-cache.js';
import type { HistoryFacts, ObservedLifecycle } from './observed.js';
import { readRootHashes } from './root-hashes.js';

/**
 * Gt reads history facts only for databases whose lifecycle it executes: executor gt, and decay or compaction
 * declared. A town that declares nothing of it pays nothing: no statement, no file read.
 */
export function lifecycleDatabases(desired: DesiredState): LifecycleDatabase[] {
  if (desired.lifecycle.executor !== 'gt') return [];
  return desired.databases.filter(
    (db) => db.ensure === 'present' && (db.lifecycle.decay !== null || db.lifecycle.compaction !== null),
  );
}

async function selectRows(connection: mysql.Connection, sql: string): Promise<unknown[][]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true });
  return rows as unknown as unknown[][];
}

/** Dolt's answer to a statement that names a table that is not there (a wisp table dropped since it was cached). */
const TABLE_GONE = /table not found|doesn't exist/i;

/** The wisp tables of each database, in one statement. */
async function probeWispTables(connection: mysql.Connection, names: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(names.map((name) => [name, []]));
  if (names.length === 0) return found;
  const rows = await selectRows(
    connection,
    `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN (${names.map(quoteString).join(', ')}) ` +
      `AND table_name IN (${WISP_TABLES.map(quoteString).join(', ')})`,
  );
  for (const [schema, table] of rows) found.get(String(schema))?.push(String(table));
  for (const tables of found.values()) tables.sort((a, b) => WISP_TABLES.indexOf(a as never) - WISP_TABLES.indexOf(b as never));
  return found;
}

/** One row per database: its hashes and the facts asked for, read in the same statement so they agree. */
function countSelect(recount: Recount, database: LifecycleDatabase, tables: readonly string[], nowMs: number): string {
  const head = [quoteString(recount.name), rootHashVariable(recount.name, 'head'), rootHashVariable(recount.name, 'working')];
  head.push(recount.commits ? `(SELECT commit_order FROM ${quoteIdentifier(recount.name)}.dolt_log LIMIT 1)` : 'NULL');
  if (!recount.decay) return `SELECT ${[...head, 'NULL', 'NULL', 'NULL', 'NULL', 'NULL'].join(', ')}`;
  if (!tables.includes('wisps')) return `SELECT ${[...head, '0', '0', '0', 'NULL', 'NULL'].join(', ')}`;
  const t = tablesOf(recount.name);
  const cutoffs = decayCutoffs(database, nowMs);
  const columns = [...head, 'x.stale_open', 'x.closed_expired', relatedRowsCount(t, tables, cutoffs.deleteClosedBefore), 'x.next_stale', 'x.next_expiry'];
  return `SELECT ${columns.join(', ')} FROM ${wispAggregates(t, tables, cutoffs)}`;
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function countedOf(row: unknown[], recount: Recount, tables: string[]): Counted {
  const [name, head, working, commits, staleOpen, closedExpired, related, nextStale, nextExpiry] = row;
  return {
    name: String(name),
    heads: { head: String(head), working: String(working) },
    commits: nullableNumber(commits),
    decay: recount.decay
      ? {
          staleOpen: Number(staleOpen),
          closedExpired: Number(closedExpired),
          related: Number(related),
          tables,
          nextStale: nullableText(nextStale),
          nextExpiry: nullableText(nextExpiry),
        }
      : null,
  };
}

interface FactsCacheFile {
  version: 1;
  databases: FactsCache;
}

function readFactsCache(path: string): FactsCache {
  const file = readOwnJsonFile(path);
  return file?.version === 1 && typeof file.databases === 'object' && file.databases !== null ? (file.databases as FactsCache) : {};
}

/**
 * Counts what `recount` names in one statement (after one that looks up wisp tables not known yet, and again when a
 * known one is gone); updates `cache`.
 */
async function countAgain(
  connection: mysql.Connection,
  recount: readonly Recount[],
  byName: ReadonlyMap<string, LifecycleDatabase>,
  cache: FactsCache,
  nowMs: number,
): Promise<Record<string, HistoryFacts>> {
  let probed = await probeWispTables(connection, recount.filter((r) => r.probeTables).map((r) => r.name));
  const tablesFor = (r: Recount): string[] => probed.get(r.name) ?? r.tables;
  const statement = (): string => unionAllTree(recount.map((r) => countSelect(r, byName.get(r.name) as LifecycleDatabase, tablesFor(r), nowMs)));
  let rows: unknown[][];
  try {
    rows = await selectRows(connection, statement());
  } catch (error) {
    if (!TABLE_GONE.test((error as Error).message)) throw error;
    probed = await probeWispTables(connection, recount.filter((r) => r.decay).map((r) => r.name));
    rows = await selectRows(connection, statement());
  }
  const facts: Record<string, HistoryFacts> = {};
  rows.forEach((row, i) => {
    const r = recount[i] as Recount;
    const counted = countedOf(row, r, tablesFor(r));
    const database = byName.get(counted.name) as LifecycleDatabase;
    const { entry, facts: found } = afterCount(counted, database, cache[counted.name], nowMs);
    cache[counted.name] = entry;
    facts[counted.name] = found;
  });
  return facts;
}

/**
 * The lifecycle facts of the town at `now`: when gt last ran its work, and for every served database whose work is
 * due the commit count and decay candidates, from the cache file where the database's head and working set have not
 * moved. A constant number of statements whatever the number of databases, none when nothing is due: the heads; when
 * some moved, one count of every database that needs it (and, the first time, a look-up of their wisp tables).
 */
export async function observeLifecycle(
  connection: mysql.Connection,
  desired: DesiredState,
  served: readonly string[],
  now: Date,
): Promise<ObservedLifecycle> {
  const paths = townPaths(desired.townRoot);
  const lastRuns = readLifecycleState(paths.lifecycleState);
  const nowMs = now.getTime();
  const observed: ObservedLifecycle = {
    at: now.toISOString(),
    localMinuteOfDay: now.getHours() * 60 + now.getMinutes(),
    facts: {},
    uncounted: [],
    lastRuns,
  };
  const servedNames = new Set(served);
  const due: [LifecycleDatabase, DueWork][] = lifecycleDatabases(desired)
    .filter((db) => servedNames.has(db.name))
    .map((db): [LifecycleDatabase, DueWork] => [db, dueWork(db, lastRuns[db.name], nowMs)])
    .filter(([, work]) => work.decay || work.compaction);
  if (due.length === 0) return observed;

  const heads = await readRootHashes(connection, due.map(([db]) => db.name));
  const cache = readFactsCache(paths.historyFactsCache);
  const byName = new Map(due.map(([db]) => [db.name, db]));
  const plannedDue = new Map(due.map(([db, work]) => [db.name, { database: db, work, heads: heads.get(db.name) as Heads }]));
  const { cached, recount, uncounted } = planRecount(plannedDue, cache, nowMs);
  observed.facts = cached;
  observed.uncounted = uncounted;
  if (recount.length === 0) return observed;

  Object.assign(observed.facts, await countAgain(connection, recount, byName, cache, nowMs));
  // entries of databases whose lifecycle gt no longer executes are dropped; the others stay for when they are due
  const kept = new Set(lifecycleDatabases(desired).map((db) => db.name));
  const file: FactsCacheFile = { version: 1, databases: Object.fromEntries(Object.entries(cache).filter(([name]) => kept.has(name))) };
  try {
    writeOwnJsonFile(paths.historyFactsCache, file);
  } catch {
    // a cache only saves work: where daemon/ cannot be written, the next observation counts again
  }
  return observed;
}

