import { createHash } from 'node:crypto';
import type mysql from 'mysql2/promise';
import { valueOf } from './session.js';

/** MySQL's limit on a named lock's length. */
const LOCK_NAME_MAX = 64;

/**
 * The server-wide named lock one database's compaction holds for its whole run: a second compaction of the same
 * database (another gt, a daemon) finds it taken and does nothing. It belongs to the session, so a killed gt's lock
 * goes with its connection.
 */
export function compactionLockName(database: string): string {
  const name = `gt-compact:${database}`;
  return name.length <= LOCK_NAME_MAX ? name : `gt-compact:${createHash('sha1').update(database).digest('hex')}`;
}

/** Takes the lock without waiting; false when another session holds it. */
export async function tryLock(connection: mysql.Connection, name: string): Promise<boolean> {
  const got = await valueOf(connection, 'SELECT GET_LOCK(?, 0)', [name]);
  if (got === null) throw new Error(`GET_LOCK(${name}) failed`);
  return Number(got) === 1;
}

export async function releaseLock(connection: mysql.Connection, name: string): Promise<void> {
  await connection.query('SELECT RELEASE_LOCK(?)', [name]);
}
