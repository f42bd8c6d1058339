import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countStatements } from '../test/helpers/statement-count.js';
import { median, roundMs } from './stats.js';
import { repoRoot, runGtOk } from './run-process.js';
import type { BenchTown } from './town.js';

export interface DiffResult {
  rigs: number;
  medianMs: number;
  /** The first run, with an empty parse cache (GT_CACHE_DIR): what a diff costs after every manifest changed. */
  firstRunMs: number;
  runsMs: number[];
  /** Statements the server received during one observation of this town (its health probe and SQL snapshot). */
  roundTrips: number;
}

/** The built product's own observation (dist/), typed from its sources. */
async function productModules(): Promise<{
  load: typeof import('../src/config/load.js');
  observe: typeof import('../src/observe/observe.js');
}> {
  const url = (path: string): string => pathToFileURL(join(repoRoot, 'dist', path)).href;
  return {
    load: (await import(url('config/load.js'))) as typeof import('../src/config/load.js'),
    observe: (await import(url('observe/observe.js'))) as typeof import('../src/observe/observe.js'),
  };
}

/**
 * SQL round trips of one observation of the town, as `gt diff` makes it: the statements the server itself counted
 * (its Questions status counter) while the observation ran.
 */
async function observedRoundTrips(town: BenchTown): Promise<number> {
  const { load, observe } = await productModules();
  const { desired } = load.loadDesiredState({ town: town.root, files: [], env: process.env, cwd: town.root });
  return (await countStatements(town.port, () => observe.observe(desired))).statements;
}

/**
 * B1: a no-op `gt diff` as a whole process (exit 0: nothing to do) on converged towns. The first run of each town
 * starts from an empty parse cache and is reported apart (it also warms the file and server caches); a second,
 * untimed run fills the cache again. The towns take turns run by run, so a change in the machine's load touches
 * every size alike.
 */
export async function benchDiff(towns: readonly BenchTown[], runs: number, cacheDir: string): Promise<DiffResult[]> {
  const samples = towns.map((): number[] => []);
  const firstRuns: number[] = [];
  for (const town of towns) {
    rmSync(cacheDir, { recursive: true, force: true });
    firstRuns.push((await runGtOk(['--town', town.root, 'diff'])).ms);
  }
  for (const town of towns) await runGtOk(['--town', town.root, 'diff']); // the cache again, for every town
  for (let run = 0; run < runs; run++) {
    for (const [i, town] of towns.entries()) samples[i]?.push((await runGtOk(['--town', town.root, 'diff'])).ms);
  }
  const results: DiffResult[] = [];
  for (const [i, town] of towns.entries()) {
    const runsMs = (samples[i] ?? []).map(roundMs);
    results.push({
      rigs: town.rigs.length,
      medianMs: roundMs(median(runsMs)),
      firstRunMs: roundMs(firstRuns[i] ?? NaN),
      runsMs,
      roundTrips: await observedRoundTrips(town),
    });
  }
  return results;
}
