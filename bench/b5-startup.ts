import { median, roundMs } from './stats.js';
import { gtEnv, runGtOk, timeProcess } from './run-process.js';

export interface StartupResult {
  medianMs: number;
  runsMs: number[];
  /** `node -e ''` in the same environment: the part of the start-up that is Node's own. */
  nodeMedianMs: number;
}

/** B5: `gt --version` as a whole process: what every command pays before it does anything. */
export async function benchVersionStartup(runs: number): Promise<StartupResult> {
  await runGtOk(['--version']); // warm-up
  const runsMs: number[] = [];
  const nodeMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    runsMs.push(roundMs((await runGtOk(['--version'])).ms));
    nodeMs.push((await timeProcess(process.execPath, ['-e', ''], { env: gtEnv() })).ms);
  }
  return { medianMs: roundMs(median(runsMs)), runsMs, nodeMedianMs: roundMs(median(nodeMs)) };
}
