import { setTimeout as sleep } from 'node:timers/promises';
import { connectTo } from '../test/helpers/dolt-server.js';
import type { DaemonUnderTest } from './daemon-under-test.js';
import { percentile, roundMs } from './stats.js';
import type { BenchTown } from './town.js';

export interface ChangeLatency {
  rigs: number;
  changes: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samplesMs: number[];
}

/** Time for a burst of file events (an editor's save) to settle before the next change starts. */
const QUIET_MS = 600;

/**
 * B4: one-rig changes (one more ignore pattern in one manifest), one at a time; each timed from the file write to the
 * daemon's log line saying the reconcile it triggered converged, the debounce included. At the end every change is
 * checked in Dolt.
 */
export async function timeOneRigChanges(town: BenchTown, daemon: DaemonUnderTest, changes: number, label: string): Promise<ChangeLatency> {
  const samplesMs: number[] = [];
  const made: { rig: string; pattern: string }[] = [];
  for (let i = 0; i < changes; i++) {
    await sleep(QUIET_MS);
    const reconciled = daemon.nextReconcile('file', 120_000, (line) => (line.actions?.done ?? 0) > 0 || line.result !== 'converged');
    const written = performance.now();
    const pattern = `bench_${label}_${i}`;
    // Every seventh rig: consecutive changes land in different manifests and databases.
    const rig = town.addIgnorePattern(i * 7, pattern);
    const { line, at } = await reconciled;
    if (line.result !== 'converged') throw new Error(`the reconcile after changing ${rig.name} did not converge: ${String(line.message)}`);
    samplesMs.push(roundMs(at - written));
    made.push({ rig: rig.name, pattern });
  }
  await expectIgnorePatterns(town.port, made);
  return {
    rigs: town.rigs.length,
    changes,
    p50Ms: roundMs(percentile(samplesMs, 50)),
    p95Ms: roundMs(percentile(samplesMs, 95)),
    maxMs: roundMs(Math.max(...samplesMs)),
    samplesMs,
  };
}

async function expectIgnorePatterns(port: number, made: readonly { rig: string; pattern: string }[]): Promise<void> {
  const connection = await connectTo(port);
  try {
    for (const { rig, pattern } of made) {
      const [rows] = await connection.query(`SELECT COUNT(*) AS n FROM \`${rig}\`.dolt_ignore WHERE pattern = ?`, [pattern]);
      if (Number((rows as { n: number }[])[0]?.n) !== 1) throw new Error(`the daemon did not add ignore pattern ${pattern} to ${rig}`);
    }
  } finally {
    await connection.end();
  }
}
