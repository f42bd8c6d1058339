import { chmodSync, closeSync, existsSync, fchmodSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { DesiredDatabase, ServerSettings } from '../config/desired.js';
import { renderServerConfigYaml } from '../config/server-config-yaml.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { clientHost, withAddress } from '../lib/connect.js';
import { doltBinary } from '../lib/dolt-binary.js';
import {
  recordServerStopped,
  removePidFile,
  writePidFile,
  writeServerState,
} from '../lib/dolt-runtime-files.js';
import { terminateProcess } from '../lib/process.js';
import { listDatabasesOnDisk } from '../observe/databases-on-disk.js';
import type { ObservedServer } from '../observe/observed.js';
import { probeServerHealth } from '../observe/server-health.js';
import { inspectServer } from '../observe/server-process.js';
import type { DrainOutcome } from './drain-decision.js';
import { moveAsideIncomplete } from './incomplete-databases.js';
import { serverConfigIn, townPaths } from '../lib/town-layout.js';
import { drainClients } from './server-drain.js';
import { prepareServerRoot } from './server-root.js';
import { processEnvironment } from '../observe/proc.js';
import { doltRootOf } from '../observe/server-root.js';

/** A probe of a server not yet listening is refused at once; polling often shortens a restart's gap for agents. */
const READY_POLL_MS = 25;
const READY_BASE_MS = 30_000;
const READY_PER_DATABASE_MS = 5_000;
const LOG_TAIL_LINES = 20;
/** The longest a planned stop waits for clients to be between transactions before it stops the server anyway. */
export const DRAIN_BOUND_MS = 10_000;

export interface StopOptions {
  /** Also stop a server on the port that is not this town's. */
  force?: boolean;
  /**
   * How long to wait at most for the clients to be between transactions before SIGTERM (default DRAIN_BOUND_MS).
   * Idle connections do not count: only statements running or run in the last moments do.
   */
  drainMs?: number;
  /** Told once when the stop has to wait for busy clients, with what it waits for and for how long at most. */
  onWaiting?: (message: string) => void;
  /** How long to wait after SIGTERM before SIGKILL (default 30 s). */
  killAfterMs?: number;
}

export interface StartOptions {
  /** Databases the server will load: the readiness timeout grows with them (default: those on disk). */
  databaseCount?: number;
  /**
   * Declared databases whose directories an interrupted create left incomplete are moved aside (to
   * `<data_dir>/.gt-incomplete/`) before the server loads the data dir, so they can be created again.
   */
  moveAsideIncomplete?: readonly string[];
  /**
   * The root the server had before, which seeds its own root at its first start (see prepareServerRoot); default:
   * the root gt's own environment gives Dolt.
   */
  seedRootFrom?: string | null;
}

/** How a server for these declared databases starts: the same for `gt apply`, the daemon and `gt dolt start`. */
export function startOptionsFor(databases: readonly DesiredDatabase[]): StartOptions {
  return {
    databaseCount: databases.length,
    moveAsideIncomplete: databases.filter((database) => database.ensure === 'present').map((database) => database.name),
  };
}

/** gt starts and stops only a server it supervises: never an external one, nor one Gas Town's daemon supervises. */
function assertManaged(settings: ServerSettings, verb: string): void {
  const { value, source } = settings.supervisor;
  if (value === 'gt') return;
  const address = `${clientHost(settings)}:${settings.port.value}`;
  throw new Error(
    value === 'external'
      ? `Dolt server is external (${address}, from ${source}) — gt does not ${verb} it`
      : `Dolt server is supervised by Gas Town's daemon (${address}, supervisor from ${source}) — gt does not ${verb} it; ` +
          'set spec.server.supervisor: gt in the Town manifest to let gt run it',
  );
}

function describeHolder(observed: Extract<ObservedServer, { state: 'imposter' }>): string {
  const who = observed.pid === null ? 'an unidentified process' : `PID ${observed.pid}`;
  return `${who}${observed.command === null ? '' : ` (${observed.command})`}`;
}

/** The managed config.yaml, written atomically with mode 0600 (it may name a password one day). */
function writeServerConfig(settings: ServerSettings): string {
  const path = serverConfigIn(settings.dataDir.value);
  if (existsSync(path)) chmodSync(path, 0o600); // writeFileAtomic keeps an existing file's mode
  writeFileAtomic(path, renderServerConfigYaml(settings), 0o600);
  return path;
}

/** Opens the server log for appending (mode 0600) and returns its fd and current size, where this run's output starts. */
function openLog(logFile: string): { fd: number; offset: number } {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a', 0o600);
  fchmodSync(fd, 0o600);
  return { fd, offset: fstatSync(fd).size };
}

/** The last lines the server wrote since `offset`, without terminal colour codes. */
function logTail(logFile: string, offset: number): string {
  let text = '';
  try {
    const fd = openSync(logFile, 'r');
    try {
      const length = Math.max(0, fstatSync(fd).size - offset);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, offset);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '(no server log)';
  }
  const lines = text.replace(/\u001b\[[0-9;]*m/g, '').trimEnd().split('\n');
  return lines.slice(-LOG_TAIL_LINES).join('\n') || '(the server wrote nothing)';
}

interface Spawned {
  pid: number;
  /** Set once the process has exited: its exit code, or the signal that ended it. */
  exit: () => string | null;
}

/** Starts `dolt sql-server --config <config>` detached in its own process group, outliving gt. */
async function spawnServer(settings: ServerSettings, configPath: string, logFd: number): Promise<Spawned> {
  // The child gets the log's fd itself (no pipe through gt, which exits long before the server). execa's types list
  // only small literal fds, while at run time it hands any fd number to the child unchanged.
  const logOutput = logFd as 3;
  const child = execa(doltBinary(), ['sql-server', '--config', configPath], {
    cwd: settings.dataDir.value,
    env: { TZ: 'UTC', DOLT_DISABLE_EVENT_FLUSH: '1', DOLT_ROOT_PATH: settings.rootPath.value },
    stdin: 'ignore',
    stdout: logOutput,
    stderr: logOutput,
    detached: true,
    cleanup: false,
    reject: false,
  });
  child.unref();
  let exit: string | null = null;
  void child.then((result) => {
    exit = result.signal ? `killed by ${result.signal}` : `exit code ${String(result.exitCode)}`;
  });
  if (child.pid === undefined) {
    const result = await child;
    throw new Error(`could not start ${doltBinary()}: ${result.shortMessage}`);
  }
  return { pid: child.pid, exit: () => exit };
}

/** Null once the server answers SQL; else why it did not (it exited, or the timeout passed). */
async function waitUntilReady(
  settings: ServerSettings,
  spawned: Spawned,
  timeoutMs: number,
): Promise<{ failure: string; exited: boolean } | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = spawned.exit();
    if (exit !== null) return { failure: `exited during startup (${exit})`, exited: true };
    if ((await probeServerHealth(settings, 1000)).ok) return null;
    if (Date.now() >= deadline) {
      return { failure: `was not ready after ${Math.round(timeoutMs / 1000)} s`, exited: false };
    }
    await sleep(READY_POLL_MS);
  }
}

/** The pid of this town's server when it already runs; null when it is stopped. Throws for anything gt may not start over. */
function runningPid(settings: ServerSettings, observed: ObservedServer): number | null {
  const port = settings.port.value;
  switch (observed.state) {
    case 'running':
      if (observed.pid === null) throw new Error(`Dolt server on port ${port} has no known pid`);
      return observed.pid;
    case 'imposter':
      throw new Error(
        `port ${port} is already in use by ${describeHolder(observed)}, which is not this town's Dolt server ` +
          `(${settings.dataDir.value}); gt stops nothing it does not own. Stop that process or choose another port ` +
          `(GT_DOLT_PORT in mayor/daemon.json env).`,
      );
    case 'unhealthy':
      throw new Error(`Dolt server PID ${String(observed.pid)} is not healthy (${observed.reason}); restart it`);
    case 'stopped':
      return null;
  }
}

/**
 * Starts this town's Dolt server unless it already runs (then returns its pid, changing nothing). Refuses when the
 * port is held by a process that is not this town's server (kills nothing) and when the server is hung (restart
 * it). Writes the managed config.yaml, the pid and state files, and waits until the server answers SQL; a server
 * that exits or never gets ready is reported with the tail of its log (and stopped).
 */
export async function startServer(
  townRoot: string,
  settings: ServerSettings,
  options: StartOptions = {},
): Promise<{ pid: number; movedAside: string[] }> {
  assertManaged(settings, 'start');
  const port = settings.port.value;
  const running = runningPid(settings, await inspectServer(townRoot, settings));
  if (running !== null) return { pid: running, movedAside: [] };

  const dataDir = settings.dataDir.value;
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(townPaths(townRoot).daemonDir, { recursive: true });
  removePidFile(townRoot);
  const movedAside = moveAsideIncomplete(dataDir, options.moveAsideIncomplete ?? []);
  prepareServerRoot(settings.rootPath.value, options.seedRootFrom === undefined ? doltRootOf(process.env) : options.seedRootFrom);
  const configPath = writeServerConfig(settings);
  const databases = listDatabasesOnDisk(dataDir);
  const log = openLog(settings.logFile.value);
  let spawned: Spawned;
  try {
    spawned = await spawnServer(settings, configPath, log.fd);
  } finally {
    closeSync(log.fd);
  }

  const { pid } = spawned;
  try {
    writePidFile(townRoot, pid);
    writeServerState(townRoot, {
      running: true,
      pid,
      port,
      started_at: new Date().toISOString(),
      data_dir: dataDir,
      databases,
    });
  } catch (error) {
    await terminateProcess(pid, 5_000);
    throw error;
  }

  const timeoutMs = READY_BASE_MS + READY_PER_DATABASE_MS * (options.databaseCount ?? databases.length);
  const notReady = await waitUntilReady(settings, spawned, timeoutMs);
  if (notReady !== null) {
    if (!notReady.exited) await terminateProcess(pid, 5_000);
    recordServerStopped(townRoot);
    throw new Error(
      `Dolt server (PID ${pid}, port ${port}) ${notReady.failure}; log ${settings.logFile.value}:\n` +
        logTail(settings.logFile.value, log.offset),
    );
  }
  return { pid, movedAside };
}

/**
 * Stops this town's Dolt server: waits until its clients are between transactions (up to `drainMs`; Dolt would
 * otherwise cancel a COMMIT in flight, and its client see an error for a transaction that may have committed),
 * SIGTERM, SIGKILL after `killAfterMs`, then removes the pid file and marks the state stopped. `drain` says how the
 * wait ended (null when the server was not running or not this town's). A server on the port that is not this
 * town's is refused unless `force`. Stopping a stopped server only tidies stale files.
 */
export async function stopServer(
  townRoot: string,
  settings: ServerSettings,
  options: StopOptions = {},
): Promise<{ stopped: boolean; pid: number | null; drain: DrainOutcome | null; root: string | null }> {
  assertManaged(settings, 'stop');
  const observed = await inspectServer(townRoot, settings);
  if (observed.state === 'stopped') {
    recordServerStopped(townRoot);
    return { stopped: false, pid: null, drain: null, root: null };
  }
  if (observed.state === 'imposter' && !options.force) {
    throw new Error(
      `port ${settings.port.value} is held by ${describeHolder(observed)}, which is not this town's Dolt server ` +
        `(${settings.dataDir.value}); refusing to stop it without --force`,
    );
  }
  if (observed.pid === null) {
    throw new Error(`cannot tell which process serves port ${settings.port.value}; nothing was stopped`);
  }
  // The drain works on the address the server answers on now, which a restart for a new host or port is leaving.
  const drain =
    observed.state === 'running'
      ? await drainClients(withAddress(settings, observed.host, observed.port), options.drainMs ?? DRAIN_BOUND_MS, options.onWaiting)
      : null;
  const environment = processEnvironment(observed.pid);
  await terminateProcess(observed.pid, options.killAfterMs ?? 30_000);
  recordServerStopped(townRoot);
  return { stopped: true, pid: observed.pid, drain, root: environment === null ? null : doltRootOf(environment) };
}

/**
 * Stop, then start: for a changed config.yaml, databases on disk the server does not serve, or a hung server
 * (a stopped or deadlocked process gets SIGKILL once `killAfterMs` has passed).
 */
export async function restartServer(
  townRoot: string,
  settings: ServerSettings,
  options: StartOptions & Omit<StopOptions, 'force'> = {},
): Promise<{ pid: number; previousPid: number | null; movedAside: string[]; drain: DrainOutcome | null }> {
  const stopped = await stopServer(townRoot, settings, options);
  const seedRootFrom = stopped.root ?? doltRootOf(process.env);
  const { pid, movedAside } = await startServer(townRoot, settings, { ...options, seedRootFrom });
  return { pid, previousPid: stopped.pid, movedAside, drain: stopped.drain };
}
