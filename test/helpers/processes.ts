import { readdirSync, readFileSync } from 'node:fs';

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
