import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { committedDespiteError, missingRows, startWriter, type Writer, type WriterReport } from '../test/helpers/writer.js';
import { median, roundMs } from './stats.js';
import { runGtOk } from './run-process.js';
import type { BenchTown } from './town.js';

export interface RestartGapResult {
  runs: number;
  writers: number;
  /** Each writer's pause between two transactions (an agent's pace; 0 would be a writer that never stops). */
  writerPauseMs: number;
  /** Per needs-restart `gt apply`: the longest time any writer went without a successful commit. */
  gapsMs: number[];
  p50GapMs: number;
  maxGapMs: number;
  /** The same writers' longest gap over a stretch as long as one run, with no restart: what they do anyway. */
  baselineGapMs: number;
  /** Per run: the restart step's own time, as `gt apply` reported it (drain, stop, start). */
  restartMs: number[];
  /** Errors the writers were handed, in all runs (each reconnects after one). */
  errors: number;
  /** Of those, errors for a transaction that committed all the same (the defect the drain prevents). */
  committedDespiteError: number;
  /** Rows a writer believed committed that are missing. */
  lost: number;
}

const WRITERS = 2;
const WRITER_PAUSE_MS = 100;
/** Commits each writer makes before and after the restart, so the gap is framed by commits on both sides. */
const COMMITS_AROUND = 5;

interface ApplyJson {
  converged: boolean;
  results: { action: { kind: string; verb: string }; status: string; durationMs: number }[];
}

/** A needs-restart change: the server's log level in daemon.json's env, flipped between two values. */
function flipLogLevel(town: BenchTown, run: number): void {
  const path = join(town.root, 'mayor', 'daemon.json');
  const daemon = JSON.parse(readFileSync(path, 'utf8')) as { env?: Record<string, string> };
  daemon.env = { ...daemon.env, GT_DOLT_LOGLEVEL: run % 2 === 0 ? 'info' : 'warning' };
  writeFileSync(path, `${JSON.stringify(daemon, null, 2)}\n`);
}

async function startWriters(town: BenchTown, database: string): Promise<Writer[]> {
  const writers: Writer[] = [];
  for (let i = 0; i < WRITERS; i++) {
    writers.push(await startWriter({ port: town.port, database, table: `b6_writer${i + 1}`, pauseMs: WRITER_PAUSE_MS }));
  }
  await Promise.all(writers.map((writer) => writer.committedMore(COMMITS_AROUND)));
  return writers;
}

/** Stops the writers and adds what they saw to the totals; returns their longest gap. */
async function stopWriters(town: BenchTown, database: string, writers: Writer[], totals: Pick<RestartGapResult, 'errors' | 'committedDespiteError' | 'lost'>): Promise<number> {
  const reports: WriterReport[] = [];
  for (const writer of writers) reports.push(await writer.stop());
  for (const [i, report] of reports.entries()) {
    const table = `b6_writer${i + 1}`;
    totals.errors += report.errors.length;
    totals.committedDespiteError += (await committedDespiteError(town.port, database, report, table)).length;
    totals.lost += (await missingRows(town.port, database, report, table)).length;
  }
  return Math.max(...reports.map((report) => report.longestGapMs));
}

/**
 * B6 (planned restarts): agents commit (`BEGIN; INSERT; DOLT_COMMIT; COMMIT`, then a short pause) on the town's first
 * rig while `gt apply` restarts the server for a changed log level; the longest time any of them went without a
 * commit is the writer gap. Before the runs, the same writers run as long with no restart: the baseline gap.
 */
export async function benchRestartGap(town: BenchTown, runs: number): Promise<RestartGapResult> {
  const database = town.databases[1] ?? 'hq';
  const totals = { errors: 0, committedDespiteError: 0, lost: 0 };
  const gapsMs: number[] = [];
  const restartMs: number[] = [];
  let runMs = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const writers = await startWriters(town, database);
    flipLogLevel(town, run);
    const applied = JSON.parse((await runGtOk(['--town', town.root, '-o', 'json', 'apply'])).stdout) as ApplyJson;
    const restart = applied.results.find((result) => result.action.kind === 'server' && result.action.verb === 'restart');
    if (!applied.converged || restart?.status !== 'done') throw new Error(`B6: gt apply did not restart the server (run ${run + 1})`);
    restartMs.push(restart.durationMs);
    await Promise.all(writers.map((writer) => writer.committedMore(COMMITS_AROUND)));
    gapsMs.push(await stopWriters(town, database, writers, totals));
    runMs = Math.max(runMs, performance.now() - started);
  }

  const writers = await startWriters(town, database);
  await new Promise((resolve) => setTimeout(resolve, runMs));
  const baseline = { errors: 0, committedDespiteError: 0, lost: 0 };
  const baselineGapMs = await stopWriters(town, database, writers, baseline);
  totals.lost += baseline.lost;

  return {
    runs,
    writers: WRITERS,
    writerPauseMs: WRITER_PAUSE_MS,
    gapsMs,
    p50GapMs: roundMs(median(gapsMs)),
    maxGapMs: Math.max(...gapsMs),
    baselineGapMs,
    restartMs,
    ...totals,
  };
}
