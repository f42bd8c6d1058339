import type mysql from 'mysql2/promise';
import { quoteIdentifier, quoteString } from '../../lib/sql.js';
import { numberOf, rowsOf, textOf } from './session.js';

/** What the compaction starts from: main's head, its commit count, and every table's rows in main's working set. */
export interface PreState {
  head: string;
  commits: number;
  /** Rows per table of the working set: dolt-ignored tables (wisps), which no commit holds, are counted too. */
  counts: Record<string, number>;
}

/** Every table's row count in the session's working set, in one statement. */
export async function readTableCounts(connection: mysql.Connection): Promise<Record<string, number>> {
  const tables = (
    await rowsOf(connection, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")
  ).map((row) => String(row.name));
  if (tables.length === 0) return {};
  const counts = tables.map((table) => `SELECT ${quoteString(table)} AS name, COUNT(*) AS n FROM ${quoteIdentifier(table)}`).join(' UNION ALL ');
  const rows = await rowsOf(connection, counts);
  return Object.fromEntries(rows.map((row) => [String(row.name), Number(row.n)]));
}

/** The pre-state, read in one transaction so the head, the commit count and the counts are one snapshot. */
export async function readPreState(connection: mysql.Connection): Promise<PreState> {
  await connection.query('BEGIN');
  try {
    const head = await textOf(connection, "SELECT HASHOF('HEAD')");
    const commits = await numberOf(connection, 'SELECT COUNT(*) FROM dolt_log');
    const counts = await readTableCounts(connection);
    return { head, commits, counts };
  } finally {
    await connection.query('COMMIT');
  }
}
