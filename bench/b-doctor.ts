import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countStatements } from '../test/helpers/statement-count.js';
import { median, roundMs } from './stats.js';
import { repoRoot, timeGt } from './run-process.js';
import type { BenchTown } from './town.js';

export interface DoctorResult {
  rigs: number;
  medianMs: number;
  runsMs: number[];
  /** What the healthy town's checks came to (ok; warning only where the machine itself warns, e.g. a full disk). */
  status: string;
  /** Statements the server received during one doctor observation of this town. */
  statements: number;
}

/** SQL statements of one doctor observation, counted by the server. */
async function observedStatements(town: BenchTown): Promise<number> {
  const url = (path: string): string => pathToFileURL(join(repoRoot, 'dist', path)).href;
  const load = (await import(url('config/load.js'))) as typeof import('../src/config/load.js');
  const doctor = (await import(url('observe/doctor-observation.js'))) as typeof import('../src/observe/doctor-observation.js');
  const { desired } = load.loadDesiredState({ town: town.root, files: [], env: process.env, cwd: town.root });
  return (await countStatements(town.port, () => doctor.observeForDoctor(desired))).statements;
}

/**
 * B-doctor: `gt doctor` as a whole process on a converged (healthy) town: every check, the process scan of the whole
 * machine included. One untimed run first (it warms the parse cache like B1's second run).
 */
export async function benchDoctor(town: BenchTown, runs: number): Promise<DoctorResult> {
  const args = ['--town', town.root, 'doctor', '-o', 'json'];
  const checked = async (): Promise<{ ms: number; status: string }> => {
    const run = await timeGt(args);
    if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`gt doctor exited ${String(run.exitCode)} on a healthy town:\n${run.stderr}${run.stdout}`.trimEnd());
    return { ms: run.ms, status: (JSON.parse(run.stdout) as { status: string }).status };
  };
  await checked();
  const samples: { ms: number; status: string }[] = [];
  for (let run = 0; run < runs; run++) samples.push(await checked());
  const runsMs = samples.map((sample) => roundMs(sample.ms));
  return {
    rigs: town.rigs.length,
    medianMs: roundMs(median(runsMs)),
    runsMs,
    status: samples.at(-1)?.status ?? 'unknown',
    statements: await observedStatements(town),
  };
}
