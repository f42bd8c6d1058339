import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { isGtDaemonCommand, isProcessAlive } from '../lib/process.js';
import { processArgs } from '../observe/proc.js';
import { townPaths } from '../lib/town-layout.js';

/** Whether `pid` is a `gt daemon run` (and not a process that reused the pid of a dead daemon). */
function isDaemonProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  const args = processArgs(pid);
  if (args === null) return true; // cannot inspect it (another user's): assume it is what the file says
  return isGtDaemonCommand(args);
}

function readPid(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^[1-9][0-9]*$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** The pid of the town's running daemon; null when none runs (a stale pid file counts as none). */
export function readDaemonPid(townRoot: string): number | null {
  const pid = readPid(townPaths(townRoot).reconcilerPid);
  return pid !== null && isDaemonProcess(pid) ? pid : null;
}

export class DaemonAlreadyRunningError extends Error {
  constructor(readonly pid: number) {
    super(`gt daemon is already running for this town (PID ${pid}); stop it with \`gt daemon stop\``);
    this.name = 'DaemonAlreadyRunningError';
  }
}

/**
 * Records this process as the town's daemon (exclusive create, so two daemons starting at once cannot both win);
 * a pid file left by a dead daemon is replaced. Returns `release`, which removes the file if it is still ours.
 */
export function claimDaemonPidFile(townRoot: string): () => void {
  const { reconcilerPid: path, daemonDir } = townPaths(townRoot);
  mkdirSync(daemonDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(path);
      if (holder !== null && holder !== process.pid && isDaemonProcess(holder)) throw new DaemonAlreadyRunningError(holder);
      if (attempt > 0) throw new Error(`cannot claim ${path}: another daemon is starting at the same time`);
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return () => {
      if (readPid(path) === process.pid) rmSync(path, { force: true });
    };
  }
}
