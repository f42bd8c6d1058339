import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from '../test/helpers/dolt-server.js';
import { percentile, roundMs } from './stats.js';
import { runGtOk, timeGt } from './run-process.js';
import { BenchTown } from './town.js';
import { townPaths } from '../src/lib/town-layout.js';

export interface ReplicationLag {
  /** Transactions per second the writers aimed at, and what they committed. */
  targetTps: number;
  achievedTps: number;
  seconds: number;
  /** Commits whose arrival on the standby was timed. */
  samples: number;
  /** From the writer's COMMIT returning on the primary to the row being visible on the standby. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How often the standby was asked (the resolution of these figures). */
  readerPollMs: number;
}

export interface FailoverRun {
  direction: string;
  /** Longest time the writer went without a successful commit around the failover. */
  unavailableMs: number;
  /** gt dolt failover's own steps, as it reported them. */
  stepsMs: Record<string, number>;
  /** Wall time of the gt dolt failover process. */
  commandMs: number;
  errors: number;
}

export interface ReplicationResult {
  lag: ReplicationLag;
  failovers: FailoverRun[];
  /** Rows the writers believed committed that the final primary does not have. */
  lost: number;
}

const WRITERS = 2;
const TARGET_TPS = 100;
const READER_POLL_MS = 10;
const FAILOVER_TABLE = 'b10_failover';
/** Commits on each side of a failover, at the writers' pace. */
const AROUND_FAILOVER_MS = 1000;

interface Pair {
  primary: BenchTown;
  standby: BenchTown;
  database: string;
}

const connect = (port: number, database?: string): Promise<mysql.Connection> =>
  mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function townManifest(role: string, remotesapi: number, peer: string, peerRemotesapi: number, peerSql: number): string {
  return [
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Town',
    'spec:',
    '  replication:',
    `    role: ${role}`,
    `    remotesapi: { port: ${remotesapi} }`,
    '    peers:',
    `      - name: ${peer}`,
    `        remotesapi: http://127.0.0.1:${peerRemotesapi}`,
    `        sql: { port: ${peerSql} }`,
    '',
  ].join('\n');
}

/** Two one-rig towns, a primary (a) and its standby (b), converged by gt apply; the rig's database has replicated. */
async function setUpPair(runRoot: string, track: (town: BenchTown) => void): Promise<Pair> {
  const [primary, standby] = [await BenchTown.create(runRoot, 'b10a', 1), await BenchTown.create(runRoot, 'b10b', 1)];
  track(primary);
  track(standby);
  const [apiA, apiB] = [await freePort(), await freePort()];
  writeFileSync(join(townPaths(primary.root).rigsDir, 'town.yaml'), townManifest('primary', apiA, 'b', apiB, standby.port));
  writeFileSync(join(townPaths(standby.root).rigsDir, 'town.yaml'), townManifest('standby', apiB, 'a', apiA, primary.port));
  await timeGt(['--town', standby.root, 'apply']); // exits 1: its databases wait for the primary
  await runGtOk(['--town', primary.root, 'apply']);
  const database = primary.databases[1] as string;
  const setup = await connect(primary.port, database);
  for (const table of [...Array.from({ length: WRITERS }, (_, i) => `b10_w${i + 1}`), FAILOVER_TABLE]) {
    await setup.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, at BIGINT)`);
  }
  await setup.query("CALL DOLT_COMMIT('-Am', 'b10 tables')");
  await setup.end();
  for (const deadline = Date.now() + 60_000; ; await sleep(50)) {
    const reader = await connect(standby.port).catch(() => null);
    const tables = reader === null ? [] : await reader.query(`SHOW TABLES FROM \`${database}\``).then(([rows]) => rows as unknown[]).catch(() => []);
    await reader?.end();
    if (tables.length > WRITERS) break;
    if (Date.now() > deadline) throw new Error('B10: the standby did not receive the rig database within 60 s');
  }
  return { primary, standby, database };
}

/** One writer paced at `tps`, recording when each commit returned (performance.now()). */
async function pacedWriter(port: number, database: string, table: string, tps: number, untilMs: number, committedAt: Map<number, number>): Promise<void> {
  const connection = await connect(port, database);
  const interval = 1000 / tps;
  let next = performance.now();
  for (let id = 1; performance.now() < untilMs; id++) {
    await connection.query('BEGIN');
    await connection.query(`INSERT INTO ${table} VALUES (?, ?)`, [id, Date.now()]);
    await connection.query(`CALL DOLT_COMMIT('-Am', ?)`, [`b10 ${id}`]);
    await connection.query('COMMIT');
    committedAt.set(id, performance.now());
    next += interval;
    await sleep(Math.max(0, next - performance.now()));
  }
  await connection.end();
}

/** Asks the standby for each table's newest row every few ms and records when each row first shows. */
async function standbyReader(port: number, database: string, untilMs: number, seenAt: Map<string, number>): Promise<void> {
  const connection = await connect(port, database);
  const tables = Array.from({ length: WRITERS }, (_, i) => `b10_w${i + 1}`);
  const newest = new Map(tables.map((table) => [table, 0]));
  const sql = `SELECT ${tables.map((table) => `(SELECT COALESCE(MAX(id), 0) FROM ${table})`).join(', ')}`;
  while (performance.now() < untilMs) {
    const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql, rowsAsArray: true });
    const now = performance.now();
    tables.forEach((table, i) => {
      const top = Number((rows[0] as unknown as unknown[])[i]);
      for (let id = (newest.get(table) ?? 0) + 1; id <= top; id++) seenAt.set(`${table}/${id}`, now);
      newest.set(table, Math.max(top, newest.get(table) ?? 0));
    });
    await sleep(READER_POLL_MS);
  }
  await connection.end();
}

/** Replication lag under writers committing `TARGET_TPS` transactions a second in all, for `seconds`. */
async function measureLag(pair: Pair, seconds: number): Promise<ReplicationLag> {
  const untilMs = performance.now() + seconds * 1000;
  const committed = Array.from({ length: WRITERS }, () => new Map<number, number>());
  const seenAt = new Map<string, number>();
  await Promise.all([
    ...committed.map((at, i) => pacedWriter(pair.primary.port, pair.database, `b10_w${i + 1}`, TARGET_TPS / WRITERS, untilMs, at)),
    standbyReader(pair.standby.port, pair.database, untilMs + 2000, seenAt),
  ]);
  const lags = committed.flatMap((at, i) =>
    [...at].flatMap(([id, committedMs]) => {
      const seen = seenAt.get(`b10_w${i + 1}/${id}`);
      return seen === undefined ? [] : [Math.max(0, seen - committedMs)];
    }),
  );
  const total = committed.reduce((sum, at) => sum + at.size, 0);
  return {
    targetTps: TARGET_TPS,
    achievedTps: Math.round(total / seconds),
    seconds,
    samples: lags.length,
    p50Ms: roundMs(percentile(lags, 50)),
    p99Ms: roundMs(percentile(lags, 99)),
    maxMs: roundMs(Math.max(...lags)),
    readerPollMs: READER_POLL_MS,
  };
}

/** The port of whichever server says it is primary now; null when neither does (mid-swap). */
async function primaryPort(ports: readonly number[]): Promise<number | null> {
  for (const port of ports) {
    const connection = await connect(port).catch(() => null);
    if (connection === null) continue;
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT @@dolt_cluster_role AS role');
      if (rows[0]?.role === 'primary') return port;
    } catch {
      // transitioned under us: ask again
    } finally {
      connection.destroy();
    }
  }
  return null;
}

/**
 * An agent that follows the primary: it commits at the target pace, and after an error (its connection killed by the
 * role change, or a read-only refusal) finds whichever server is primary now and carries on there.
 */
class FollowingWriter {
  readonly committed: number[] = [];
  readonly commitTimes: number[] = [];
  readonly errors: string[] = [];
  private stopping = false;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly ports: readonly number[], private readonly database: string) {}

  start(firstId: number): void {
    this.done = this.loop(firstId);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.done;
  }

  private async loop(firstId: number): Promise<void> {
    let connection: mysql.Connection | null = null;
    let next = performance.now();
    for (let id = firstId; !this.stopping; id++) {
      try {
        if (connection === null) {
          const port = await primaryPort(this.ports);
          if (port === null) throw new Error('no primary yet');
          connection = await connect(port, this.database);
        }
        await connection.query('BEGIN');
        await connection.query(`INSERT INTO ${FAILOVER_TABLE} VALUES (?, ?)`, [id, Date.now()]);
        await connection.query(`CALL DOLT_COMMIT('-Am', ?)`, [`b10 failover ${id}`]);
        await connection.query('COMMIT');
        this.committed.push(id);
        this.commitTimes.push(performance.now());
      } catch (error) {
        this.errors.push((error as Error).message);
        connection?.destroy();
        connection = null;
      }
      next += 1000 / TARGET_TPS;
      await sleep(Math.max(0, next - performance.now()));
    }
    await connection?.end().catch(() => undefined);
  }
}

function longestGap(times: readonly number[]): number {
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, (times[i] as number) - (times[i - 1] as number));
  return roundMs(gap);
}

interface FailoverJson {
  steps: { step: string; durationMs: number }[];
}

/** `runs` planned failovers, back and forth, each with a writer committing through it. */
async function measureFailovers(pair: Pair, runs: number): Promise<{ failovers: FailoverRun[]; lost: number }> {
  const towns = [pair.primary, pair.standby];
  const names = ['a', 'b'];
  const failovers: FailoverRun[] = [];
  const committed: number[] = [];
  for (let run = 0; run < runs; run++) {
    const [from, to] = [run % 2, (run + 1) % 2];
    const writer = new FollowingWriter(towns.map((town) => town.port), pair.database);
    writer.start(committed.length === 0 ? 1 : Math.max(...committed) + 1);
    let failover;
    try {
      await sleep(AROUND_FAILOVER_MS);
      failover = await timeGt(['--town', (towns[from] as BenchTown).root, '-o', 'json', 'dolt', 'failover', '--to', names[to] as string]);
      if (failover.exitCode !== 0) throw new Error(`B10: gt dolt failover failed: ${failover.stderr}`);
      await sleep(AROUND_FAILOVER_MS);
    } finally {
      await writer.stop();
    }
    committed.push(...writer.committed);
    const steps = (JSON.parse(failover.stdout) as FailoverJson).steps;
    failovers.push({
      direction: `${names[from]} → ${names[to]}`,
      unavailableMs: longestGap(writer.commitTimes),
      stepsMs: Object.fromEntries(steps.map((step) => [step.step, step.durationMs])),
      commandMs: roundMs(failover.ms),
      errors: writer.errors.length,
    });
  }
  const finalPrimary = towns[runs % 2] as BenchTown;
  const reader = await connect(finalPrimary.port, pair.database);
  const [rows] = await reader.query<mysql.RowDataPacket[]>(`SELECT id FROM ${FAILOVER_TABLE}`);
  await reader.end();
  const present = new Set(rows.map((row) => Number(row.id)));
  return { failovers, lost: committed.filter((id) => !present.has(id)).length };
}

/**
 * B10: replication lag on a primary/standby pair on loopback (writers committing 100 transactions a second on the
 * primary, the standby polled for their rows), then the writer's unavailability across planned failovers.
 */
export async function benchReplication(runRoot: string, seconds: number, runs: number, track: (town: BenchTown) => void): Promise<ReplicationResult> {
  const pair = await setUpPair(runRoot, track);
  const lag = await measureLag(pair, seconds);
  const { failovers, lost } = await measureFailovers(pair, runs);
  return { lag, failovers, lost };
}
