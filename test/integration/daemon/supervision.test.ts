import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, signalProcess } from '../../../src/lib/process.js';
import { makeSupervisedTown, MS, readLog, replacementAnswering, stopDaemonsAndServers, readStatus, runDaemon, waitFor, waitForLogLine, type RunningDaemon } from '../../helpers/daemon.js';
import { runGt } from '../../helpers/gt.js';
import type { TestTown } from '../../helpers/town.js';

/** A crashed (kill -9) or hung (SIGSTOP) Dolt server is found by the health check and replaced by the daemon. */


let town: TestTown;
let daemon: RunningDaemon;
const serverPids = new Set<number>();

function currentServerPid(): number {
  const pid = town.serverPid();
  if (pid === null) throw new Error('no daemon/dolt.pid');
  serverPids.add(pid);
  return pid;
}

/** Waits until a server other than `previous` runs and the daemon reports the town Healthy again. */
async function replacementOf(previous: number): Promise<number> {
  return waitFor(
    'a healthy replacement server',
    () => {
      const status = readStatus(town.root);
      const pid = status?.server?.pid;
      return status?.health === 'Healthy' && status.server?.state === 'running' && pid != null && pid !== previous ? pid : undefined;
    },
    45_000,
  );
}

beforeAll(async () => {
  town = await makeSupervisedTown([{ name: 'wyvern' }], {
    restart_delay: 200 * MS,
    max_restart_delay: 2000 * MS,
    restart_window: 60_000 * MS,
    max_restarts_in_window: 5,
    healthy_reset_interval: 60_000 * MS,
  });
  daemon = await runDaemon(town.root, ['--health-interval', '500ms']);
  currentServerPid();
});

afterAll(async () => {
  expect(await stopDaemonsAndServers([daemon?.pid], town, serverPids)).toEqual([]);
});

test('kill -9 of the server: the daemon restarts it and rows committed before the kill are still there', async () => {
  await town.query('CREATE TABLE beads (id VARCHAR(20) PRIMARY KEY, title TEXT)', 'wyvern');
  await town.query("INSERT INTO beads VALUES ('wy-1', 'first'), ('wy-2', 'second')", 'wyvern');
  await town.query("CALL DOLT_COMMIT('-Am', 'two beads')", 'wyvern');

  const killed = currentServerPid();
  const before = Date.now();
  signalProcess(killed, 'SIGKILL');
  const replacement = await replacementOf(killed);
  serverPids.add(replacement);
  process.stdout.write(`kill -9 → healthy replacement in ${Date.now() - before} ms\n`);

  expect(isProcessAlive(killed)).toBe(false);
  const rows = await town.query<{ id: string; title: string }>('SELECT id, title FROM beads ORDER BY id', 'wyvern');
  expect(rows).toEqual([
    { id: 'wy-1', title: 'first' },
    { id: 'wy-2', title: 'second' },
  ]);
  // "not running", or "unhealthy" when the kill lands during a health probe
  await waitForLogLine(town.root, 'the restart scheduled', (entry) => entry.event === 'health' && entry.outcome === 'restart-scheduled');
  await waitForLogLine(town.root, 'the restart converged', (entry) => entry.event === 'reconcile' && entry.triggers?.includes('restart') === true && entry.result === 'converged');
});

test('SIGSTOP of the server (a hang): detected by the health check, replaced, and the stopped process cleaned up', async () => {
  const hung = currentServerPid();
  const before = Date.now();
  signalProcess(hung, 'SIGSTOP');
  const detected = await waitFor('the hang detected', () => {
    const status = readStatus(town.root);
    return status?.server?.state === 'unhealthy' ? status : undefined;
  });
  expect(detected.health).toBe('Progressing');
  const replacement = await replacementOf(hung);
  serverPids.add(replacement);
  process.stdout.write(`SIGSTOP → healthy replacement in ${Date.now() - before} ms\n`);

  await waitFor('the stopped process gone', () => !isProcessAlive(hung), 10_000);
  await waitForLogLine(town.root, 'the hang', (entry) => entry.event === 'health' && entry.serverState === 'unhealthy');
  expect((await town.query<{ n: number }>('SELECT COUNT(*) AS n FROM beads', 'wyvern'))[0]?.n).toBe(2);
  expect(readStatus(town.root)?.supervision.restartsInWindow).toBeGreaterThanOrEqual(2);
});

test('daemon.json unparsable: a crashed server still comes back with the last known-good settings, and log and status name the error', async () => {
  const file = join(town.root, 'mayor', 'daemon.json');
  const broken = readFileSync(file, 'utf8').replace('"version": 1', '"version": 1,');
  const from = readLog(town.root).length;
  writeFileSync(file, broken);
  await waitFor('the config error in the status', () => readStatus(town.root)?.lastError?.kind === 'config');

  const killed = currentServerPid();
  signalProcess(killed, 'SIGKILL');
  const replacement = await replacementAnswering(town, killed, 45_000);
  serverPids.add(replacement);
  expect((await town.query<{ n: number }>('SELECT COUNT(*) AS n FROM beads', 'wyvern'))[0]?.n).toBe(2);

  const announced = await waitForLogLine(town.root, 'the last known-good restart', (entry) => entry.event === 'last-known-good', from);
  expect(announced.configErrors).toEqual([{ file, line: expect.any(Number), column: expect.any(Number) }]);
  const [where] = announced.configErrors as { line: number; column: number }[];
  const location = `${file}:${where?.line}:${where?.column}`;
  await waitForLogLine(town.root, 'the start', (entry) => entry.event === 'action' && entry.kind === 'server' && entry.status === 'done', from);
  const status = await waitFor('the status after the restart', () => {
    const current = readStatus(town.root);
    return current?.lastKnownGoodAt != null && current.server?.state === 'running' ? current : undefined;
  });
  expect(status).toMatchObject({ health: 'Stalled', lastError: { kind: 'config', locations: [{ file, line: where?.line, column: where?.column }] } });
  expect(status.message).toContain(location);
  expect(status.message).toContain('last known-good settings');
  const text = await runGt(['daemon', 'status', '--town', town.root]);
  expect(text.stdout).toMatch(/Health: +Stalled — the config is invalid/);
  expect(text.stdout).toContain(location);
  expect(text.stdout).toContain('with the last known-good settings');
  // The operator's file is left as they wrote it.
  expect(readFileSync(file, 'utf8')).toBe(broken);
});
