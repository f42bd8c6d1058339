import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import type { DesiredState } from '../config/desired.js';
import { maskUrl, maskUrlsInText } from '../lib/mask.js';
import { quoteIdentifier } from '../lib/sql.js';
import { restoreAsNewDatabase, type RestoreSource } from './restore.js';

/**
 * Where `database`'s backup `name` is: declared in its manifest's spec.backups (which still works when the database
 * itself is lost), else in its dolt_backups. An error that lists the backups it knows when there is no such backup.
 */
export async function backupSource(connection: mysql.Connection, desired: DesiredState, database: string, name: string): Promise<RestoreSource> {
  const declared = desired.databases.find((db) => db.name === database)?.backups ?? [];
  const fromManifest = declared.find((backup) => backup.name === name);
  if (fromManifest !== undefined) return { url: fromManifest.url, label: `${database}'s backup ${name} (${maskUrl(fromManifest.url)})` };
  let registered: RowDataPacket[] = [];
  try {
    [registered] = await connection.query<RowDataPacket[]>(`SELECT name, url FROM ${quoteIdentifier(database)}.dolt_backups`);
  } catch {
    // the database is gone (what a restore is for): only its manifest can say where its backups are
  }
  const found = registered.find((row) => String(row.name) === name);
  if (found !== undefined) return { url: String(found.url), label: `${database}'s backup ${name} (${maskUrl(String(found.url))})` };
  const known = [...new Set([...declared.map((backup) => backup.name), ...registered.map((row) => String(row.name))])];
  throw new Error(
    `${database} has no backup named ${name}` +
      (known.length > 0 ? `; its backups: ${known.join(', ')}` : '; declare it in the manifest\'s spec.backups (name and url)'),
  );
}

/**
 * Restores `database`'s backup `name` as the new database `newDatabase` through the running server, on the restore
 * path every restore shares (never over an existing database; `database` is never touched). Returns the commits the
 * new database has.
 */
export async function restoreFromBackup(connection: mysql.Connection, desired: DesiredState, database: string, name: string, newDatabase: string): Promise<number> {
  const source = await backupSource(connection, desired, database, name);
  try {
    await restoreAsNewDatabase(connection, source, newDatabase);
  } catch (error) {
    // Dolt's errors quote the URL they read, credentials and all
    throw new Error(maskUrlsInText((error as Error).message));
  }
  const [rows] = await connection.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(newDatabase)}.dolt_log`);
  return Number(rows[0]?.n ?? 0);
}
