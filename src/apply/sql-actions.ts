import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { firstRow, quoteIdentifier, quoteString } from '../lib/sql.js';
import { assertNotTestDatabaseOnProduction } from '../lib/test-databases.js';

/** Author of every Dolt commit gt makes, so `dolt_log` says who did it. */
export const GT_AUTHOR = 'gt <gt@gastown.local>';

export async function createDatabase(connection: mysql.Connection, name: string, port: number): Promise<void> {
  assertNotTestDatabaseOnProduction(name, port);
  await connection.query(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(name)}`);
}

/** Dolt keeps a dropped database restorable in .dolt_dropped_databases until purged. */
export async function dropDatabase(connection: mysql.Connection, name: string): Promise<string> {
  await connection.query(`DROP DATABASE ${quoteIdentifier(name)}`);
  return `restorable with: CALL dolt_undrop(${quoteString(name)})`;
}

async function useDatabase(connection: mysql.Connection, database: string): Promise<void> {
  await connection.query(`USE ${quoteIdentifier(database)}`);
}

export async function addRemote(connection: mysql.Connection, database: string, name: string, url: string): Promise<void> {
  await useDatabase(connection, database);
  await connection.query(`CALL DOLT_REMOTE('add', ${quoteString(name)}, ${quoteString(url)})`);
}

export async function removeRemote(connection: mysql.Connection, database: string, name: string): Promise<void> {
  await useDatabase(connection, database);
  await connection.query(`CALL DOLT_REMOTE('remove', ${quoteString(name)})`);
}

/**
 * Dolt has no set-url: remove, then add. If the add fails the old URL is put back, so a failed update never leaves
 * the database without the remote.
 */
export async function replaceRemote(
  connection: mysql.Connection,
  database: string,
  name: string,
  fromUrl: string,
  toUrl: string,
): Promise<void> {
  await removeRemote(connection, database, name);
  try {
    await addRemote(connection, database, name, toUrl);
  } catch (error) {
    await addRemote(connection, database, name, fromUrl);
    throw error;
  }
}

/**
 * Makes the patterns present with ignored = 1 in one Dolt commit by gt. Only dolt_ignore is staged, so agents'
 * uncommitted work is never swept into gt's commit. A commit takes everything staged and Dolt cannot commit one table
 * alone, so while an agent has other tables staged gt changes nothing and fails (the next run tries again); the check
 * and the commit see the same snapshot of the working set. Returns the commit hash, or null when nothing changed.
 */
export async function ensureIgnorePatterns(
  connection: mysql.Connection,
  database: string,
  patterns: readonly string[],
): Promise<string | null> {
  await useDatabase(connection, database);
  await connection.query('BEGIN');
  try {
    const [staged] = await connection.query<RowDataPacket[]>(
      "SELECT DISTINCT table_name FROM dolt_status WHERE staged = 1 AND table_name <> 'dolt_ignore' ORDER BY table_name",
    );
    if (staged.length > 0) {
      const tables = staged.map((row) => String(row.table_name)).join(', ');
      throw new Error(
        `${database} has staged changes that are not gt's (${tables}); a Dolt commit would take them too, so gt ` +
          'commits dolt_ignore only when nothing else is staged. It tries again on the next run (or commit or unstage them).',
      );
    }
    const values = patterns.map((pattern) => `(${quoteString(pattern)}, 1)`).join(', ');
    await connection.query(`INSERT INTO dolt_ignore (pattern, ignored) VALUES ${values} ON DUPLICATE KEY UPDATE ignored = 1`);
    await connection.query("CALL DOLT_ADD('dolt_ignore')");
    const message = `gt: ensure dolt_ignore ${patterns.join(', ')}`;
    const [result] = await connection.query(
      `CALL DOLT_COMMIT('--skip-empty', '-m', ${quoteString(message)}, '--author', ${quoteString(GT_AUTHOR)})`,
    );
    await connection.query('COMMIT');
    const hash = firstRow(result)?.hash;
    return typeof hash === 'string' ? hash : null;
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
