import type mysql from 'mysql2/promise';
import type { CompactionRequest } from '../../src/lifecycle/compaction/types.js';
import { createBeadsSchema, insertIssues, insertWisps } from './beads-schema.js';
import { connectTo } from './dolt-server.js';

/** Wisps (dolt-ignored) every fixture database holds: compaction must leave them exactly as they are. */
const WISPS = 30;

/**
 * A beads database `name` (created unless it exists) with `commits` commits of history after bd's two schema
 * commits, each creating one issue (with a label and an event) the way bd does, and WISPS wisps with their labels
 * and events in the working set.
 */
export async function createBeadsHistory(port: number, name: string, commits: number): Promise<void> {
  const setup = await connectTo(port);
  await setup.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
  await setup.end();
  const connection = await connectTo(port, name);
  try {
    await createBeadsSchema(connection);
    const now = new Date();
    await insertWisps(
      connection,
      Array.from({ length: WISPS }, (_, i) => ({ id: `${name}-wisp-${i}`, labels: ['patrol'], events: 1 })),
      now,
    );
    for (let i = 0; i < commits; i++) {
      await insertIssues(connection, [{ id: `${name}-${i}`, labels: [`l${i % 3}`], events: 1 }], now, `bd: create ${name}-${i}`);
    }
  } finally {
    await connection.end();
  }
}

/** A compaction request for a test server (127.0.0.1, root without password) and a town root for restore points. */
export function compactionRequest(
  port: number,
  dataDir: string,
  townRoot: string,
  database: string,
  overrides: Partial<CompactionRequest> = {},
): CompactionRequest {
  return {
    server: { host: { value: '127.0.0.1' }, port: { value: port }, user: { value: 'root' }, password: { value: '' } },
    townRoot,
    dataDir,
    database,
    mode: 'flatten',
    keepRecent: 50,
    gc: 'full',
    remotes: [],
    restorePointsKeepMs: 168 * 3_600_000,
    now: () => new Date(),
    ...overrides,
  };
}

export interface LoggedCommit {
  hash: string;
  message: string;
  email: string;
}

/** The commits of `revision`'s history, oldest first. */
export async function historyOf(connection: mysql.Connection, revision = 'main'): Promise<LoggedCommit[]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT commit_hash, message, email FROM dolt_log(?) ORDER BY commit_order', [revision]);
  return rows.map((row) => ({ hash: String(row.commit_hash), message: String(row.message), email: String(row.email) }));
}

/** Branches of the database gt's compaction names `gt-compact-…` (none once a run finished). */
export async function compactionBranches(connection: mysql.Connection): Promise<string[]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT name FROM dolt_branches WHERE name LIKE '%gt-compact-%' ORDER BY name");
  return rows.map((row) => String(row.name));
}
