import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive, signalProcess, waitForExit } from '../lib/process.js';
import { DaemonAlreadyRunningError, readDaemonPid } from './pid-file.js';
import { readDaemonStatus } from './status-file.js';
import { townPaths } from '../lib/town-layout.js';

const POLL_MS = 100;

/**
 * `gt daemon start`: runs `gt <runArgs>` (a `daemon run` command line) detached, in its own session, and waits
 * until it has claimed the pid file and written its first status. Refuses when a daemon already runs.
 */
export async function startDaemonInBackground(
  townRoot: string,
  runArgs: string[],
  options: { readyTimeoutMs?: number } = {},
): Promise<{ pid: number }> {
  const running = readDaemonPid(townRoot);
  if (running !== null) throw new DaemonAlreadyRunningError(running);
  const paths = townPaths(townRoot);
  mkdirSync(paths.daemonDir, { recursive: true });
  const stderrPath = paths.reconcilerStderr;
  const stderr = openSync(stderrPath, 'w', 0o600);
  let pid: number | undefined;
  try {
    const child = spawn(process.execPath, [process.argv[1] as string, ...runArgs], {
      detached: true,
      stdio: ['ignore', 'ignore', stderr],
      env: process.env,
    });
    child.unref();
    pid = child.pid;
  } finally {
    closeSync(stderr);
  }
  if (pid === undefined) throw new Error(`could not start ${process.execPath}`);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  for (;;) {
    if (!isProcessAlive(pid)) {
      const output = readFileSync(stderrPath, 'utf8').trim();
      throw new Error(`gt daemon (PID ${pid}) exited during startup${output ? `:\n${output}` : ` (see ${stderrPath})`}`);
    }
    if (readDaemonPid(townRoot) === pid && readDaemonStatus(townRoot).status?.daemon.pid === pid) return { pid };
    if (Date.now() >= deadline) {
      throw new Error(`gt daemon (PID ${pid}) started but reported no status within ${Math.round((options.readyTimeoutMs ?? 15_000) / 1000)} s; see ${stderrPath}`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * `gt daemon stop`: SIGTERM to the town's daemon, then waits for it to exit (it finishes the action in flight
 * first). Stopping a daemon that does not run changes nothing.
 */
export async function stopDaemon(townRoot: string, timeoutMs: number): Promise<{ pid: number | null }> {
  const pid = readDaemonPid(townRoot);
  if (pid === null) return { pid: null };
  signalProcess(pid, 'SIGTERM');
  if (!(await waitForExit(pid, timeoutMs))) {
    throw new Error(`gt daemon (PID ${pid}) did not exit within ${Math.round(timeoutMs / 1000)} s of SIGTERM; it may be finishing a long action — try again, or kill it`);
  }
  return { pid };
}
