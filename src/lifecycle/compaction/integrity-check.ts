import type mysql from 'mysql2/promise';
import { quoteIdentifier } from '../../lib/sql.js';
import { GT_AUTHOR_EMAIL } from '../../lib/gt-author.js';
import { headOf, MAIN } from './history.js';
import { countProblems, swapWindow, unexplainedKeys, writerRuns, type WriterRun } from './integrity.js';
import { readTableCounts } from './pre-state.js';
import { FOLD_MESSAGE } from './rewrite.js';
import { rowsOf } from './session.js';

/** A table a diff summary names, with how it changed. */
interface ChangedTable {
  name: string;
  diffType: string;
}

async function changedTables(connection: mysql.Connection, from: string, to: string): Promise<ChangedTable[]> {
  const rows = await rowsOf(connection, 'SELECT from_table_name, to_table_name, diff_type FROM dolt_diff_summary(?, ?)', [from, to]);
  return rows.map((row) => ({ name: String(row.to_table_name || row.from_table_name), diffType: String(row.diff_type) }));
}

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

/**
 * Rows of `table` changed between `replaced` and `head` that no writers' run wrote. A table without a primary key is
 * judged as a whole: a writer changed it, so its changes are the writer's.
 */
async function unexplainedRows(connection: mysql.Connection, replaced: string, head: string, table: string, runs: readonly WriterRun[]): Promise<string[]> {
  const key = await primaryKey(connection, table);
  if (key.length === 0) return [];
  const written = new Set<string>();
  for (const run of runs) for (const changed of await changedKeys(connection, run.from, run.to, table, key)) written.add(changed);
  return unexplainedKeys(await changedKeys(connection, replaced, head, table, key), written);
}

/** What differs between `replaced` and `head` that the writers' runs do not account for. */
async function changesNoWriterMade(connection: mysql.Connection, replaced: string, head: string, runs: readonly WriterRun[]): Promise<string[]> {
  const changed = await changedTables(connection, replaced, head);
  if (changed.length === 0) return [];
  const touchedBy = new Map<string, WriterRun[]>();
  for (const run of runs) {
    for (const table of await changedTables(connection, run.from, run.to)) touchedBy.set(table.name, [...(touchedBy.get(table.name) ?? []), run]);
  }
  const problems: string[] = [];
  for (const table of changed) {
    const writersOfTable = touchedBy.get(table.name) ?? [];
    if (writersOfTable.length === 0) {
      problems.push(`table ${table.name} differs from the history main held before the swap (${replaced}), and no writer changed it since`);
      continue;
    }
    if (table.diffType !== 'modified') continue;
    const rows = await unexplainedRows(connection, replaced, head, table.name, writersOfTable);
    if (rows.length > 0) problems.push(`table ${table.name}: ${rows.length} rows differ from the history main held before the swap and no writer wrote them (first key ${rows[0]})`);
  }
  return problems;
}

/**
 * The integrity check after the swap (the reasoning is in integrity.ts): every table's count is at least the
 * pre-state's, and every difference from the head the swap replaced was written by a writer. Returns the problems.
 */
export async function verifySwap(connection: mysql.Connection, preCounts: Readonly<Record<string, number>>, built: string): Promise<string[]> {
  const problems = countProblems(preCounts, await readTableCounts(connection));
  const head = await headOf(connection, MAIN);
  const reflog = (await rowsOf(connection, 'SELECT commit_hash FROM dolt_reflog(?)', [MAIN])).map((row) => String(row.commit_hash));
  const window = swapWindow(reflog, head, built);
  if (typeof window === 'string') return [...problems, window];
  const runs = writerRuns(window.since, built, await foldCommits(connection, window.since));
  return [...problems, ...(await changesNoWriterMade(connection, window.replacedHead, head, runs))];
}

/** Which of the commits are gt's folds (gt's author and fold message). */
async function foldCommits(connection: mysql.Connection, commits: readonly string[]): Promise<Set<string>> {
  if (commits.length === 0) return new Set();
  const folds = await rowsOf(connection, 'SELECT commit_hash FROM dolt_commits WHERE commit_hash IN (?) AND email = ? AND message = ?', [
    commits,
    GT_AUTHOR_EMAIL,
    FOLD_MESSAGE,
  ]);
  return new Set(folds.map((row) => String(row.commit_hash)));
}
