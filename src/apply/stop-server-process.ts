import { readPidFile, recordServerStopped } from '../lib/dolt-runtime-files.js';
import { signalProcess, waitForExit } from '../lib/process.js';
import { inspectDoltServer, type ProcessSource } from '../observe/dolt-processes.js';
import type { StopServerFix } from '../plan/doctor-types.js';

/** How long a SIGKILLed process may take to be gone. */
const KILL_WAIT_MS = 10_000;

/**
 * Why the process at the fix's pid is no longer the one the doctor saw, or null when it still is: the same start
 * time and working directory, still a `dolt sql-server`. A pid reused since is never signalled.
 */
async function identityChanged(fix: StopServerFix, source: ProcessSource): Promise<string | null> {
  const now = await inspectDoltServer(fix.pid, source);
  if (now === null) return `PID ${fix.pid} is no longer a dolt sql-server`;
  if (now.startedAtMs !== fix.startedAtMs) return `PID ${fix.pid} started at another time than the process gt doctor saw (the pid was reused)`;
  if (now.cwd !== fix.cwd) return `PID ${fix.pid} runs in ${now.cwd ?? 'an unreadable directory'}, not ${fix.cwd} as gt doctor saw`;
  return null;
}

/**
 * Stops a duplicate, rogue or stale-snapshot server: re-checks its identity right before signalling, sends SIGTERM
 * (and SIGCONT, so a stopped process can act on it), waits the grace period, then SIGKILL only when the fix says so
 * (--force). Returns what happened; throws when it did not stop.
 */
export async function stopServerProcess(townRoot: string, fix: StopServerFix, source: ProcessSource): Promise<string> {
  const changed = await identityChanged(fix, source);
  if (changed !== null) {
    if (!(await waitForExit(fix.pid, 0))) throw new Error(`${changed}; nothing was signalled`);
    return `PID ${fix.pid} had already exited`;
  }
  signalProcess(fix.pid, 'SIGTERM');
  signalProcess(fix.pid, 'SIGCONT');
  let how = `stopped by SIGTERM`;
  if (!(await waitForExit(fix.pid, fix.graceMs))) {
    const grace = `${Math.round(fix.graceMs / 1000)} s`;
    if (!fix.kill) throw new Error(`PID ${fix.pid} is still running ${grace} after SIGTERM; pass --force to SIGKILL it`);
    signalProcess(fix.pid, 'SIGKILL');
    if (!(await waitForExit(fix.pid, KILL_WAIT_MS))) throw new Error(`PID ${fix.pid} did not exit after SIGKILL`);
    how = `killed by SIGKILL after ${grace}`;
  }
  if (fix.townServer && readPidFile(townRoot) === fix.pid) recordServerStopped(townRoot);
  return `PID ${fix.pid} (${fix.class}) ${how}`;
}
