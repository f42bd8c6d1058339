import type mysql from 'mysql2/promise';
import type { ObservedCluster, ObservedReplica } from './observed.js';

/**
 * The server's role and epoch with every database's replication to every peer, in one statement: the status table
 * joined onto one row, so a cluster with no database yet still says its role.
 */
const CLUSTER_STATUS_SQL =
  'SELECT @@dolt_cluster_role, @@dolt_cluster_role_epoch, s.database, s.standby_remote, s.replication_lag_millis, ' +
  's.last_update, s.current_error FROM (SELECT 1) AS one LEFT JOIN dolt_cluster.dolt_cluster_status AS s ON TRUE';

type StatusRow = [role: string, epoch: number, database: string | null, peer: string | null, lag: number | null, lastUpdate: Date | string | null, error: string | null];

/** A server started without a cluster: section has neither the variables nor the dolt_cluster database. */
function notConfigured(error: unknown): boolean {
  const message = (error as Error).message ?? '';
  return /unknown system variable/i.test(message) || /database not found: dolt_cluster/i.test(message);
}

function isoOrNull(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Reads the cluster state over `connection` (one statement); never throws. */
export async function readClusterStatus(connection: mysql.Connection, timeoutMs: number): Promise<ObservedCluster> {
  let rows: StatusRow[];
  try {
    const [result] = await connection.query<mysql.RowDataPacket[]>({ sql: CLUSTER_STATUS_SQL, rowsAsArray: true, timeout: timeoutMs });
    rows = result as unknown as StatusRow[];
  } catch (error) {
    return notConfigured(error) ? { state: 'not-configured' } : { state: 'unreadable', reason: (error as Error).message };
  }
  const [first] = rows;
  if (first === undefined) return { state: 'unreadable', reason: 'the cluster status query returned no row' };
  const replicas: ObservedReplica[] = rows
    .filter((row) => row[2] !== null)
    .map(([, , database, peer, lag, lastUpdate, error]) => ({
      database: String(database),
      peer: String(peer),
      lagMillis: lag === null ? null : Number(lag),
      lastUpdate: isoOrNull(lastUpdate),
      error,
    }));
  return { state: 'observed', role: String(first[0]), epoch: Number(first[1]), replicas };
}
