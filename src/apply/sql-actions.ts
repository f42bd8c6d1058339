import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { firstRow, quoteIdentifier, quoteString } from '../lib/sql.js';
import { GT_AUTHOR } from '../lib/gt-author.js';
import { assertNotTestDatabaseOnProduction } from '../lib/test-databases.js';

export async function createDatabase(connection: mysql.Connection, name: string, port: number): Promise<void> {
  assertNotTestDatabaseOnProduction(name, port);
  await connection.query(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(name)}`);
}

/** Dolt keeps a dropped database restorable in .dolt_dropped_databases until purged. */
export async function dropDatabase(connection: mysql.Connection, name: string): Promise<string> {
  await connection.query(`DROP DATABASE ${quoteIdentifier(name)}`);
  return `restorable with: CALL dolt_undrop(${quoteString(name)})`;
}

/** The patterns HEAD does not hold with ignored = 1. */
async function uncommittedPatterns(connection: mysql.Connection, patterns: readonly string[]): Promise<string[]> {
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT pattern FROM dolt_ignore AS OF 'HEAD' WHERE ignored = 1 AND pattern IN (${patterns.map(quoteString).join(', ')})`,
  );
  const committed = new Set(rows.map((row) => String(row.pattern)));
  return patterns.filter((pattern) => !committed.has(pattern));
}

/** Puts the working set's rows of `patterns` back as they were (`before`): DOLT_COMMIT ended the SQL transaction. */
async function restoreIgnoreRows(connection: mysql.Connection, patterns: readonly string[], before: RowDataPacket[]): Promise<void> {
  const previous = new Map(before.map((row) => [String(row.pattern), Number(row.ignored)]));
  const added = patterns.filter((pattern) => !previous.has(pattern));
  if (added.length > 0) await connection.query(`DELETE FROM dolt_ignore WHERE pattern IN (${added.map(quoteString).join(', ')})`);
  for (const [pattern, ignored] of previous) {
    await connection.query(`UPDATE dolt_ignore SET ignored = ${ignored === 1 ? 1 : 0} WHERE pattern = ${quoteString(pattern)}`);
  }
}

async function useDatabase(connection: mysql.Connection, database: string): Promise<void> {
  await connection.query(`USE ${quoteIdentifier(database)}`);
}

/** Dolt's two registries of named URLs in a database: its remotes (DOLT_REMOTE) and its backups (DOLT_BACKUP). */
export type UrlRegistry = 'remote' | 'backup';

const PROCEDURE: Record<UrlRegistry, string> = { remote: 'DOLT_REMOTE', backup: 'DOLT_BACKUP' };

/** Adds a remote or a backup to `database`. */
export async function addNamedUrl(connection: mysql.Connection, registry: UrlRegistry, database: string, name: string, url: string): Promise<void> {
  await useDatabase(connection, database);
  await connection.query(`CALL ${PROCEDURE[registry]}('add', ${quoteString(name)}, ${quoteString(url)})`);
}

/** Removes a remote or a backup from `database`: Dolt forgets the URL; nothing at it is deleted. */
export async function removeNamedUrl(connection: mysql.Connection, registry: UrlRegistry, database: string, name: string): Promise<void> {
  await useDatabase(connection, database);
  await connection.query(`CALL ${PROCEDURE[registry]}('remove', ${quoteString(name)})`);
}

/**
 * Dolt has no set-url for remotes or backups: remove, then add. If the add fails the old URL is put back, so a failed
 * update never leaves the database without it.
 */
export async function replaceNamedUrl(
  connection: mysql.Connection,
  registry: UrlRegistry,
  database: string,
  name: string,
  urls: { fromUrl: string; toUrl: string },
): Promise<void> {
  await removeNamedUrl(connection, registry, database, name);
  try {
    await addNamedUrl(connection, registry, database, name, urls.toUrl);
  } catch (error) {
    await addNamedUrl(connection, registry, database, name, urls.fromUrl);
    throw error;
  }
}

/**
 * Makes the patterns present with ignored = 1 in one Dolt commit by gt. Only dolt_ignore is staged, so agents'
 * uncommitted work is never swept into gt's commit. A commit takes everything staged and Dolt cannot commit one table
 * alone, so while an agent has other tables staged gt changes nothing and fails (the next run tries again); the check
 * and the commit see the same snapshot of the working set. The commit is then checked: a row of dolt_ignore that
 * matches dolt_ignore itself makes DOLT_ADD stage nothing, and --skip-empty then commits nothing without an error, so
 * the patterns must be read back at HEAD. Returns the commit hash, or null when HEAD already had them.
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
    const [before] = await connection.query<RowDataPacket[]>(
      `SELECT pattern, ignored FROM dolt_ignore WHERE pattern IN (${patterns.map(quoteString).join(', ')})`,
    );
    const values = patterns.map((pattern) => `(${quoteString(pattern)}, 1)`).join(', ');
    await connection.query(`INSERT INTO dolt_ignore (pattern, ignored) VALUES ${values} ON DUPLICATE KEY UPDATE ignored = 1`);
    await connection.query("CALL DOLT_ADD('dolt_ignore')");
    const message = `gt: ensure dolt_ignore ${patterns.join(', ')}`;
    const [result] = await connection.query(
      `CALL DOLT_COMMIT('--skip-empty', '-m', ${quoteString(message)}, '--author', ${quoteString(GT_AUTHOR)})`,
    );
    const missing = await uncommittedPatterns(connection, patterns);
    await connection.query('COMMIT');
    if (missing.length > 0) {
      await restoreIgnoreRows(connection, patterns, before);
      throw new Error(
        `${database}: Dolt committed no dolt_ignore change for ${missing.map((pattern) => JSON.stringify(pattern)).join(', ')}: ` +
          'a pattern in dolt_ignore matches dolt_ignore itself, so DOLT_ADD stages nothing. gt put dolt_ignore back as it ' +
          'was; delete that pattern from dolt_ignore (e.g. "*", "%", "d*", "dolt_*"), then apply again',
      );
    }
    const hash = firstRow(result)?.hash;
    return typeof hash === 'string' ? hash : null;
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
