import type mysql from 'mysql2/promise';
import { isTownDatabaseName, quoteIdentifier, quoteString } from '../lib/sql.js';
import type { ObservedDatabase } from './observed.js';

export interface SqlSnapshot {
  databases: ObservedDatabase[];
  roundTrips: number;
}

/** A row of the snapshot query: database, 'remote' (name, url) or 'ignore' (pattern, ignored). */
type SnapshotRow = [db: string, kind: 'remote' | 'ignore', a: string, b: string | number | null];

/**
 * `s1 UNION ALL s2 UNION ALL ...` nested as a balanced tree. Dolt's planner takes time quadratic in the length of a
 * flat UNION ALL chain (and far more with column aliases): for 500 databases a flat chain takes minutes, the tree a
 * few hundred milliseconds.
 */
function unionAllTree(selects: readonly string[]): string {
  if (selects.length === 1) return selects[0] as string;
  const middle = selects.length >> 1;
  return `(${unionAllTree(selects.slice(0, middle))}) UNION ALL (${unionAllTree(selects.slice(middle))})`;
}

/**
 * Everything gt needs from SQL, in a constant number of round trips whatever the number of databases:
 * SHOW DATABASES, then one UNION ALL (a balanced tree) over every database's dolt_remotes and dolt_ignore.
 * `probeUnpushed` names databases a plan may drop; each costs a few more round trips. `incomplete` names directories
 * an interrupted create left: a server may list them, but every query on them fails, so they are left out.
 */
export async function readSqlSnapshot(
  connection: mysql.Connection,
  probeUnpushed: readonly string[] = [],
  incomplete: readonly string[] = [],
): Promise<SqlSnapshot> {
  let roundTrips = 0;
  const [shown] = await connection.query<mysql.RowDataPacket[]>('SHOW DATABASES');
  roundTrips++;
  const names = shown
    .map((row) => String(Object.values(row)[0]))
    .filter((name) => isTownDatabaseName(name) && !incomplete.includes(name))
    .sort();
  const byName = new Map<string, ObservedDatabase>(
    names.map((name) => [name, { name, remotes: [], ignore: [], unpushed: null }]),
  );

  if (names.length > 0) {
    // Every remote select before every ignore select: mixed, Dolt converts column types at every level of the tree.
    // No column aliases (rows come as arrays): each alias costs Dolt's planner a session's worth of allocations.
    const remotes = names.map((name) => `SELECT ${quoteString(name)}, 'remote', name, url FROM ${quoteIdentifier(name)}.dolt_remotes`);
    const ignores = names.map((name) => `SELECT ${quoteString(name)}, 'ignore', pattern, ignored FROM ${quoteIdentifier(name)}.dolt_ignore`);
    const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: unionAllTree([...remotes, ...ignores]), rowsAsArray: true });
    roundTrips++;
    for (const [db, kind, a, b] of rows as unknown as SnapshotRow[]) {
      const database = byName.get(db);
      if (!database) continue;
      if (kind === 'remote') database.remotes.push({ name: a, url: String(b) });
      else database.ignore.push({ pattern: a, ignored: Number(b) === 1 });
    }
  }

  for (const name of probeUnpushed) {
    const database = byName.get(name);
    if (!database) continue;
    const probe = await probeUnpushedWork(connection, name);
    database.unpushed = probe.unpushed;
    roundTrips += probe.roundTrips;
  }
  return { databases: [...byName.values()], roundTrips };
}

/**
 * What dropping the database would lose: commits on HEAD not on any remote-tracking branch (all commits after the
 * initial one when it has none) and uncommitted working changes.
 */
async function probeUnpushedWork(
  connection: mysql.Connection,
  name: string,
): Promise<{ unpushed: NonNullable<ObservedDatabase['unpushed']>; roundTrips: number }> {
  const db = quoteIdentifier(name);
  const [facts] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM ${db}.dolt_status) AS dirty, (SELECT COUNT(*) FROM ${db}.dolt_log) AS commits`,
  );
  const [remoteBranches] = await connection.query<mysql.RowDataPacket[]>(`SELECT name FROM ${db}.dolt_remote_branches`);
  let roundTrips = 2;
  const dirty = Number(facts[0]?.dirty ?? 0) > 0;
  let commits = Math.max(0, Number(facts[0]?.commits ?? 1) - 1);
  let detail = `${commits} commit(s) and no remote-tracking branch`;
  if (remoteBranches.length > 0) {
    await connection.query(`USE ${db}`);
    roundTrips++;
    for (const branch of remoteBranches) {
      const remoteBranch = String(branch.name);
      const [counted] = await connection.query<mysql.RowDataPacket[]>(
        `CALL DOLT_COUNT_COMMITS('--from', 'HEAD', '--to', ${quoteString(remoteBranch)})`,
      );
      roundTrips++;
      const ahead = Number(firstRow(counted)?.ahead ?? commits);
      if (ahead <= commits) {
        commits = ahead;
        detail = `${ahead} commit(s) not on ${remoteBranch}`;
      }
    }
  }
  if (dirty) detail += ', uncommitted changes in the working set';
  return { unpushed: { commits, dirty, detail }, roundTrips };
}

/** CALL returns [rows, OkPacket]; plain SELECT returns rows. */
function firstRow(result: unknown): mysql.RowDataPacket | undefined {
  if (!Array.isArray(result)) return undefined;
  const first: unknown = result[0];
  if (Array.isArray(first)) return first[0] as mysql.RowDataPacket | undefined;
  return first as mysql.RowDataPacket | undefined;
}
