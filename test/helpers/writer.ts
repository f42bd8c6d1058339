import mysql from 'mysql2/promise';

/** What a committing agent saw: the ids it believes committed, and every error it was handed. */
export interface WriterReport {
  /** Ids whose COMMIT returned OK, in order. */
  committed: number[];
  /** Ids whose transaction returned an error (it may still have committed: the error can come after the commit). */
  failed: number[];
  errors: string[];
  /** Longest time between two successful commits, in ms (0 with fewer than two). */
  longestGapMs: number;
  /** Time from the start of each successful transaction to its COMMIT returning OK, in ms. */
  latenciesMs: number[];
  /** When each successful COMMIT returned (performance.now()), in the order of latenciesMs. */
  committedAtMs: number[];
}

export interface Writer {
  /** Stops after the transaction in flight and reports. */
  stop(): Promise<WriterReport>;
  /** Resolves once the writer has committed at least `count` more transactions from now. */
  committedMore(count: number): Promise<void>;
}

export interface WriterOptions {
  /** The port to connect to; a function is asked again after every error (a port change moves the server). */
  port: number | (() => number);
  database: string;
  /** Table the writer creates (if missing) and fills: `id INT PRIMARY KEY, at BIGINT`. */
  table?: string;
  /** Pause between transactions; 0 writes as fast as the server commits. */
  pauseMs?: number;
  /** After an error, wait this long and reconnect, as an agent does. */
  reconnectDelayMs?: number;
  /** The writer stops by itself after this long (default 3 min), so a failed test that never stops it ends anyway. */
  maxDurationMs?: number;
  host?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An agent at work: `BEGIN; INSERT; CALL DOLT_COMMIT('-Am'); COMMIT` in a loop on its own connection, recording an id
 * as committed only once COMMIT returned OK, and reconnecting after an error as Gas Town's agents do. Tests run it
 * while gt restarts, compacts or pushes, then check every id it believes committed is in the table.
 */
export async function startWriter(options: WriterOptions): Promise<Writer> {
  const table = options.table ?? 'writer_rows';
  const portOf = typeof options.port === 'function' ? options.port : () => options.port as number;
  const connect = (): Promise<mysql.Connection> =>
    mysql.createConnection({ host: options.host ?? '127.0.0.1', port: portOf(), user: 'root', database: options.database });

  const setup = await connect();
  await setup.query(`CREATE TABLE IF NOT EXISTS \`${table}\` (id INT PRIMARY KEY, at BIGINT)`);
  const [rows] = await setup.query<mysql.RowDataPacket[]>(`SELECT COALESCE(MAX(id), 0) AS top FROM \`${table}\``);
  await setup.query(`CALL DOLT_COMMIT('-Am', 'writer table')`).catch(() => undefined);
  await setup.end();

  const report: WriterReport = { committed: [], failed: [], errors: [], longestGapMs: 0, latenciesMs: [], committedAtMs: [] };
  let nextId = Number(rows[0]?.top ?? 0) + 1;
  let stopping = false;
  let lastCommitAt = 0;
  const waiters: { target: number; resolve: () => void }[] = [];

  const loop = async (): Promise<void> => {
    let connection: mysql.Connection | null = null;
    const deadline = performance.now() + (options.maxDurationMs ?? 180_000);
    while (!stopping && performance.now() < deadline) {
      const id = nextId++;
      const started = performance.now();
      try {
        connection ??= await connect();
        await connection.query('BEGIN');
        await connection.query(`INSERT INTO \`${table}\` VALUES (?, ?)`, [id, Date.now()]);
        await connection.query(`CALL DOLT_COMMIT('-Am', ?)`, [`writer row ${id}`]);
        await connection.query('COMMIT');
        const now = performance.now();
        if (lastCommitAt > 0) report.longestGapMs = Math.max(report.longestGapMs, Math.round(now - lastCommitAt));
        lastCommitAt = now;
        report.latenciesMs.push(now - started);
        report.committedAtMs.push(now);
        report.committed.push(id);
        for (const waiter of waiters.filter((w) => report.committed.length >= w.target)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      } catch (error) {
        report.failed.push(id);
        report.errors.push(error instanceof Error ? error.message : String(error));
        connection?.destroy();
        connection = null;
        await sleep(options.reconnectDelayMs ?? 100);
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
    await connection?.end().catch(() => connection?.destroy());
  };
  const running = loop();

  return {
    async stop() {
      stopping = true;
      await running;
      return report;
    },
    committedMore(count) {
      const target = report.committed.length + count;
      return new Promise((resolve) => waiters.push({ target, resolve }));
    },
  };
}

/** A writer's error that says the connection went away or could not be made (a stop), not that a statement was refused. */
export const CONNECTION_GONE = /closed|Connection lost|ECONNRESET|ECONNREFUSED|EPIPE/i;

/** The ids in the writer's table at HEAD. */
async function idsAtHead(port: number, database: string, table: string): Promise<Set<number>> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT id FROM \`${table}\` AS OF 'HEAD'`);
    return new Set(rows.map((row) => Number(row.id)));
  } finally {
    await connection.end();
  }
}

/** The ids a writer believes committed that the table does not hold (should always be empty). */
export async function missingRows(port: number, database: string, report: WriterReport, table = 'writer_rows'): Promise<number[]> {
  const present = await idsAtHead(port, database, table);
  return report.committed.filter((id) => !present.has(id));
}

/**
 * The ids the writer was handed an error for that the table holds all the same: a transaction that committed while
 * its client was told it failed (empty when a stop never cuts a COMMIT in flight).
 */
export async function committedDespiteError(port: number, database: string, report: WriterReport, table = 'writer_rows'): Promise<number[]> {
  const present = await idsAtHead(port, database, table);
  return report.failed.filter((id) => present.has(id));
}
