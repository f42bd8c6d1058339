import type mysql from 'mysql2/promise';
import type { GcMode } from './types.js';

/**
 * Dolt's garbage collection on the running server. After a rewrite only `--full` reclaims the old history: plain gc
 * leaves the chunks it had already moved to the old generation where they are, rewritten history or not.
 */
export async function collectGarbage(connection: mysql.Connection, mode: GcMode): Promise<void> {
  if (mode === 'full') await connection.query("CALL DOLT_GC('--full')");
  else if (mode === 'plain') await connection.query('CALL DOLT_GC()');
}
