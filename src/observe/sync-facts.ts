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
 * One statement for every pair that moved: the heights that tell ahead, behind and diverged apart (see
 * remotePosition). dolt_log is read by database (Dolt's table functions take no database), looked up by hash.
 */
function heightsStatement(moved: readonly Moved[]): string {
  return unionAllTree(
    moved.map(({ database, remote, main, tracked }) => {
      const log = `${quoteIdentifier(database)}.dolt_log`;
      const head = `(SELECT commit_order FROM ${log} LIMIT 1)`;
      if (tracked === null) return `SELECT ${quoteString(database)}, ${quoteString(remote)}, ${head}, NULL, NULL, NULL`;
      const ref = quoteString(`remotes/${remote}/main`);
      return (
        `SELECT ${quoteString(database)}, ${quoteString(remote)}, ${head}, ` +
        `(SELECT commit_order FROM ${log} WHERE commit_hash = ${quoteString(tracked)} LIMIT 1), ` +
        `(SELECT commit_order FROM ${log} AS OF ${ref} LIMIT 1), ` +
        `(SELECT commit_order FROM ${log} AS OF ${ref} WHERE commit_hash = ${quoteString(main)} LIMIT 1)`
      );
    }),
  );
}

const orNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

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
 * where a pushed remote's ref differs from main, one more statement for every such pair. The no-op case (every remote
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
  if (moved.length > 0) {
    const heights = new Map<string, PositionHeights>();
    for (const [db, remote, head, trackedOnMain, tracked, mainOnTracked] of await selectRows(connection, heightsStatement(moved))) {
      heights.set(`${String(db)}\0${String(remote)}`, { head: Number(head), trackedOnMain: orNull(trackedOnMain), tracked: orNull(tracked), mainOnTracked: orNull(mainOnTracked) });
    }
    for (const pair of moved) {
      const entry = heads.get(pair.database);
      if (entry !== undefined) entry.sync.positions[pair.remote] = remotePosition(pair.main, pair.tracked, heights.get(`${pair.database}\0${pair.remote}`) ?? null);
    }
  }
  for (const [name, entry] of heads) observed.databases[name] = entry.sync;
  return observed;
}
