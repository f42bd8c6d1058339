import type mysql from 'mysql2/promise';
import { rowsOf } from './compaction/session.js';

/**
 * Where a database can be restored from: any location `DOLT_BACKUP('restore')` reads, i.e. a compaction restore
 * point or a Dolt backup (`file://`, cloud URLs), named for messages.
 */
export interface RestoreSource {
  url: string;
  label: string;
}

/** A database name gt creates: what a manifest may declare (lowercase letters, digits and _, at most 64). */
const NEW_DATABASE_NAME = /^[a-z0-9_]{1,64}$/;

/**
 * Restores `source` as the new database `newDatabase` on the running server: every commit, the working set, and
 * dolt-ignored tables. It never touches another database, and refuses a name already taken rather than overwrite.
 */
export async function restoreAsNewDatabase(connection: mysql.Connection, source: RestoreSource, newDatabase: string): Promise<void> {
  if (!NEW_DATABASE_NAME.test(newDatabase)) {
    throw new Error(`"${newDatabase}" is not a database name gt creates: use lowercase letters, digits and _ (at most 64), e.g. ${newDatabase.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 64) || 'restored'}`);
  }
  const taken = await rowsOf(connection, 'SELECT schema_name FROM information_schema.schemata WHERE LOWER(schema_name) = ?', [newDatabase]);
  if (taken.length > 0) {
    throw new Error(`database ${newDatabase} already exists; gt restores only into a new database, so nothing was changed: choose another name with --as`);
  }
  try {
    await connection.query("CALL DOLT_BACKUP('restore', ?, ?)", [source.url, newDatabase]);
  } catch (error) {
    throw new Error(`could not restore ${source.label} as ${newDatabase}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
