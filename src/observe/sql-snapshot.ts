import type mysql from 'mysql2/promise';
import { isTownDatabaseName, quoteIdentifier, quoteString } from '../lib/sql.js';
import type { ObservedDatabase } from './observed.js';

export interface SqlSnapshot {
  databases: ObservedDatabase[];
  roundTrips: number;
}

interface SnapshotRow {
  db: string;
  kind: 'remote' | 'ignore';
  a: string;
  b: string | number | null;
}

/**
 * Everything gt needs from SQL, in a constant number of round trips whatever the number of databases:
 * SHOW DATABASES, then one UNION ALL over every database's dolt_remotes and dolt_ignore.
 * `probeUnpushed` names databases a plan may drop; each costs a few more round trips.
 */
export async function readSqlSnapshot(
  connection: mysql.Connection,
  probeUnpushed: readonly string[] = [],
): Promise<SqlSnapshot> {
  let roundTrips = 0;
  const [shown] = await connection.query<mysql.RowDataPacket[]>('SHOW DATABASES');
  roundTrips++;
  const names = shown.map((row) => String(Object.values(row)[0])).filter(isTownDatabaseName).sort();
  const byName = new Map<string, ObservedDatabase>(
    names.map((name) => [name, { name, remotes: [], ignore: [], unpushed: null }]),
  );

  if (names.length > 0) {
    const selects = names.flatMap((name) => {
      const db = quoteIdentifier(name);
      const literal = quoteString(name);
      return [
        `SELECT ${literal} AS db, 'remote' AS kind, name AS a, url AS b FROM ${db}.dolt_remotes`,
        `SELECT ${literal} AS db, 'ignore' AS kind, pattern AS a, ignored AS b FROM ${db}.dolt_ignore`,
      ];
    });
    const [rows] = await connection.query<mysql.RowDataPacket[]>(selects.join('\nUNION ALL\n'));
    roundTrips++;
    for (const row of rows as SnapshotRow[]) {
      const database = byName.get(row.db);
      if (!database) continue;
      if (row.kind === 'remote') database.remotes.push({ name: row.a, url: String(row.b) });
      else database.ignore.push({ pattern: row.a, ignored: Number(row.b) === 1 || row.b === '1' });
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
