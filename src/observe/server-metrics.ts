import type { RowDataPacket } from 'mysql2/promise';
import type { ServerEndpointSettings } from '../config/desired.js';
import { connectToServer } from '../lib/connect.js';

/** What `gt dolt status` shows under "Resource Metrics" (Gas Town's `doltserver.GetHealthMetrics`). */
export interface ServerMetrics {
  /** One `SELECT 1` round trip on an open connection. */
  queryLatencyMs: number;
  /** Client connections (this one included) and the server's max_connections. */
  connections: { used: number; max: number };
}

/** Measures the running server over one connection, in two round trips. */
export async function readServerMetrics(settings: ServerEndpointSettings): Promise<ServerMetrics> {
  const connection = await connectToServer(settings, { timeoutMs: 5000 });
  try {
    const started = performance.now();
    await connection.query({ sql: 'SELECT 1', timeout: 5000 });
    const queryLatencyMs = Math.round(performance.now() - started);
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: 'SELECT (SELECT COUNT(*) FROM information_schema.processlist) AS used, @@max_connections AS max',
      timeout: 5000,
    });
    return { queryLatencyMs, connections: { used: Number(rows[0]?.used ?? 0), max: Number(rows[0]?.max ?? 0) } };
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}
