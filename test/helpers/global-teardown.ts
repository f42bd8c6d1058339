import { rmSync } from 'node:fs';
import { processesUnder } from './processes.js';

/** Safety net after every run: stop any server a test left behind, then remove the run's temp root. */
export default async function globalTeardown(): Promise<void> {
  const runRoot = process.env.GT_TEST_RUN_ROOT;
  if (!runRoot) return;
  const leftovers = processesUnder(runRoot);
  for (const pid of leftovers) process.kill(pid, 'SIGTERM');
  if (leftovers.length > 0) {
    console.error(`global teardown: stopped ${leftovers.length} process(es) a test left running: ${leftovers.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const pid of processesUnder(runRoot)) process.kill(pid, 'SIGKILL');
  }
  rmSync(runRoot, { recursive: true, force: true });
}
