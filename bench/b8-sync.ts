import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { townPaths } from '../src/lib/town-layout.js';
import { connectTo } from '../test/helpers/dolt-server.js';
import { rigYaml } from '../test/helpers/town.js';
import { missingRows, startWriter, type WriterReport } from '../test/helpers/writer.js';
import { runGtOk, timeProcess } from './run-process.js';
import { BenchTown } from './town.js';

/** One way of getting every database's new commits to its remote, with an agent committing meanwhile. */
export interface SyncRun {
  wallMs: number;
  /** The agent's longest time without a successful commit while it ran. */
  writerGapMs: number;
  writerErrors: number;
  /** Rows the agent believed committed that are missing afterwards. */
  lost: number;
}

export interface SyncBenchResult {
  databases: number;
  commitsEach: number;
  /** The agent's longest gap over as long a stretch with nothing else going on. */
  baselineGapMs: number;
  /** `gt dolt sync`: CALL DOLT_PUSH per database on the running server. */
  sqlSync: SyncRun;
  /** What the storage architecture describes: stop the server, `dolt push` per database with the CLI, start it. */
  stopTheServer: SyncRun;
}

/** The agent's pace: a commit, then this pause (Gas Town's agents commit a few times a second at most). */
const WRITER_PAUSE_MS = 50;

/** Every rig's origin pushed (so gt dolt sync pushes it) and never by the interval during the bench. */
function writePushedRigs(town: BenchTown): void {
  for (const rig of town.rigs) {
    const yaml = rigYaml(rig).replace(/(url: .*\n)/, '$1      push: true\n      pushInterval: 24h\n');
    writeFileSync(join(townPaths(town.root).rigsDir, `${rig.name}.yaml`), yaml);
  }
}

/** `commits` new commits in each rig's database, on one connection (as agents' work between two syncs). */
async function commitEverywhere(town: BenchTown, commits: number, round: number): Promise<void> {
  const connection = await connectTo(town.port);
  try {
    for (const rig of town.rigs) {
      await connection.query(`USE \`${rig.name}\``);
      await connection.query('CREATE TABLE IF NOT EXISTS b8_items (id INT PRIMARY KEY, round INT)');
      for (let i = 0; i < commits; i++) {
        await connection.query('INSERT INTO b8_items VALUES (?, ?)', [round * 1000 + i, round]);
        await connection.query("CALL DOLT_COMMIT('-Am', 'b8 item')");
      }
    }
  } finally {
    await connection.end();
  }
}

/** Runs `work` with the agent committing on the town's first rig; its gap, errors and lost rows over that time. */
async function withWriter(town: BenchTown, work: () => Promise<void>): Promise<SyncRun> {
  const database = town.databases[1] ?? 'hq';
  const writer = await startWriter({ port: town.port, database, table: 'b8_writer', pauseMs: WRITER_PAUSE_MS, reconnectDelayMs: 50 });
  await writer.committedMore(5);
  const started = performance.now();
  await work();
  const wallMs = Math.round(performance.now() - started);
  await writer.committedMore(5);
  const report: WriterReport = await writer.stop();
  return { wallMs, writerGapMs: report.longestGapMs, writerErrors: report.errors.length, lost: (await missingRows(town.port, database, report, 'b8_writer')).length };
}

/** The old procedure: stop the server, `dolt push origin main` in each database's directory, start it again. */
async function stopPushStart(town: BenchTown, doltBin: string): Promise<void> {
  await runGtOk(['--town', town.root, 'dolt', 'stop']);
  for (const database of town.rigs.map((rig) => rig.name)) {
    const pushed = await timeProcess(doltBin, ['push', 'origin', 'main'], { cwd: join(townPaths(town.root).dataDir, database) });
    if (pushed.exitCode !== 0) throw new Error(`B8: dolt push of ${database} failed: ${pushed.stderr}`);
  }
  await runGtOk(['--town', town.root, 'dolt', 'start']);
}

/**
 * B8: `gt dolt sync` of `rigs` databases with `commitsEach` new commits each while an agent commits on the first rig
 * (its longest gap and errors), side by side with the stop-the-server procedure on the same town with as many new
 * commits again (its writer outage), and the agent's gap over a quiet stretch as long as the sync.
 */
export async function benchSync(runRoot: string, rigs: number, commitsEach: number, doltBin: string, track: (town: BenchTown) => void): Promise<SyncBenchResult> {
  const town = await BenchTown.create(runRoot, 'b8', rigs);
  track(town);
  writePushedRigs(town);
  await town.converge(); // creates the databases and remotes, and pushes them once
  await town.settle();

  await commitEverywhere(town, commitsEach, 1);
  const sqlSync = await withWriter(town, async () => {
    const run = await runGtOk(['--town', town.root, 'dolt', 'sync']);
    if (!run.stdout.includes(`Summary: ${rigs} pushed`)) throw new Error(`B8: gt dolt sync did not push every database:\n${run.stdout}`);
  });
  const baseline = await withWriter(town, () => new Promise((resolve) => setTimeout(resolve, sqlSync.wallMs)));

  await commitEverywhere(town, commitsEach, 2);
  const stopTheServer = await withWriter(town, () => stopPushStart(town, doltBin));
  return { databases: rigs, commitsEach, baselineGapMs: baseline.writerGapMs, sqlSync, stopTheServer };
}

const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);

/** B8's rows of the bench table. */
export function syncRows(result: SyncBenchResult): string[][] {
  const run = (r: SyncRun): string => `${ms(r.wallMs)}; agent's longest gap ${ms(r.writerGapMs)}, ${r.writerErrors} errors, ${r.lost} rows lost`;
  const what = `${result.databases} databases, ${result.commitsEach} new commits each, an agent committing (${WRITER_PAUSE_MS} ms pause)`;
  return [
    ['B8', `\`gt dolt sync\` (SQL push, server running), ${what}`, `${run(result.sqlSync)} (same agent, nothing running: ${ms(result.baselineGapMs)})`],
    ['B8', `stop the server, \`dolt push\` per database, start it, ${what}`, run(result.stopTheServer)],
  ];
}

/** B8's targets: no gap over 100 ms attributable to sync (beyond the agent's own), no error, nothing lost. */
export function syncTargets(result: SyncBenchResult): { id: string; target: string; value: string; met: boolean }[] {
  const attributable = result.sqlSync.writerGapMs - result.baselineGapMs;
  return [
    { id: 'B8', target: 'gt dolt sync: agent gap attributable to sync ≤ 100 ms', value: ms(Math.max(0, attributable)), met: attributable <= 100 },
    {
      id: 'B8',
      target: 'gt dolt sync: 0 writer errors, 0 rows lost',
      value: `${result.sqlSync.writerErrors} errors, ${result.sqlSync.lost} lost`,
      met: result.sqlSync.writerErrors === 0 && result.sqlSync.lost === 0,
    },
  ];
}
