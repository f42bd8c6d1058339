import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, signalProcess } from '../../../src/lib/process.js';
import { readLog, readStatus, runDaemon, stopDaemonsAndServers, waitFor } from '../../helpers/daemon.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, rigYaml, type TestTown } from '../../helpers/town.js';

/** `gt daemon start|stop|status` as an operator uses them: one daemon per town, and nothing left after a stop. */

let town: TestTown;
const daemonPids = new Set<number>();
const serverPids = new Set<number>();

function daemonPidFile(): number | null {
  try {
    return Number(readFileSync(join(town.root, 'daemon', 'gt-reconciler.pid'), 'utf8').trim());
  } catch {
    return null;
  }
}

async function start(...flags: string[]): Promise<number> {
  const result = await runGt(['daemon', 'start', '--town', town.root, '--health-interval', '500ms', ...flags]);
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  const pid = Number(/PID (\d+)/.exec(result.stdout)?.[1]);
  daemonPids.add(pid);
  expect(daemonPidFile()).toBe(pid);
  await waitFor('the first reconcile', () => readStatus(town.root)?.lastReconcile?.result === 'converged');
  const server = town.serverPid();
  if (server !== null) serverPids.add(server);
  return pid;
}

beforeAll(async () => {
  town = await makeTown([{ name: 'wyvern' }]);
});

afterAll(async () => {
  expect(await stopDaemonsAndServers(daemonPids, town, serverPids)).toEqual([]);
});

test('start runs it in the background; a second start or run is refused; status reports it', async () => {
  const pid = await start();
  expect(isProcessAlive(pid)).toBe(true);
  expect((await town.query<{ Database: string }>('SHOW DATABASES')).map((r) => r.Database)).toEqual(expect.arrayContaining(['hq', 'wyvern']));

  const again = await runGt(['daemon', 'start', '--town', town.root]);
  expect(again.exitCode).toBe(2);
  expect(again.stderr).toContain(`gt: gt daemon is already running for this town (PID ${pid})`);
  const foreground = await runGt(['daemon', 'run', '--town', town.root]);
  expect(foreground.exitCode).toBe(2);
  expect(foreground.stderr).toContain(`already running for this town (PID ${pid})`);
  expect(daemonPidFile()).toBe(pid);

  const status = await runGt(['daemon', 'status', '--town', town.root]);
  expect(status.exitCode).toBe(0);
  expect(status.stdout).toContain(`gt daemon is running (PID ${pid}`);
});

test('stop: the daemon exits, the Dolt server keeps running (the default)', async () => {
  const pid = daemonPidFile() as number;
  const server = town.serverPid() as number;
  const stopped = await runGt(['daemon', 'stop', '--town', town.root]);
  expect(stopped).toMatchObject({ exitCode: 0, stdout: `gt daemon stopped (PID ${pid})` });
  expect(isProcessAlive(pid)).toBe(false);
  expect(existsSync(join(town.root, 'daemon', 'gt-reconciler.pid'))).toBe(false);
  expect(isProcessAlive(server)).toBe(true);
  expect(readStatus(town.root)?.daemon.stopped).toBe(true);

  const again = await runGt(['daemon', 'stop', '--town', town.root]);
  expect(again).toMatchObject({ exitCode: 0, stdout: 'gt daemon is not running' });
});

test('start -f DIR: the background daemon reads its manifests from DIR, given relative to where start ran', async () => {
  const dir = join(town.root, 'other-rigs');
  mkdirSync(dir);
  writeFileSync(join(dir, 'kestrel.yaml'), rigYaml({ name: 'kestrel' }));
  const result = await runGt(['daemon', 'start', '--town', town.root, '--health-interval', '500ms', '-f', 'other-rigs'], { cwd: town.root });
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  daemonPids.add(Number(/PID (\d+)/.exec(result.stdout)?.[1]));
  await waitFor('database kestrel', async () => (await town.query<{ Database: string }>('SHOW DATABASES')).some((row) => row.Database === 'kestrel'));
  const status = await waitFor('a converged reconcile of kestrel', () => {
    const current = readStatus(town.root);
    return current?.lastReconcile?.result === 'converged' && current.resources.some((r) => r.id === 'database/kestrel') ? current : undefined;
  });
  expect(status.daemon.watching).toContain(dir);
  expect(status.daemon.watching).not.toContain(join(town.root, 'mayor', 'rigs.d'));
  expect(await runGt(['daemon', 'stop', '--town', town.root])).toMatchObject({ exitCode: 0 });
});

test('with --stop-server-on-exit, after gt daemon stop no daemon and no server is left', async () => {
  const pid = await start('--stop-server-on-exit');
  const server = town.serverPid() as number;
  expect(isProcessAlive(server)).toBe(true);
  expect(await runGt(['daemon', 'stop', '--town', town.root])).toMatchObject({ exitCode: 0 });
  expect(isProcessAlive(pid)).toBe(false);
  expect(isProcessAlive(server)).toBe(false);
  expect(town.serverPid()).toBeNull();
  expect(readLog(town.root).some((entry) => entry.event === 'server-stop' && entry.message.includes(`stopped the Dolt server (PID ${server})`))).toBe(true);
});

test('a foreground run after a daemon died without cleaning up takes over its stale pid file', async () => {
  writeFileSync(join(town.root, 'daemon', 'gt-reconciler.pid'), '999999\n');
  const daemon = await runDaemon(town.root, ['--health-interval', '500ms', '--stop-server-on-exit']);
  daemonPids.add(daemon.pid);
  const server = town.serverPid();
  if (server !== null) serverPids.add(server);
  expect(daemonPidFile()).toBe(daemon.pid);
  expect(await daemon.stop()).toBe(0);
  expect(server !== null && isProcessAlive(server)).toBe(false);
});

test('SIGTERM during an action: the action in flight finishes, then the daemon exits 0 and releases the lock', async () => {
  const daemonJson = join(town.root, 'mayor', 'daemon.json');
  const config = JSON.parse(readFileSync(daemonJson, 'utf8')) as { patrols: Record<string, unknown> };
  config.patrols.dolt_server = { restart_delay: 100_000_000 }; // 100 ms, in Go nanoseconds
  writeFileSync(daemonJson, JSON.stringify(config, null, 2));
  const daemon = await runDaemon(town.root, ['--health-interval', '500ms', '--log-level', 'debug']);
  daemonPids.add(daemon.pid);
  const hung = town.serverPid() as number;
  serverPids.add(hung);
  signalProcess(hung, 'SIGSTOP'); // its restart takes seconds: long enough to stop the daemon in the middle of it
  await waitFor('the restart to begin', () => readLog(town.root).some((e) => e.event === 'action-start' && (e.planned as { kind: string; verb: string }[]).some((a) => a.kind === 'server' && a.verb === 'restart')), 30_000);
  signalProcess(daemon.pid, 'SIGTERM');
  expect((await daemon.child).exitCode).toBe(0);

  const log = readLog(town.root);
  const stopping = log.findIndex((e) => e.event === 'stopping');
  const restarted = log.findIndex((e) => e.event === 'action' && e.kind === 'server' && e.verb === 'restart' && e.status === 'done');
  expect(stopping).toBeGreaterThan(-1);
  expect(restarted).toBeGreaterThan(stopping);
  const replacement = town.serverPid() as number;
  serverPids.add(replacement);
  expect(replacement).not.toBe(hung);
  expect(isProcessAlive(replacement)).toBe(true);
  expect(isProcessAlive(hung)).toBe(false);
  expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(false);
  expect((await town.query<{ n: number }>('SELECT 1 AS n'))[0]?.n).toBe(1);
});
