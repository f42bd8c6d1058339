import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import mysql from 'mysql2/promise';
import { makeTempDir, testEnv } from './env.js';

export interface TestServer {
  port: number;
  dataDir: string;
  pid: number;
  /** A new mysql2 connection as root over 127.0.0.1; the caller ends it. */
  connect(database?: string): Promise<mysql.Connection>;
  /** Runs one statement on a short-lived connection and returns its rows. */
  query<T = mysql.RowDataPacket>(sql: string, database?: string): Promise<T[]>;
  /** Runs the statements in order in one session (what an agent does between connecting and leaving). */
  run(statements: readonly string[], database?: string): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ResultPromise>();

// Last line of defence when a test file dies without its afterAll: never leave a server behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A free TCP port on 127.0.0.1, never 3307 (a real town's). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
    if (port !== 3307) return port;
  }
}

export function connectTo(port: number, database?: string): Promise<mysql.Connection> {
  return mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: '', database, timezone: 'Z', connectTimeout: 2000 });
}

/** Runs one statement on a short-lived connection and returns its rows. */
export async function queryOn<T = mysql.RowDataPacket>(port: number, sql: string, database?: string): Promise<T[]> {
  const connection = await connectTo(port, database);
  try {
    const [rows] = await connection.query(sql);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

/** Runs the statements in order on one short-lived connection. */
export async function runOn(port: number, statements: readonly string[], database?: string): Promise<void> {
  const connection = await connectTo(port, database);
  try {
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
}

async function waitUntilReady(port: number, child: ResultPromise, logFile: string, timeoutMs: number): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const connection = await connectTo(port);
      await connection.query('SELECT 1');
      await connection.end();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  throw new Error(`dolt sql-server on port ${port} ${exited ? 'exited' : 'not ready'} (${String(lastError)}); log tail:\n${log}`);
}

/**
 * Starts a real `dolt sql-server` in a fresh temp data dir (or the given one) on a free port and waits until
 * mysql2 can run `SELECT 1`. Stop it with `stop()` in afterAll/afterEach. It runs in its data dir, with a config
 * file kept outside it (`--config`), or with `launch: 'bd'` as bd starts its own servers: `dolt sql-server -H
 * 127.0.0.1 -P PORT` and no config, so that only its working directory says which directory it serves.
 */
export async function startDoltServer(options: { dataDir?: string; launch?: 'config' | 'bd' } = {}): Promise<TestServer> {
  const { doltBin, doltRootPath } = testEnv();
  const root = makeTempDir('dolt');
  const dataDir = options.dataDir ?? join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const configFile = join(root, 'config.yaml');
  writeFileSync(
    configFile,
    [
      'log_level: warning',
      'listener:',
      '  host: 127.0.0.1',
      `  port: ${port}`,
      `data_dir: ${JSON.stringify(dataDir)}`,
      'behavior:',
      '  dolt_transaction_commit: false',
      '',
    ].join('\n'),
  );
  const logFile = join(root, 'server.log');
  const args = options.launch === 'bd' ? ['sql-server', '-H', '127.0.0.1', '-P', String(port), '-l', 'warning'] : ['sql-server', '--config', configFile];
  const child = execa(doltBin, args, {
    cwd: dataDir,
    env: { TZ: 'UTC', DOLT_ROOT_PATH: doltRootPath, DOLT_DISABLE_EVENT_FLUSH: '1' },
    stdin: 'ignore',
    stdout: { file: logFile },
    stderr: { file: logFile },
    reject: false,
    cleanup: true,
  });
  running.add(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error('dolt sql-server did not start');

  const stop = async (): Promise<void> => {
    if (!running.has(child)) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await child;
    clearTimeout(timer);
    running.delete(child);
  };

  try {
    await waitUntilReady(port, child, logFile, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    dataDir,
    pid,
    connect: (database) => connectTo(port, database),
    query: (sql, database) => queryOn(port, sql, database),
    run: (statements, database) => runOn(port, statements, database),
    stop,
  };
}
