import type mysql from 'mysql2/promise';
import { rootHashVariable } from '../lib/sql.js';

/** A database's two root hashes: its HEAD commit and its working set (Dolt's @@<db>_head and @@<db>_working). */
export interface RootHashes {
  head: string;
  working: string;
}

/**
 * Every named database's HEAD and working-set hash, in one statement (a few ms per hundred databases): what gt's
 * caches of history facts and snapshot facts are keyed by.
 */
export async function readRootHashes(connection: mysql.Connection, names: readonly string[]): Promise<Map<string, RootHashes>> {
  const columns = names.flatMap((name) => [rootHashVariable(name, 'head'), rootHashVariable(name, 'working')]);
  const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: `SELECT ${columns.join(', ')}`, rowsAsArray: true });
  const row = (rows as unknown as unknown[][])[0] ?? [];
  return new Map(names.map((name, i) => [name, { head: String(row[2 * i]), working: String(row[2 * i + 1]) }]));
}
