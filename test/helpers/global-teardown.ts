// Jest loads global setup/teardown files without the test module mapper, so this file imports nothing relative.
import { readdirSync, readFileSync, rmSync } from 'node:fs';

/** Pids of live processes whose command line names `path` (other than this one): what a test left running there. */
export function processesUnder(path: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // exited, awaiting its reaper
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path)) pids.push(pid);
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

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
