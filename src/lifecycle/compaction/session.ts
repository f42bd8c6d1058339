import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { firstRow } from '../../lib/sql.js';

/**
 * Statements on the compaction's one dedicated connection. Compaction relies on session state (the checked-out
 * branch, the named lock), so it never goes through a pool; values are passed separately and quoted by the driver.
 */
export async function rowsOf(connection: mysql.Connection, sql: string, values: unknown[] = []): Promise<RowDataPacket[]> {
  const [rows] = await connection.query<RowDataPacket[]>(sql, values);
  return rows;
}

/** The first row a SELECT or a CALL answers; undefined when there is none. */
export async function firstRowOf(connection: mysql.Connection, sql: string, values: unknown[] = []): Promise<Record<string, unknown> | undefined> {
  const [result] = await connection.query(sql, values);
  return firstRow(result);
}

/** The one value of the first row (a hash, a count); an error naming the statement when there is none. */
export async function valueOf(connection: mysql.Connection, sql: string, values: unknown[] = []): Promise<unknown> {
  const row = await firstRowOf(connection, sql, values);
  const value = row === undefined ? undefined : Object.values(row)[0];
  if (value === undefined) throw new Error(`no result from: ${sql}`);
  return value;
}

export async function textOf(connection: mysql.Connection, sql: string, values: unknown[] = []): Promise<string> {
  return String(await valueOf(connection, sql, values));
}

export async function numberOf(connection: mysql.Connection, sql: string, values: unknown[] = []): Promise<number> {
  return Number(await valueOf(connection, sql, values));
}
