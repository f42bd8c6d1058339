import { rmSync } from 'node:fs';
import { median, roundMs } from './stats.js';
import { runGtOk } from './run-process.js';
import { BenchTown } from './town.js';

export interface ApplyResult {
  rigs: number;
  /** Databases created by each apply: the rigs' and hq. */
  databases: number;
  medianMs: number;
  perDatabaseMs: number;
  /** Of the total: the `start server` step (median). */
  serverStartMs: number;
  runsMs: number[];
}

interface ApplyJson {
  converged: boolean;
  results: { action: { kind: string; verb: string }; status: string; durationMs: number }[];
}

/**
 * B3: `gt apply` as a whole process on a town that has nothing yet (no server, no database): it writes the lifecycle
 * defaults, starts the server, creates every database with its remote and ignore patterns. A fresh town each run.
 */
export async function benchApply(parent: string, rigs: number, runs: number, track: (town: BenchTown) => void): Promise<ApplyResult> {
  const runsMs: number[] = [];
  const serverStarts: number[] = [];
  let databases = 0;
  for (let run = 0; run < runs; run++) {
    const town = await BenchTown.create(parent, `apply${rigs}`, rigs);
    track(town);
    try {
      const timed = await runGtOk(['--town', town.root, '-o', 'json', 'apply']);
      const report = JSON.parse(timed.stdout) as ApplyJson;
      const created = report.results.filter((result) => result.action.kind === 'database' && result.action.verb === 'create' && result.status === 'done');
      if (!report.converged || created.length !== town.databases.length) {
        throw new Error(`gt apply did not converge the ${rigs}-rig town (${created.length} databases created):\n${timed.stdout}`);
      }
      runsMs.push(roundMs(timed.ms));
      serverStarts.push(report.results.find((result) => result.action.kind === 'server' && result.action.verb === 'start')?.durationMs ?? 0);
      databases = created.length;
    } finally {
      await town.stopServer();
      rmSync(town.root, { recursive: true, force: true });
    }
  }
  const medianMs = roundMs(median(runsMs));
  return { rigs, databases, medianMs, perDatabaseMs: roundMs(medianMs / databases), serverStartMs: roundMs(median(serverStarts)), runsMs };
}
