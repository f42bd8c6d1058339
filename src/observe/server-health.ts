import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import type { ServerEndpointSettings } from '../config/desired.js';
import { clientHost, connectToServer, dropConnection } from '../lib/connect.js';

export type HealthProbe =
  | { ok: true; version: string }
  /** refused: nothing accepts connections on the address (as opposed to a server that does not answer in time). */
  | { ok: false; refused: boolean; reason: string };

/** A probe that passed and kept its connection open: the caller ends it. */
export type AnsweringProbe = {
  ok: true;
  version: string;
  databases: string[];
  connection: mysql.Connection;
  /** The settings it answered at, to open more connections to the same server. */
  settings: ServerEndpointSettings;
};

/**
 * One health probe that keeps its connection: connect with the resolver's credentials and ask for the server's version
 * and its databases, all within `timeoutMs`. One statement, because Dolt's time for any statement grows with the
 * number of databases it serves (about 20 ms at 500). An accepted TCP connection alone is no proof: Dolt binds its
 * port before it serves (dolthub/dolt#8131: a client that connects right after launch loses its connection).
 */
export async function probeAndKeep(settings: ServerEndpointSettings, timeoutMs = 3000): Promise<AnsweringProbe | Extract<HealthProbe, { ok: false }>> {
  const address = `${clientHost(settings)}:${settings.port.value}`;
  let connection;
  try {
    connection = await connectToServer(settings, { timeoutMs });
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: 'SELECT dolt_version(), schema_name FROM information_schema.schemata',
      timeout: timeoutMs,
      rowsAsArray: true,
    });
    const [version] = (rows[0] ?? []) as unknown[];
    return { ok: true, version: String(version ?? ''), databases: rows.map((row) => String((row as unknown[])[1])), connection, settings };
  } catch (error) {
    if (connection !== undefined) dropConnection(connection);
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, refused: code === 'ECONNREFUSED', reason: `${address}: ${(error as Error).message}` };
  }
}

/** One health probe (probeAndKeep, closing its connection). */
export async function probeServerHealth(settings: ServerEndpointSettings, timeoutMs = 3000): Promise<HealthProbe> {
  const probe = await probeAndKeep(settings, timeoutMs);
  if (!probe.ok) return probe;
  await probe.connection.end().catch(() => dropConnection(probe.connection));
  return { ok: true, version: probe.version };
}
