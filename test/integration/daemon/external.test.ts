import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, signalProcess, waitForExit } from '../../../src/lib/process.js';
import { processArgs, processCwd } from '../../../src/observe/proc.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';
import { killDaemon, readLog, readStatus, reconcilesSince, runDaemon, waitFor, type RunningDaemon } from '../../helpers/daemon.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/**
 * `patrols.dolt_server.external: true` (docs/configuration.md): the Dolt server is someone else's. gt converges what
 * it declares *on* that server (databases, remotes, ignore patterns) but only probes the server itself: it never
 * starts, restarts or stops it (plan-server.ts: "gt never starts or restarts an external server"). When the external
 * server goes away the daemon reports it down and waits for it.
 */

let external: TestServer;
let town: TestTown;
let daemon: RunningDaemon | undefined;

/** Processes (other than `except`) running in the town's directory or naming it on their command line: a server gt started would be one. */
function processesOfTown(except: number[]): { pid: number; args: string }[] {
  const found: { pid: number; args: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid || except.includes(pid) || !isProcessAlive(pid)) continue;
    const args = processArgs(pid);
    const cwd = processCwd(pid);
    if (args === null) continue;
    const inTown = (cwd !== null && cwd.startsWith(town.root)) || args.some((arg) => arg.includes(town.root));
    if (inTown) found.push({ pid, args: args.join(' ') });
  }
  return found;
}

function isDoltServer(args: string): boolean {
  return /\bdolt\b.*\bsql-server\b/.test(args);
}

beforeAll(async () => {
  external = await startDoltServer();
  town = await makeTown([], {
    port: external.port,
    daemon: {
      type: 'daemon-patrol-config',
      version: 1,
      env: { GT_DOLT_PORT: String(external.port) },
      patrols: { dolt_server: { external: true } },
    },
  });
  town.writeRig({ name: 'wyvern', remotes: [{ name: 'origin', url: town.remoteUrl('wyvern') }], ignore: ['scratch_*'] });
  daemon = await runDaemon(town.root, ['--health-interval', '300ms', '--resync-interval', '10m']);
});

afterAll(async () => {
  await killDaemon(daemon?.pid);
  await external?.stop();
  expect(daemon === undefined || !isProcessAlive(daemon.pid)).toBe(true);
  expect(external === undefined || !isProcessAlive(external.pid)).toBe(true);
  // Nothing gt might have started for the town is left either.
  expect(town === undefined ? [] : processesOfTown([])).toEqual([]);
});

test('on an external server it converges databases, remotes and ignore patterns, and only observes the server', async () => {
  const databases = (await external.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
  expect(databases).toEqual(expect.arrayContaining(['hq', 'wyvern']));
  expect(await external.query('SELECT name, url FROM dolt_remotes', 'wyvern')).toEqual([
    { name: 'origin', url: town.remoteUrl('wyvern') },
  ]);
  expect((await external.query<{ pattern: string }>('SELECT pattern FROM dolt_ignore', 'wyvern')).map((row) => row.pattern)).toContain('scratch_*');

  const status = await waitFor('a Healthy status', () => {
    const current = readStatus(town.root);
    return current?.health === 'Healthy' ? current : undefined;
  });
  expect(status).toMatchObject({ sync: 'InSync', server: { state: 'running', pid: null, port: external.port, supervisor: 'external' } });
  expect(status.resources.find((r) => r.id === 'database/wyvern')).toMatchObject({ ready: true, reason: 'InSync' });
  // gt started nothing: no pid file of its own, no config.yaml written for a server, no server action in the log.
  expect(existsSync(join(town.root, 'daemon', 'dolt.pid'))).toBe(false);
  expect(existsSync(join(town.root, '.dolt-data', 'config.yaml'))).toBe(false);
  expect(readLog(town.root).filter((entry) => entry.event === 'action' && entry.kind === 'server')).toEqual([]);
  expect(processesOfTown([]).filter((p) => isDoltServer(p.args))).toEqual([]);
});

test('the external server killed: the daemon reports it down (Degraded) and never starts a server', async () => {
  const running = daemon as RunningDaemon;
  const killedAt = Date.now();
  signalProcess(external.pid, 'SIGKILL');
  expect(await waitForExit(external.pid, 10_000)).toBe(true);

  const down = await waitFor('the server reported down', () => {
    const current = readStatus(town.root);
    return current?.server?.state === 'stopped' && Date.parse(current.server.checkedAt) >= killedAt ? current : undefined;
  });
  expect(down).toMatchObject({ health: 'Degraded', sync: 'OutOfSync', server: { pid: null, port: external.port, supervisor: 'external' } });
  expect(down.message).toBe(`the server is not running on port ${external.port}`);
  expect(down.supervision).toMatchObject({ nextRestartAt: null, restartsInWindow: 0, stalled: false });

  // A reconcile asked for now (SIGHUP) finds the server unreachable and does nothing about it.
  const hup = Date.now();
  signalProcess(running.pid, 'SIGHUP');
  const reconcile = await waitFor('the reconcile after SIGHUP', () => reconcilesSince(town.root, hup).find((e) => e.triggers?.includes('signal')));
  expect(reconcile).toMatchObject({ result: 'out-of-sync', actions: { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 } });
  expect(reconcile.error).toMatchObject({ kind: 'external-server', message: expect.stringContaining('external server not reachable') });
  expect((reconcile.error as { message: string }).message).toContain('gt never starts or restarts an external server');

  // Several health checks later, still nothing started: no process in the town, no pid file, nothing on the port.
  const later = await waitFor('health checks for 1.5 s after the reconcile (five intervals)', () => {
    const current = readStatus(town.root);
    const checkedAt = current?.server?.checkedAt;
    return current?.health === 'Degraded' && checkedAt !== undefined && Date.parse(checkedAt) - hup >= 1_500 ? current : undefined;
  });
  expect(later).toMatchObject({ health: 'Degraded', server: { state: 'stopped', supervisor: 'external' }, lastError: { class: 'transient', kind: 'external-server' } });
  expect(processesOfTown([running.pid])).toEqual([]);
  expect(existsSync(join(town.root, 'daemon', 'dolt.pid'))).toBe(false);
  expect(existsSync(join(town.root, 'daemon', 'dolt-state.json'))).toBe(false);
  await expect(town.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  const log = readLog(town.root);
  expect(log.filter((entry) => entry.event === 'action' && entry.kind === 'server')).toEqual([]);
  expect(log.some((entry) => entry.event === 'health' && entry.outcome === 'not-restarted')).toBe(true);
  expect(isProcessAlive(running.pid)).toBe(true);

  const text = await runGt(['daemon', 'status', '--town', town.root]);
  expect(text.exitCode).toBe(0);
  expect(text.stdout).toMatch(new RegExp(`Health: +Degraded — the server is not running on port ${external.port}`));
  expect(text.stdout).toMatch(new RegExp(`Server: +stopped, port ${external.port}, external;`));
  expect(text.stdout).toMatch(/Last error \(transient external-server, .*\): external server not reachable/);
  const json = await runGt(['daemon', 'status', '--town', town.root, '-o', 'json']);
  expect(json.exitCode).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({
    running: true,
    pid: running.pid,
    status: { health: 'Degraded', server: { state: 'stopped', pid: null, supervisor: 'external' } },
  });
});
