/**
 * kill -9 of the process running a compaction, flatten and surgical, after each of its steps, while an agent
 * commits: nothing it leaves blocks the next run, which finishes the interrupted rewrite or cleans up after it and
 * says which, and no row is lost. The compaction runs in a child process (support/compaction-child.mjs) that pauses after the chosen step.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type mysql from 'mysql2/promise';
import { compactDatabase } from '../../src/lifecycle/compaction/engine.js';
import { compactionLockName } from '../../src/lifecycle/compaction/named-lock.js';
import type { CompactionMode, CompactionRequest, CompactionStep, InterruptedRun } from '../../src/lifecycle/compaction/types.js';
import { beadsRowCounts } from '../helpers/beads-schema.js';
import { compactionBranches, compactionRequest, createBeadsHistory } from '../helpers/compaction.js';
import { startDoltServer, type TestServer } from '../helpers/dolt-server.js';
import { makeTempDir } from '../helpers/env.js';
import { missingRows, startWriter, type Writer } from '../helpers/writer.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'support', 'compaction-child.mjs');

/** Killed after this step, the next run finds: nothing of it, its work branches (cleaned), or its rewrite on main (finished). */
const FLATTEN_KILLS: [CompactionStep, InterruptedRun][] = [
  ['lock', null],
  ['leftovers', null],
  ['divergence', null],
  ['restore-point', null],
  ['pre-state', null],
  ['build', 'cleaned'],
  ['swap', 'finished'],
  ['integrity', 'finished'],
  ['cleanup', null],
  ['gc', null],
];

/** Surgical's steps where they differ: between its two swaps main holds the seam, which the next run finishes. */
const SURGICAL_KILLS: [CompactionStep, InterruptedRun][] = [
  ['pre-state', null],
  ['build', 'cleaned'],
  ['seam', 'finished'],
  ['swap', 'finished'],
  ['integrity', 'finished'],
  ['cleanup', null],
];

/** Runs the compaction in a child process until it pauses after `step`, then kills it with SIGKILL. */
async function killAfter(step: CompactionStep, request: CompactionRequest): Promise<void> {
  const { now: _now, onStep: _onStep, ...serializable } = request;
  const child = execa('node', [CHILD, JSON.stringify(serializable)], { env: { PAUSE_AFTER: step }, reject: false, timeout: 120_000 });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('paused\n')) resolve();
    });
    void child.then((result) => reject(new Error(`the compaction ended before pausing after ${step}:\n${output}\n${String(result.stderr)}`)));
  });
  child.kill('SIGKILL');
  await child;
}

async function waitForLockRelease(connection: mysql.Connection, database: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT IS_USED_LOCK(?) AS holder', [compactionLockName(database)]);
    if (rows[0]?.holder === null) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the killed run still holds the compaction lock after 5 s');
}

describe.each<[CompactionMode, [CompactionStep, InterruptedRun][]]>([
  ['flatten', FLATTEN_KILLS],
  ['surgical', SURGICAL_KILLS],
])('kill -9 of a %s compaction after each step, an agent committing throughout', (mode, kills) => {
  const DATABASE = `killed_${mode}`;
  let server: TestServer;
  let townRoot: string;
  let writer: Writer;
  let observer: mysql.Connection;
  let beadsBefore: Record<string, number>;

  beforeAll(async () => {
    server = await startDoltServer();
    townRoot = makeTempDir('town');
    await createBeadsHistory(server.port, DATABASE, 60);
    observer = await server.connect(DATABASE);
    beadsBefore = await beadsRowCounts(observer);
    writer = await startWriter({ port: server.port, database: DATABASE, pauseMs: 5, maxDurationMs: 600_000 });
    await writer.committedMore(5);
  });

  afterAll(async () => {
    await writer?.stop();
    observer?.destroy();
    await server?.stop();
  });

  it.each(kills)('killed after %s: the next run compacts, interrupted: %s', async (step, expected) => {
    const request = compactionRequest(server.port, server.dataDir, townRoot, DATABASE, { mode, keepRecent: 5 });
    await writer.committedMore(10);
    await killAfter(step, request);
    await waitForLockRelease(observer, DATABASE);

    const next = await compactDatabase(request);

    expect(next).toMatchObject({ status: 'compacted', interrupted: expected });
    expect(await compactionBranches(observer)).toEqual([]);
  });

  it('the agent saw no error through every kill, and no row is lost', async () => {
    const report = await writer.stop();
    expect(report.errors).toEqual([]);
    expect(await missingRows(server.port, DATABASE, report)).toEqual([]);
    expect(await beadsRowCounts(observer)).toEqual(beadsBefore);
  });
});
