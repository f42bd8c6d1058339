import type mysql from 'mysql2/promise';
import { quoteIdentifier, quoteString, unionAllTree } from '../lib/sql.js';

/** bd keeps its settings in a table named `config` (key, value); `issue_prefix` there is what bd calls initialized. */
const BD_CONFIG_TABLE = 'config';
const ISSUE_PREFIX_KEY = 'issue_prefix';

/** MySQL's ER_NO_SUCH_TABLE, which Dolt answers when one database of a UNION has no such table. */
const NO_SUCH_TABLE = 1146;

function isNoSuchTable(error: unknown): boolean {
  return (error as { errno?: unknown } | null)?.errno === NO_SUCH_TABLE;
}

/**
 * bd's settings of each named database, as one UNION ALL. Every row is read: Dolt answers a plain scan of these small
 * tables faster than one filtered by key (at 500 databases 53 ms against 99 ms).
 */
async function readConfigTables(connection: mysql.Connection, names: readonly string[]): Promise<Map<string, string>> {
  const selects = names.map(
    (name) => `SELECT ${quoteString(name)}, \`key\`, \`value\` FROM ${quoteIdentifier(name)}.${quoteIdentifier(BD_CONFIG_TABLE)}`,
  );
  const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: unionAllTree(selects), rowsAsArray: true });
  const prefixes = new Map<string, string>();
  for (const [db, key, value] of rows as unknown as [string, string, string | null][]) {
    if (key === ISSUE_PREFIX_KEY && value !== null && value !== '') prefixes.set(db, value);
  }
  return prefixes;
}

/** The named databases that have a table named `config`. */
async function withConfigTable(connection: mysql.Connection, names: readonly string[]): Promise<string[]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>({
    sql: `SELECT table_schema FROM information_schema.tables WHERE table_name = ${quoteString(BD_CONFIG_TABLE)}`,
    rowsAsArray: true,
  });
  const wanted = new Set(names);
  return (rows as unknown as [string][]).map(([schema]) => schema).filter((schema) => wanted.has(schema));
}

/** What the snapshot learned of bd's initialization. */
export interface BeadsPrefixes {
  /** Each database's beads issue_prefix, for those bd has initialized. */
  prefixes: Map<string, string>;
  /**
   * Why gt could not tell which of the databases have bd's tables, when some have not: information_schema fails as a
   * whole while the server serves a broken database (a directory an interrupted create left). Null when it could.
   */
  unreadable: string | null;
}

/**
 * Each database's beads `issue_prefix`, for those bd has initialized (bd refuses to create an issue without it). One
 * statement when every database has bd's tables, the usual state of a town that uses bd; when one has not, Dolt
 * refuses the whole UNION at once, and two more statements find the databases that have them and read those. Asking
 * which databases have the table first would cost every run 115 ms at 500 databases (information_schema lists every
 * table of every database), more than the read itself.
 */
export async function readBeadsPrefixes(connection: mysql.Connection, names: readonly string[]): Promise<BeadsPrefixes> {
  if (names.length === 0) return { prefixes: new Map(), unreadable: null };
  try {
    return { prefixes: await readConfigTables(connection, names), unreadable: null };
  } catch (error) {
    if (!isNoSuchTable(error)) throw error;
  }
  let initialized: string[];
  try {
    initialized = await withConfigTable(connection, names);
  } catch (error) {
    if ((error as { fatal?: unknown }).fatal === true) throw error;
    return { prefixes: new Map(), unreadable: (error as Error).message };
  }
  return { prefixes: initialized.length === 0 ? new Map() : await readConfigTables(connection, initialized), unreadable: null };
}

/** One database's beads issue_prefix, or null when bd has not initialized it (no config table, or no prefix in it). */
export async function readIssuePrefix(connection: mysql.Connection, database: string): Promise<string | null> {
  try {
    return (await readConfigTables(connection, [database])).get(database) ?? null;
  } catch (error) {
    if (isNoSuchTable(error)) return null;
    throw error;
  }
}
