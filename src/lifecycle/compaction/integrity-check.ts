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

/** The commit a swap made on `marker` within `revision`'s history (main's, or the head the next swap replaced); null when there is not exactly one. */
async function swapCommit(connection: mysql.Connection, marker: string, revision: string): Promise<string | null> {
  const rows = await rowsOf(connection, "SELECT commit_hash FROM dolt_log(?, '--parents') WHERE parents = ?", [revision, marker]);
  return rows.length === 1 ? String(rows[0]?.commit_hash) : null;
}

/**
 * What differs between the head each swap replaced and the commit that replaced it (the reasoning is in
 * integrity.ts). `markers` in the order the swaps merged them; the last swap's commit is in main's history, an
 * earlier one's in the history of the head the next swap replaced.
 */
async function treeProblems(connection: mysql.Connection, markers: readonly string[]): Promise<string[]> {
  const head = await headOf(connection, MAIN);
  const reflog = (await rowsOf(connection, 'SELECT commit_hash FROM dolt_reflog(?)', [MAIN])).map((row) => String(row.commit_hash));
  const problems: string[] = [];
  let within: string = MAIN;
  for (const marker of [...markers].reverse()) {
    const swapped = await swapCommit(connection, marker, within);
    if (swapped === null) return [...problems, `main's history holds the marker ${marker} but not exactly one commit on it, so the swap cannot be checked`];
    const found = replacedHead(reflog, head, swapped);
    if ('problem' in found) return [...problems, found.problem];
    const changed = await rowsOf(connection, 'SELECT from_table_name, to_table_name, diff_type FROM dolt_diff_summary(?, ?)', [found.replaced, swapped]);
    for (const row of changed) {
      problems.push(await describeDifference(connection, found.replaced, swapped, String(row.to_table_name || row.from_table_name), String(row.diff_type)));
    }
    within = found.replaced;
  }
  return problems;
}

/**
 * The integrity check after the swaps: every table's count is at least the pre-state's, and each swap's commit on
 * its marker (`markers` in swap order) holds exactly what main's head held before it. Returns the problems.
 */
export async function verifySwap(connection: mysql.Connection, preCounts: Readonly<Record<string, number>>, markers: readonly string[]): Promise<string[]> {
  return [...countProblems(preCounts, await readTableCounts(connection)), ...(await treeProblems(connection, markers))];
}
