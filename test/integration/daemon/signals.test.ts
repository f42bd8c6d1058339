import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { TownStatus } from '../../../src/cli/status.js';
import { isProcessAlive, signalProcess } from '../../../src/lib/process.js';
import { readLog, readStatus, reconcilesSince, runDaemon, stopDaemonsAndServers, waitFor, type RunningDaemon } from '../../helpers/daemon.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/**
 * A running `gt daemon run` as `gt status` and `gt daemon status` show it; a SIGHUP reconcile that cannot get the
 * applier lock (it throws) and still logs its one line with duration and counts; then stopped with Ctrl-C (SIGINT)
 * the way an operator stops a foreground daemon: it exits 0, releases the lock and leaves the Dolt server running.
 */

let town: TestTown;
let daemon: RunningDaemon;
const serverPids = new Set<number>();

beforeAll(async () => {
  town = await makeTown([{ name: 'wyvern' }]);
  // Converged first, so the daemon's start-up reconcile is its only one (it has nothing to write to daemon.json, whose
  // change would trigger another) and the last reconcile stays the same while the tests read it.
  const apply = await runGt(['apply', '--town', town.root]);
  if (apply.exitCode !== 0) throw new Error(`gt apply failed: ${apply.stderr}`);
  const server = town.serverPid();
  if (server !== null) serverPids.add(server);
  daemon = await runDaemon(town.root, ['--health-interval', '500ms', '--resync-interval', '10m', '--lock-timeout', '500ms']);
});

const lockPath = (): string => join(town.root, 'daemon', 'gt.lock');

afterAll(async () => {
  if (town !== undefined) rmSync(lockPath(), { force: true });
  expect(await stopDaemonsAndServers([daemon?.pid], town, serverPids)).toEqual([]);
});

test('gt status with a running daemon: running, its pid, health and the last reconcile (text and JSON)', async () => {
  const status = await waitFor('a Healthy status', () => {
    const current = readStatus(town.root);
    return current?.health === 'Healthy' ? current : undefined;
  });
  const last = status.lastReconcile;
  expect(last).toMatchObject({ triggers: ['startup'], result: 'converged', actions: { done: 0, failed: 0, remaining: 0, blocked: 0 } });
  if (last === null) throw new Error('no last reconcile');

  // (stderr carries the config's warnings: lifecycle defaults with no effect on this machine)
  const json = await runGt(['status', '--town', town.root, '-o', 'json']);
  expect(json.exitCode).toBe(0);
  expect((JSON.parse(json.stdout) as TownStatus).daemon).toEqual({
    running: true,
    pid: daemon.pid,
    health: 'Healthy',
    sync: 'InSync',
    lastReconcile: { at: last.startedAt, result: 'converged', durationMs: last.durationMs },
    lastError: null,
    // gt init's daemon.json enables Gas Town's doctor_dog: the daemon runs gt doctor's checks every 5m
    doctor: expect.objectContaining({ enabled: true, intervalMs: 300_000, reason: null }),
  });

  const text = await runGt(['status', '--town', town.root]);
  expect(text.exitCode).toBe(0);
  expect(text.stdout).toContain(
    `Daemon    running (pid ${daemon.pid}), health Healthy; last reconcile ${last.startedAt} converged in ${last.durationMs} ms`,
  );
  expect(text.stdout).not.toContain('last error');
});

test('gt daemon status with a running daemon: pid, server, and the last reconcile with its action counts (text and JSON)', async () => {
  const status = readStatus(town.root);
  const last = status?.lastReconcile;
  if (status === null || last === null || last === undefined) throw new Error('no status with a last reconcile');
  const a = last.actions;

  const text = await runGt(['daemon', 'status', '--town', town.root]);
  expect(text).toMatchObject({ exitCode: 0, stderr: '' });
  expect(text.stdout).toContain(`gt daemon is running (PID ${daemon.pid}, since ${status.daemon.startedAt})`);
  expect(text.stdout).toMatch(new RegExp(`Server: +running \\(PID ${town.serverPid()}\\), port ${town.port};`));
  expect(text.stdout).toMatch(
    new RegExp(`Last reconcile: converged, \\d+ s ago \\(startup\\), ${last.durationMs} ms: ${a.done} done, ${a.failed} failed, ${a.skipped} skipped, ${a.remaining} remaining`),
  );

  const json = await runGt(['daemon', 'status', '--town', town.root, '-o', 'json']);
  expect(json).toMatchObject({ exitCode: 0, stderr: '' });
  expect(JSON.parse(json.stdout)).toMatchObject({
    running: true,
    pid: daemon.pid,
    status: {
      daemon: { pid: daemon.pid, stopped: false },
      sync: 'InSync',
      health: 'Healthy',
      server: { state: 'running', pid: town.serverPid(), port: town.port, supervisor: 'gt' },
      lastReconcile: { startedAt: last.startedAt, result: 'converged', durationMs: last.durationMs, actions: a },
      lastError: null,
    },
  });
});

test('a reconcile that throws (the lock held by another applier) logs one line with its duration and zero counts', async () => {
  // Another applier (this test process, alive) holds the lock; the daemon waits --lock-timeout 500ms and gives up.
  writeFileSync(
    lockPath(),
    JSON.stringify({ pid: process.pid, command: 'gt apply', started_at: new Date().toISOString(), hostname: hostname(), token: 'test' }),
  );
  try {
    const before = Date.now();
    signalProcess(daemon.pid, 'SIGHUP');
    const failed = await waitFor('the reconcile that could not get the lock', () => reconcilesSince(town.root, before).find((e) => e.result === 'error' && e.triggers?.includes('signal')));
    expect(failed).toMatchObject({
      level: 'error',
      triggers: ['signal'],
      actions: { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 },
      error: { class: 'transient', kind: 'lock' },
    });
    expect((failed.error as { message: string }).message).toMatch(new RegExp(`lock .* is held by PID ${process.pid}`));
    const status = await waitFor('the failed reconcile in the status', () => {
      const current = readStatus(town.root);
      return current?.lastReconcile?.result === 'error' && !current.lastReconcile.triggers.includes('startup') ? current : undefined;
    });
    expect(status).toMatchObject({ health: 'Degraded', lastError: { class: 'transient', kind: 'lock' } });
    // The status file's last reconcile (this one, or a retry of it while the lock is still held) has its log line.
    const last = status.lastReconcile;
    const line = await waitFor('the log line of the last reconcile', () =>
      reconcilesSince(town.root, before).find((e) => e.result === 'error' && e.durationMs === last?.durationMs && e.triggers?.join() === last?.triggers.join()),
    );
    expect(line.actions).toEqual(last?.actions);
  } finally {
    rmSync(lockPath(), { force: true });
  }
  // The lock free again, the next reconcile (a retry, or this SIGHUP's) converges.
  const freed = Date.now();
  signalProcess(daemon.pid, 'SIGHUP');
  await waitFor('a converged reconcile', () => reconcilesSince(town.root, freed).find((e) => e.result === 'converged'));
  await waitFor('Healthy again', () => readStatus(town.root)?.health === 'Healthy');
});

test('SIGINT: exit 0, the lock and pid file released, the Dolt server left running', async () => {
  const serverPid = town.serverPid();
  expect(serverPid).not.toBeNull();
  signalProcess(daemon.pid, 'SIGINT');
  const result = await daemon.child;
  expect(result.exitCode).toBe(0);
  expect(isProcessAlive(daemon.pid)).toBe(false);
  expect(serverPid !== null && isProcessAlive(serverPid)).toBe(true);
  expect((await town.query<{ n: number }>('SELECT 1 AS n'))[0]?.n).toBe(1);

  const log = readLog(town.root);
  expect(log.some((entry) => entry.event === 'stopping' && entry.signal === 'SIGINT')).toBe(true);
  expect(log.at(-1)).toMatchObject({ event: 'stopped' });
  expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(false);
  expect(existsSync(join(town.root, 'daemon', 'gt-reconciler.pid'))).toBe(false);
  expect(readStatus(town.root)?.daemon).toMatchObject({ pid: daemon.pid, stopped: true });

  const status = await runGt(['daemon', 'status', '--town', town.root]);
  expect(status.exitCode).toBe(1);
  expect(status.stdout).toContain('gt daemon is not running');
  // The lock is free: an apply runs at once (and finds nothing to do), and the server it sees is the same one.
  const apply = await runGt(['apply', '--town', town.root, '--lock-timeout', '1']);
  expect(apply.exitCode).toBe(0);
  expect(town.serverPid()).toBe(serverPid);
});
