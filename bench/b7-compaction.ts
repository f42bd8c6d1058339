import mysql from 'mysql2/promise';
import { compactDatabase } from '../src/lifecycle/compaction/engine.js';
import type { CompactionMode, CompactionStep, StepTiming } from '../src/lifecycle/compaction/types.js';
import { townPaths } from '../src/lib/town-layout.js';
import { createBeadsSchema, insertWisps } from '../test/helpers/beads-schema.js';
import { compactionRequest } from '../test/helpers/compaction.js';
import { missingRows, startWriter, type WriterReport } from '../test/helpers/writer.js';
import { percentile, roundMs } from './stats.js';
import type { BenchTown } from './town.js';

/** An agent's pace between two transactions while compaction runs (and in the baseline). */
const WRITER_PAUSE_MS = 20;
/** How long the baseline writer runs on the fixture before the compaction. */
const BASELINE_MS = 5000;
/** Commits sent in one round trip while building a fixture (each its own DOLT_COMMIT). */
const FIXTURE_BATCH = 25;
/** Distinct issues the fixture's commits update in turn, so history holds many versions of each row. */
const FIXTURE_ISSUES = 500;
const FIXTURE_WISPS = 200;
/** The commits surgical keeps: Gas Town's compactor_dog default, and gt's. */
const KEEP_RECENT = 50;
/** Both modes, at every size. */
const MODES: readonly CompactionMode[] = ['flatten', 'surgical'];

/** How B7's figures are taken, for the report. */
export const COMPACTION_METHOD =
  `B7: per case a fixture database is built, a writer commits on it for ${BASELINE_MS / 1000} s (the baseline), then the ` +
  `same writer commits while the engine compacts it (restore point, rewrite, gc full; surgical keeps ${KEEP_RECENT}); latency is BEGIN to COMMIT returned.`;

export interface WriterLatency {
  commits: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

export interface CompactionCase {
  mode: CompactionMode;
  /** Commits of the fixture's history (beyond bd's schema commits). */
  commits: number;
  fixtureMs: number;
  /** The whole compaction (lock to release, gc full included). */
  compactionMs: number;
  steps: StepTiming[];
  commitsBefore: number;
  commitsAfter: number;
  storageBeforeBytes: number;
  storageAfterBytes: number;
  /** The writer committing while compaction ran, and the same writer on the same database before it. */
  during: WriterLatency;
  /** The step during which the writer's slowest commit returned, and that commit's latency. */
  slowestCommit: { step: CompactionStep; latencyMs: number } | null;
  baseline: WriterLatency;
  /** Rows the writer believed committed that are missing afterwards. */
  lost: number;
}

export interface CompactionBenchResult {
  writerPauseMs: number;
  cases: CompactionCase[];
}

/**
 * A beads database with `commits` commits of history, each updating one issue and adding an event the way bd
 * writes, plus dolt-ignored wisps; commits go FIXTURE_BATCH to a round trip (Dolt commits each one on its own).
 */
async function buildFixture(port: number, database: string, commits: number): Promise<void> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', multipleStatements: true });
  try {
    await connection.query(`CREATE DATABASE \`${database}\``);
    await connection.query(`USE \`${database}\``);
    await createBeadsSchema(connection);
    await insertWisps(connection, Array.from({ length: FIXTURE_WISPS }, (_, i) => ({ id: `${database}-wisp-${i}`, labels: ['patrol'], events: 1 })));
    for (let start = 0; start < commits; start += FIXTURE_BATCH) {
      let batch = '';
      for (let n = start; n < Math.min(commits, start + FIXTURE_BATCH); n++) {
        const id = `bd-${n % FIXTURE_ISSUES}`;
        batch += connection.format(
          "INSERT INTO issues (id, title, description, status) VALUES (?, ?, ?, 'open') ON DUPLICATE KEY UPDATE title = VALUES(title), description = VALUES(description);" +
            "INSERT INTO events (issue_id, event_type, actor, new_value) VALUES (?, 'updated', 'agent', ?);" +
            'CALL DOLT_COMMIT(?, ?);',
          [id, `issue ${id}, revision ${n}`, `notes of revision ${n} `.repeat(8), id, `revision ${n}`, '-Am', `bd: update ${id}`],
        );
      }
      await connection.query(batch);
    }
  } finally {
    await connection.end();
  }
}

/** The writer's commits that returned from `since` on (performance.now()): count, errors, p50 and p99. */
function latency(report: WriterReport, since = 0): WriterLatency {
  const kept = report.latenciesMs.filter((_, i) => (report.committedAtMs[i] as number) >= since);
  const samples = kept.length > 0 ? kept : [NaN];
  return { commits: kept.length, errors: report.errors.length, p50Ms: roundMs(percentile(samples, 50)), p99Ms: roundMs(percentile(samples, 99)) };
}

/** The step whose time span holds the writer's slowest commit's return (steps end at `ends`, in order). */
function slowestCommit(report: WriterReport, started: number, ends: readonly { step: CompactionStep; at: number }[]): CompactionCase['slowestCommit'] {
  let slowest: CompactionCase['slowestCommit'] = null;
  report.latenciesMs.forEach((latencyMs, i) => {
    const at = report.committedAtMs[i] as number;
    const step = at >= started ? ends.find((end) => at <= end.at)?.step : undefined;
    if (step !== undefined && (slowest === null || latencyMs > slowest.latencyMs)) slowest = { step, latencyMs: roundMs(latencyMs) };
  });
  return slowest;
}

async function writerFor(port: number, database: string, table: string, body: () => Promise<void>): Promise<WriterReport> {
  const writer = await startWriter({ port, database, table, pauseMs: WRITER_PAUSE_MS });
  await writer.committedMore(3);
  await body();
  return writer.stop();
}

async function benchCase(town: BenchTown, mode: CompactionMode, commits: number): Promise<CompactionCase> {
  const database = `b7_${mode}_${commits}`;
  const built = performance.now();
  await buildFixture(town.port, database, commits);
  const fixtureMs = performance.now() - built;
  await town.settle();
  const baseline = await writerFor(town.port, database, 'b7_baseline', () => new Promise((resolve) => setTimeout(resolve, BASELINE_MS)));
  const stepEnds: { step: CompactionStep; at: number }[] = [];
  const onStep = (step: CompactionStep): void => void stepEnds.push({ step, at: performance.now() });
  const request = compactionRequest(town.port, townPaths(town.root).dataDir, town.root, database, { mode, keepRecent: KEEP_RECENT, gc: 'full', onStep });
  let started = 0;
  let outcome: Awaited<ReturnType<typeof compactDatabase>> | undefined;
  const during = await writerFor(town.port, database, 'b7_writer', async () => {
    started = performance.now();
    outcome = await compactDatabase(request);
  });
  const compactionMs = (stepEnds.at(-1)?.at ?? started) - started;
  if (outcome?.status !== 'compacted') throw new Error(`B7: ${mode} of ${commits} commits did not compact: ${JSON.stringify(outcome)}`);
  return {
    mode,
    commits,
    fixtureMs: Math.round(fixtureMs),
    compactionMs: Math.round(compactionMs),
    steps: outcome.timings,
    commitsBefore: outcome.commits.before,
    commitsAfter: outcome.commits.after,
    storageBeforeBytes: outcome.storage.before ?? NaN,
    storageAfterBytes: outcome.storage.after,
    during: latency(during, started),
    slowestCommit: slowestCommit(during, started, stepEnds),
    baseline: latency(baseline),
    lost: (await missingRows(town.port, database, during, 'b7_writer')).length + (await missingRows(town.port, database, baseline, 'b7_baseline')).length,
  };
}

/**
 * B7: flatten and surgical compaction of beads databases with `sizes` commits of history on the town's running
 * server, a writer (an agent at WRITER_PAUSE_MS pace) committing the whole time: the compaction's time per step,
 * storage before and after `DOLT_GC('--full')`, and the writer's commit latency during it against the same writer
 * on the same database just before.
 */
export async function benchCompaction(town: BenchTown, sizes: readonly number[], log: (message: string) => void): Promise<CompactionBenchResult> {
  const cases: CompactionCase[] = [];
  for (const commits of sizes) {
    for (const mode of MODES) {
      const result = await benchCase(town, mode, commits);
      log(`  ${mode} of ${commits} commits: ${(result.compactionMs / 1000).toFixed(1)} s (fixture built in ${(result.fixtureMs / 1000).toFixed(1)} s)`);
      cases.push(result);
    }
  }
  return { writerPauseMs: WRITER_PAUSE_MS, cases };
}
