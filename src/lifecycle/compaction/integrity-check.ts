import type mysql from 'mysql2/promise';
import { quoteIdentifier } from '../../lib/sql.js';
import { headOf, MAIN } from './history.js';
import { countProblems, replacedHead } from './integrity.js';
import { readTableCounts } from './pre-state.js';
import { rowsOf } from './session.js';

async function primaryKey(connection: mysql.Connection, table: string): Promise<string[]> {
  const rows = await rowsOf(
    connection,
    "SELECT column_name AS name FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => String(row.name));
}

/** The keys of the rows that differ between two commits in one table (a removed row by its old key). */
async function changedKeys(connection: mysql.Connection, from: string, to: string, table: string, key: readonly string[]): Promise<string[]> {
  const columns = key.map((column) => `COALESCE(${quoteIdentifier(`to_${column}`)}, ${quoteIdentifier(`from_${column}`)})`);
  const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: `SELECT ${columns.join(', ')} FROM dolt_diff(?, ?, ?)`, rowsAsArray: true, values: [from, to, table] });
  return (rows as unknown as unknown[][]).map((values) => JSON.stringify(values));
}

/** How one table differs between the head the swap replaced and gt's commit that replaced it. */
async function describeDifference(connection: mysql.Connection, replaced: string, flattened: string, table: string, diffType: string): Promise<string> {
  const key = diffType === 'modified' ? await primaryKey(connection, table) : [];
  if (key.length === 0) return `table ${table} (${diffType}) differs between main's head before the swap (${replaced}) and gt's commit that replaced it (${flattened})`;
  const rows = await changedKeys(connection, replaced, flattened, table, key);
  return `table ${table}: ${rows.length} rows differ between main's head before the swap (${replaced}) and gt's commit that replaced it (${flattened}) (first key ${rows[0]})`;
}

/** gt's commit on the marker in main's history (the one commit the swap made); null when main holds none. */
async function flattenedCommit(connection: mysql.Connection, marker: string): Promise<string | null> {
  const rows = await rowsOf(connection, 'SELECT commit_hash FROM dolt_commit_ancestors WHERE parent_hash = ? AND commit_hash IN (SELECT commit_hash FROM dolt_log(?))', [marker, MAIN]);
  return rows.length === 1 ? String(rows[0]?.commit_hash) : null;
}

/** What differs between the head the swap replaced and the commit that replaced it (the reasoning is in integrity.ts). */
async function treeProblems(connection: mysql.Connection, marker: string): Promise<string[]> {
  const flattened = await flattenedCommit(connection, marker);
  if (flattened === null) return [`main's history holds the marker ${marker} but not exactly one commit on it, so the swap cannot be checked`];
  const head = await headOf(connection, MAIN);
  const reflog = (await rowsOf(connection, 'SELECT commit_hash FROM dolt_reflog(?)', [MAIN])).map((row) => String(row.commit_hash));
  const found = replacedHead(reflog, head, flattened);
  if ('problem' in found) return [found.problem];
  const changed = await rowsOf(connection, 'SELECT from_table_name, to_table_name, diff_type FROM dolt_diff_summary(?, ?)', [found.replaced, flattened]);
  const problems: string[] = [];
  for (const row of changed) {
    problems.push(await describeDifference(connection, found.replaced, flattened, String(row.to_table_name || row.from_table_name), String(row.diff_type)));
  }
  return problems;
}

/**
 * The integrity check after the swap: every table's count is at least the pre-state's, and gt's commit on the
 * `marker` holds exactly what main's head held before it. Returns the problems.
 */
export async function verifySwap(connection: mysql.Connection, preCounts: Readonly<Record<string, number>>, marker: string): Promise<string[]> {
  return [...countProblems(preCounts, await readTableCounts(connection)), ...(await treeProblems(connection, marker))];
}
