import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether a process with this pid exists and has not exited. A zombie (exited, not yet reaped by its parent) counts
 * as gone: it holds no port, no file lock and cannot act any more.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ...": the state letter follows the last ')' (comm may contain ')')
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc entry readable: trust kill(0)
  }
}

/** Sends a signal, ignoring a process that is already gone. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls until the process is gone; true if it exited within `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return true;
}

/**
 * Ends a process by pid: SIGTERM (with SIGCONT, so a stopped process can act on it), then SIGKILL after
 * `killAfterMs`; waits for the exit. A process already gone is fine.
 */
export async function terminateProcess(pid: number, killAfterMs: number): Promise<void> {
  signalProcess(pid, 'SIGTERM');
  signalProcess(pid, 'SIGCONT');
  if (await waitForExit(pid, killAfterMs)) return;
  signalProcess(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 10_000))) throw new Error(`PID ${pid} did not exit after SIGKILL`);
}

/** USER_HZ: 100 on every Linux architecture Node supports (it is part of the kernel ABI). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * When the process started, from /proc/<pid>/stat (field 22, clock ticks since boot) and the boot time in /proc/stat;
 * null when unknown. Lets a lock tell its holder from a later process that reused the pid (e.g. after a reboot).
 */
export function processStartTime(pid: number): Date | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fieldsAfterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fieldsAfterComm[19]); // field 22; fieldsAfterComm[0] is field 3
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(bootSeconds)) return null;
    return new Date((bootSeconds + startTicks / CLOCK_TICKS_PER_SECOND) * 1000);
  } catch {
    return null;
  }
}

/** Whether a command line is `gt daemon run`: how gt tells its daemon from a process that reused a dead daemon's pid. */
export function isGtDaemonCommand(args: readonly string[]): boolean {
  const daemonAt = args.indexOf('daemon');
  return daemonAt >= 0 && args[daemonAt + 1] === 'run';
}

/** Whether a command line is a `dolt sql-server` (the dolt binary, whatever its directory, running sql-server). */
export function isDoltServerCommand(args: readonly string[]): boolean {
  const program = args[0] ?? '';
  return program.slice(program.lastIndexOf('/') + 1) === 'dolt' && args.includes('sql-server');
}
