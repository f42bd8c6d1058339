import type mysql from 'mysql2/promise';
import { quoteIdentifier, quoteString, unionAllTree } from '../lib/sql.js';
import { RecordRenderer } from './ledger-jsonl.js';
import { rowKey } from './ledger-diff.js';
import { ISSUES_SCRUB_WHERE, isPollution, LEDGER_TABLES, type LedgerTable } from './ledger-scrub.js';

/** One table of a database as the archive holds it. */
export interface TableExport {
  table: LedgerTable;
  /** The file's content: one record per line, each line ending in a newline ('' for no records). */
  text: string;
  lines: string[];
  /** Each line's primary key (rowKey), for comparing with the archive. */
  keys: string[];
  primaryKey: string[];
}

/** Every exported table of a database, all read as of one Dolt commit. */
export interface DatabaseExport {
  database: string;
  hash: string;
  tables: TableExport[];
}

/** Primary key columns by database, then table, in key order. */
export type PrimaryKeys = Map<string, Map<string, string[]>>;

async function selectArrays(connection: mysql.Connection, sql: string, timeoutMs: number): Promise<unknown[][]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true, timeout: timeoutMs });
  return rows as unknown as unknown[][];
}

/**
 * The commit main points at in each database, in one statement (a database without main is missing from the map).
 * It is what DOLT_HASHOF('main') answers, read from each database's branch table so one statement serves them all.
 */
export async function readMainHashes(connection: mysql.Connection, databases: readonly string[], timeoutMs: number): Promise<Map<string, string>> {
  if (databases.length === 0) return new Map();
  const selects = databases.map((name) => `SELECT ${quoteString(name)}, hash FROM ${quoteIdentifier(name)}.dolt_branches WHERE name = 'main'`);
  const rows = await selectArrays(connection, unionAllTree(selects), timeoutMs);
  return new Map(rows.map(([name, hash]) => [String(name), String(hash)]));
}

/** The primary key columns of the exported tables of every database, in one statement. */
export async function readPrimaryKeys(connection: mysql.Connection, databases: readonly string[], timeoutMs: number): Promise<PrimaryKeys> {
  const keys: PrimaryKeys = new Map(databases.map((name) => [name, new Map<string, string[]>()]));
  if (databases.length === 0) return keys;
  const rows = await selectArrays(
    connection,
    'SELECT table_schema, table_name, column_name FROM information_schema.key_column_usage ' +
      `WHERE constraint_name = 'PRIMARY' AND table_schema IN (${databases.map(quoteString).join(', ')}) ` +
      `AND table_name IN (${LEDGER_TABLES.map(quoteString).join(', ')}) ORDER BY table_schema, table_name, ordinal_position`,
    timeoutMs,
  );
  for (const [schema, table, column] of rows) {
    const tables = keys.get(String(schema));
    if (tables === undefined) continue;
    tables.set(String(table), [...(tables.get(String(table)) ?? []), String(column)]);
  }
  return keys;
}

/** Every value as the text the server sends (what Gas Town's archive holds), NULL as null. */
const asText = (field: { string(encoding?: string): string | null }): string | null => field.string('utf8');

/** The scrubbed issues: the scrub's WHERE in SQL, then the pollution patterns on id and title. */
function scrubbedRows(table: LedgerTable, columns: readonly string[], rows: (string | null)[][]): (string | null)[][] {
  if (table !== 'issues') return rows;
  const id = columns.indexOf('id');
  const title = columns.indexOf('title');
  return rows.filter((row) => !isPollution(row[id] ?? null, row[title] ?? null));
}

async function exportTable(
  connection: mysql.Connection,
  database: string,
  hash: string,
  table: LedgerTable,
  primaryKey: string[],
  timeoutMs: number,
): Promise<TableExport> {
  const where = table === 'issues' ? ` WHERE ${ISSUES_SCRUB_WHERE}` : '';
  const order = primaryKey.map(quoteIdentifier).join(', ');
  const sql = `SELECT * FROM ${quoteIdentifier(database)}.${quoteIdentifier(table)} AS OF ${quoteString(hash)}${where} ORDER BY ${order}`;
  const [result, fields] = await connection.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true, timeout: timeoutMs, typeCast: asText });
  const columns = fields.map((field) => field.name);
  const renderer = new RecordRenderer(columns);
  const keyIndexes = primaryKey.map((column) => columns.indexOf(column));
  const rows = scrubbedRows(table, columns, result as unknown as (string | null)[][]);
  const lines = rows.map((row) => renderer.line(row));
  const keys = rows.map((row) => rowKey(keyIndexes.map((index) => row[index] ?? null)));
  return { table, text: lines.map((line) => `${line}\n`).join(''), lines, keys, primaryKey };
}

/**
 * One database's exported tables, every one read AS OF the same Dolt commit `hash`, so they agree with each other
 * whatever agents commit meanwhile. Rows come sorted by primary key; a table without one fails the export, because its
 * rows would have no stable order (and identical data could give another file).
 */
export async function exportDatabase(
  connection: mysql.Connection,
  database: string,
  hash: string,
  primaryKeys: ReadonlyMap<string, string[]>,
  timeoutMs: number,
): Promise<DatabaseExport> {
  const tables: TableExport[] = [];
  for (const table of LEDGER_TABLES) {
    const primaryKey = primaryKeys.get(table);
    if (primaryKey === undefined || primaryKey.length === 0) {
      throw new Error(`${database}.${table} has no primary key (or no such table), so its records have no stable order`);
    }
    tables.push(await exportTable(connection, database, hash, table, primaryKey, timeoutMs));
  }
  return { database, hash, tables };
}

/** The archive path of a table's file, relative to the archive's root (Gas Town's layout). */
export function ledgerPath(database: string, table: string): string {
  return `${database}/${table}.jsonl`;
}
