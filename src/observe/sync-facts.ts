import { existsSync } from 'node:fs';
import type mysql from 'mysql2/promise';
import type { DesiredDatabase, DesiredState } from '../config/desired.js';
import { readCompactionDivergences } from '../lib/compaction-divergence.js';
import { dropConnection } from '../lib/connect.js';
import { maskUrlsInText } from '../lib/mask.js';
import { quoteIdentifier, quoteString, unionAllTree } from '../lib/sql.js';
import { readSyncState } from '../lib/sync-state.js';
import { noSyncMarkerIn, townPaths } from '../lib/town-layout.js';
import type { ObservedDatabaseSync, ObservedSync } from './observed.js';
import { remoteOfTrackingRef, remotePosition, type PositionHeights } from './remote-position.js';

/** The names of a database's remotes with `push: true`. */
export function pushedRemotes(database: DesiredDatabase): string[] {
  return (database.remotes ?? []).filter((remote) => remote.push !== undefined).map((remote) => remote.name);
}

/**
 * The databases whose sync gt manages: present, and declaring a pushed remote or backups. A town that declares
 * neither pays nothing: no statement, no file read.
 */
export function syncDatabases(desired: DesiredState): DesiredDatabase[] {
  return desired.databases.filter(
    (db) => db.ensure === 'present' && (pushedRemotes(db).length > 0 || (db.backups !== undefined && db.backups !== null)),
  );
}

async function selectRows(connection: mysql.Connection, sql: string): Promise<unknown[][]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true });
  return rows as unknown as unknown[][];
}

/**
 * One statement for every database: main's head and the remote-tracking refs where remotes are pushed, dolt_backups
 * where backups are declared. Rows: database, kind ('main' | 'tracking' | 'backup'), name, hash or url.
 */
function headsStatement(databases: readonly DesiredDatabase[]): string {
  const selects = databases.flatMap((db) => {
    const name = quoteString(db.name);
    const from = quoteIdentifier(db.name);
    const parts: string[] = [];
    if (pushedRemotes(db).length > 0) {
      parts.push(`SELECT ${name}, 'main', name, hash FROM ${from}.dolt_branches WHERE name = 'main'`);
      parts.push(`SELECT ${name}, 'tracking', name, hash FROM ${from}.dolt_remote_branches`);
    }
    if (db.backups !== undefined && db.backups !== null) parts.push(`SELECT ${name}, 'backup', name, url FROM ${from}.dolt_backups`);
    return parts;
  });
  return unionAllTree(selects);
}

/** A database and remote whose main differs from the database's (or that has no remote-tracking ref). */
interface Moved {
  database: string;
  remote: string;
  main: string;
  tracked: string | null;
}

/**
 * dolt_log read by database (Dolt's table functions take no database), one commit looked up by its hash. Not with
 * `commit_hash = …`: Dolt 1.86 answers that through an index that panics on a short remote-tracking history; the
 * scan runs newest first and stops at the match, which is near the head in the case that matters (a few commits ahead).
 */
function heightOf(database: string, hash: string, ref: string | null): string {
  const asOf = ref === null ? '' : ` AS OF ${quoteString(ref)}`;
  return `(SELECT commit_order FROM ${quoteIdentifier(database)}.dolt_log${asOf} WHERE LOWER(commit_hash) = ${quoteString(hash)} LIMIT 1)`;
}

/**
 * One statement for every pair that moved: main's height, the remote's main's height and whether main's history holds
 * it (then main is ahead by the difference).
 */
function heightsStatement(moved: readonly Moved[]): string {
  return unionAllTree(
    moved.map(({ database, remote, tracked }) => {
      const head = `(SELECT commit_order FROM ${quoteIdentifier(database)}.dolt_log LIMIT 1)`;
      const pair = `${quoteString(database)}, ${quoteString(remote)}`;
      if (tracked === null) return `SELECT ${pair}, ${head}, NULL, NULL`;
      const ref = `remotes/${remote}/main`;
      return `SELECT ${pair}, ${head}, ${heightOf(database, tracked, null)}, (SELECT commit_order FROM ${quoteIdentifier(database)}.dolt_log AS OF ${quoteString(ref)} LIMIT 1)`;
    }),
  );
}

/** For the pairs main's history does not hold the remote's main: whether the remote's history holds main (behind). */
function behindStatement(moved: readonly Moved[]): string {
  return unionAllTree(
    moved.map(({ database, remote, main }) => `SELECT ${quoteString(database)}, ${quoteString(remote)}, ${heightOf(database, main, `remotes/${remote}/main`)}`),
  );
}

const orNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const pairKey = (database: unknown, remote: unknown): string => `${String(database)}\0${String(remote)}`;

/**
 * The heights of the pairs that moved: one statement, and one more only for pairs whose remote has commits main
 * lacks (behind or diverged, which the first cannot tell apart).
 */
async function readHeights(connection: mysql.Connection, moved: readonly Moved[]): Promise<Map<string, PositionHeights>> {
  const heights = new Map<string, PositionHeights>();
  for (const [db, remote, head, trackedOnMain, tracked] of await selectRows(connection, heightsStatement(moved))) {
    heights.set(pairKey(db, remote), { head: Number(head), trackedOnMain: orNull(trackedOnMain), tracked: orNull(tracked), mainOnTracked: null });
  }
  const notAhead = moved.filter((pair) => pair.tracked !== null && heights.get(pairKey(pair.database, pair.remote))?.trackedOnMain === null);
  if (notAhead.length === 0) return heights;
  for (const [db, remote, mainOnTracked] of await selectRows(connection, behindStatement(notAhead))) {
    const found = heights.get(pairKey(db, remote));
    if (found !== undefined) found.mainOnTracked = orNull(mainOnTracked);
  }
  return heights;
}

export interface SyncObserveOptions {
  /** Fetch every pushed remote first (gt diff --refresh): the positions are then the remotes' own, not gt's last look. */
  refresh: boolean;
  /** Opens a connection of its own on a database (a fetch changes the session's current database). */
  open(database: string): Promise<mysql.Connection>;
}

/** Fetches every pushed remote of every database, one connection per database; failures become notes (masked). */
async function fetchRemotes(databases: readonly DesiredDatabase[], options: SyncObserveOptions): Promise<string[]> {
  const failures: string[] = [];
  for (const database of databases) {
    const remotes = (database.remotes ?? []).filter((remote) => remote.push !== undefined);
    if (remotes.length === 0) continue;
    let connection: mysql.Connection | null = null;
    try {
      connection = await options.open(database.name);
      for (const { name, push } of remotes) {
        try {
          // a fetch moves as much as a push: it gets the push's timeout
          await connection.query({ sql: `CALL DOLT_FETCH(${quoteString(name)})`, timeout: push?.timeout.ms });
        } catch (error) {
          failures.push(`fetch of ${database.name} from ${name} failed, so its position is gt's last look: ${maskUrlsInText((error as Error).message)}`);
        }
      }
    } catch (error) {
      failures.push(`could not fetch ${database.name}'s remotes: ${maskUrlsInText((error as Error).message)}`);
    } finally {
      if (connection !== null) await connection.end().catch(() => dropConnection(connection as mysql.Connection));
    }
  }
  return failures;
}

/** The rows of the heads statement, by database. */
function readHeads(databases: readonly DesiredDatabase[], rows: unknown[][], dataDir: string): Map<string, { sync: ObservedDatabaseSync; tracking: Map<string, string> }> {
  const found = new Map(
    databases.map((db) => [
      db.name,
      {
        sync: { main: null, positions: {}, backups: db.backups === undefined || db.backups === null ? null : [], noSync: existsSync(noSyncMarkerIn(dataDir, db.name)) } as ObservedDatabaseSync,
        tracking: new Map<string, string>(),
      },
    ]),
  );
  for (const [db, kind, name, value] of rows) {
    const entry = found.get(String(db));
    if (entry === undefined) continue;
    if (kind === 'main') entry.sync.main = String(value);
    else if (kind === 'backup') entry.sync.backups?.push({ name: String(name), url: String(value) });
    else {
      const remote = remoteOfTrackingRef(String(name));
      if (remote !== null) entry.tracking.set(remote, String(value));
    }
  }
  return found;
}

/**
 * What sync needs of the served databases that declare pushed remotes or backups, at `now`: gt's records (last
 * successes, compaction divergences) and, in one statement, main's head, the remote-tracking refs and dolt_backups;
 * where a pushed remote's ref differs from main, one more statement for every such pair (and one more where some
 * remote has commits main lacks). The no-op case (every remote
 * even with main) costs one statement whatever the number of databases. With `refresh`, each database's pushed
 * remotes are fetched first (a statement per remote: the explicit choice).
 */
export async function observeSync(
  connection: mysql.Connection,
  desired: DesiredState,
  served: readonly string[],
  now: Date,
  options: SyncObserveOptions,
): Promise<ObservedSync> {
  const servedNames = new Set(served);
  const databases = syncDatabases(desired).filter((db) => servedNames.has(db.name));
  const observed: ObservedSync = {
    at: now.toISOString(),
    databases: {},
    lastSuccess: readSyncState(townPaths(desired.townRoot).syncState),
    divergences: readCompactionDivergences(desired.townRoot),
    refreshed: options.refresh,
    fetchFailures: [],
  };
  if (databases.length === 0) return observed;
  if (options.refresh) observed.fetchFailures = await fetchRemotes(databases, options);

  const heads = readHeads(databases, await selectRows(connection, headsStatement(databases)), desired.server.dataDir.value);
  const moved: Moved[] = [];
  for (const database of databases) {
    const entry = heads.get(database.name);
    const main = entry?.sync.main ?? null;
    if (entry === undefined || main === null) continue;
    for (const remote of pushedRemotes(database)) {
      const tracked = entry.tracking.get(remote) ?? null;
      if (tracked !== main) moved.push({ database: database.name, remote, main, tracked });
      else entry.sync.positions[remote] = remotePosition(main, tracked, null);
    }
  }
  const heights = moved.length === 0 ? new Map<string, PositionHeights>() : await readHeights(connection, moved);
  for (const pair of moved) {
    const entry = heads.get(pair.database);
    if (entry !== undefined) entry.sync.positions[pair.remote] = remotePosition(pair.main, pair.tracked, heights.get(pairKey(pair.database, pair.remote)) ?? null);
  }
  for (const [name, entry] of heads) observed.databases[name] = entry.sync;
  return observed;
}
