import type { RowDataPacket } from 'mysql2/promise';
import type { ServerSettings } from '../config/desired.js';
import { clientHost, connectToServer, dropConnection } from '../lib/connect.js';

export type HealthProbe =
  | { ok: true; version: string }
  /** refused: nothing accepts connections on the address (as opposed to a server that does not answer in time). */
  | { ok: false; refused: boolean; reason: string };

/**
 * One health probe: connect with the resolver's credentials and run `SELECT dolt_version()`, all within `timeoutMs`.
 * An accepted TCP connection alone is no proof: Dolt binds its port before it serves (reference/dolt.md §1.6).
 */
export async function probeServerHealth(settings: ServerSettings, timeoutMs = 3000): Promise<HealthProbe> {
  const address = `${clientHost(settings)}:${settings.port.value}`;
  let connection;
  try {
    connection = await connectToServer(settings, { timeoutMs });
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: 'SELECT dolt_version() AS version',
      timeout: timeoutMs,
    });
    await connection.end();
    return { ok: true, version: String(rows[0]?.version ?? '') };
  } catch (error) {
    if (connection !== undefined) dropConnection(connection);
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, refused: code === 'ECONNREFUSED', reason: `${address}: ${(error as Error).message}` };
  }
}
