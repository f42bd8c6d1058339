import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import type { DaemonStatus } from '../../src/daemon/status-file.js';
import { isProcessAlive, signalProcess, terminateProcess } from '../../src/lib/process.js';
import { freePort } from './dolt-server.js';
import { killStarted } from './town-server.js';
import { makeTown, type RigSpec, type TestTown } from './town.js';
import { townPaths } from '../../src/lib/town-layout.js';

const gtBin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'gt.js');

/** Nanoseconds in a millisecond: daemon.json's supervision durations are Go time.Durations. */
export const MS = 1_000_000;

/** A town on a free port whose daemon.json sets `patrols.dolt_server` (supervision, durations in nanoseconds). */
export async function makeSupervisedTown(rigs: RigSpec[], doltServer: Record<string, unknown>): Promise<TestTown> {
  const port = await freePort();
  return makeTown(rigs, {
    port,
    daemon: { type: 'daemon-patrol-config', version: 1, env: { GT_DOLT_PORT: String(port) }, patrols: { dolt_server: doltServer } },
  });
}

/** One JSON line of `daemon/gt-reconciler.log`. */
export interface LogEntry {
  level: string;
  message: string;
  timestamp: string;
  event?: string;
  triggers?: string[];
  result?: string;
  durationMs?: number;
  actions?: { done: number; failed: number; skipped: number; remaining: number; blocked: number };
  /** Action lines: the resource, what was done to it and how it went (`error` when it failed). */
  id?: string;
  kind?: string;
  verb?: string;
  code?: string;
  status?: 'done' | 'failed' | 'skipped';
  /** Health lines: the server's state and what the daemon does about it. */
  serverState?: string;
  outcome?: string;
  [key: string]: unknown;
}

export function readLog(townRoot: string): LogEntry[] {
  let text: string;
  try {
    text = readFileSync(townPaths(townRoot).reconcilerLog, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogEntry);
}

export function readStatus(townRoot: string): DaemonStatus | null {
  try {
    return JSON.parse(readFileSync(townPaths(townRoot).reconcilerStatus, 'utf8')) as DaemonStatus;
  } catch {
    return null;
  }
}

/** Polls `check` until it returns a value other than undefined/null/false, or fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000, pollMs = 50): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, false | undefined | null>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export interface RunningDaemon {
  pid: number;
  child: ResultPromise;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | undefined>;
}

/**
 * Starts `gt daemon run --town <root> <flags>` as a real process and waits until it has finished its first
 * reconcile. The caller stops it (stop(), or `gt daemon stop`) and kills leftovers with `killDaemon` in afterAll.
 */
export async function runDaemon(townRoot: string, flags: string[] = []): Promise<RunningDaemon> {
  const child = execa('node', [gtBin, 'daemon', 'run', '--town', townRoot, ...flags], {
    env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1' },
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
    cleanup: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('gt daemon run did not start');
  let exited = false;
  void child.then(() => (exited = true));
  await waitFor('the daemon to finish its first reconcile', () => {
    if (exited) throw new Error(`gt daemon run exited early: ${String(child.stderr)}`);
    const status = readStatus(townRoot);
    return status?.daemon.pid === pid && status.lastReconcile !== null;
  }, 60_000);
  return {
    pid,
    child,
    async stop() {
      signalProcess(pid, 'SIGTERM');
      const result = await child;
      return result.exitCode;
    },
  };
}

/** The pid of the server that replaced `killed`, once it answers SELECT 1 (the daemon restarted it). */
export function replacementAnswering(town: Pick<TestTown, 'serverPid' | 'query'>, killed: number, timeoutMs: number): Promise<number> {
  return waitFor('a new server answering SELECT 1', async () => {
    const pid = town.serverPid();
    if (pid === null || pid === killed) return undefined;
    await town.query('SELECT 1');
    return pid;
  }, timeoutMs);
}

/** Teardown: ends a daemon by pid if it still runs (SIGTERM, then SIGKILL). */
export async function killDaemon(pid: number | undefined): Promise<void> {
  if (pid !== undefined && isProcessAlive(pid)) await terminateProcess(pid, 30_000);
}

/** Log entries of reconciles that started at or after `since` (ms since the epoch). */
/**
 * The first log line (from line `from` on) that matches. winston appends to the log asynchronously, so a line can
 * land after the status file that reports its outcome: a test that saw the status waits here for the line.
 */
export function waitForLogLine(townRoot: string, what: string, matches: (entry: LogEntry) => boolean, from = 0): Promise<LogEntry> {
  return waitFor(`the log line: ${what}`, () => readLog(townRoot).slice(from).find(matches), 5_000);
}

export function reconcilesSince(townRoot: string, since: number): LogEntry[] {
  return readLog(townRoot).filter((entry) => entry.event === 'reconcile' && Date.parse(entry.timestamp) - (entry.durationMs ?? 0) >= since);
}

/**
 * A daemon test's teardown: stops its daemons, then every server it saw (the town's current one included), by pid.
 * Returns the pids still alive after that, which the test expects to be none.
 */
export async function stopDaemonsAndServers(
  daemonPids: Iterable<number | undefined>,
  town: { serverPid(): number | null } | undefined,
  serverPids: Set<number>,
): Promise<number[]> {
  const daemons = [...daemonPids].filter((pid): pid is number => pid !== undefined);
  for (const pid of daemons) await killDaemon(pid);
  const last = town?.serverPid() ?? null;
  if (last !== null) serverPids.add(last);
  await killStarted(serverPids);
  return [...daemons, ...serverPids].filter(isProcessAlive);
}
