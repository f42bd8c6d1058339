import { median, roundMs } from './stats.js';
import { timeProcess } from './run-process.js';
import type { BenchTown } from './town.js';

export interface ShellResult {
  rigs: number;
  /** Processes per observation: one per database (the rigs and hq). */
  processes: number;
  medianMs: number;
  runsMs: number[];
}

/**
 * One observation of every database's remotes the way Gas Town's shell tooling does it (its remote
 * discovery): a `dolt sql -q` process per database against the running server, one after the other.
 */
async function observeWithShell(doltBin: string, town: BenchTown): Promise<number> {
  const started = performance.now();
  for (const database of town.databases) {
    const run = await timeProcess(
      doltBin,
      ['--host', '127.0.0.1', '--port', String(town.port), '--user', 'root', '--no-tls', '--use-db', database, 'sql', '-q', 'SELECT name,url FROM dolt_remotes'],
      { cwd: town.root, env: { ...process.env, DOLT_CLI_PASSWORD: '' } },
    );
    const expected = database === 'hq' ? '' : `/remotes/${database}`;
    if (run.exitCode !== 0 || !run.stdout.includes(expected)) {
      throw new Error(`dolt sql -q on ${database} exited ${String(run.exitCode)} without its remote:\n${run.stderr}${run.stdout}`);
    }
  }
  return performance.now() - started;
}

/**
 * B2: the shell observation of the same towns as B1, taking turns the same way. No warm-up run: each run is already
 * one process per database, and B1 has just warmed the server.
 */
export async function benchShellObservation(doltBin: string, towns: readonly BenchTown[], runs: number): Promise<ShellResult[]> {
  const samples = towns.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, town] of towns.entries()) samples[i]?.push(await observeWithShell(doltBin, town));
  }
  return towns.map((town, i) => {
    const runsMs = (samples[i] ?? []).map(roundMs);
    return { rigs: town.rigs.length, processes: town.databases.length, medianMs: roundMs(median(runsMs)), runsMs };
  });
}
