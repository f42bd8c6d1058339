import { scaffoldDaemonConfig } from '../../../src/config/scaffold.js';
import { signalProcess } from '../../../src/lib/process.js';
import { makeSupervisedTown, readLog, replacementAnswering, stopDaemonsAndServers, runDaemon, waitForLogLine, type RunningDaemon } from '../../helpers/daemon.js';
import type { TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';

/**
 * kill -9 of the server with the supervision `gt init` writes (health check every 30 s, restart_delay 5 s): the
 * daemon notices the death itself, within its one-second liveness poll, and the first restart after a healthy
 * period waits for nothing, so agents get their server back in seconds rather than at the next health check.
 */

let town: TestTown;
let daemon: RunningDaemon;
const serverPids = new Set<number>();

/** gt init's dolt_server block, on the test's own port and directories. */
function initSupervision(): Record<string, unknown> {
  const patrols = scaffoldDaemonConfig('/unused', { port: 3310, platform: process.platform }).patrols as { dolt_server: Record<string, unknown> };
  const { port: _port, data_dir: _dataDir, log_file: _logFile, host: _host, ...supervision } = patrols.dolt_server;
  return supervision;
}

beforeAll(async () => {
  town = await makeSupervisedTown([{ name: 'wyvern' }], initSupervision());
  daemon = await runDaemon(town.root);
  const pid = town.serverPid();
  if (pid !== null) serverPids.add(pid);
});

afterAll(async () => {
  expect(await stopDaemonsAndServers([daemon?.pid], town, serverPids)).toEqual([]);
});

test('kill -9 with gt init defaults: the daemon sees the death itself and restarts at once; the agent loses no committed row', async () => {
  expect(initSupervision()).toMatchObject({ health_check_interval: 30_000_000_000, restart_delay: 5_000_000_000 });
  const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 20 });
  await writer.committedMore(5);
  const killed = town.serverPid();
  if (killed === null) throw new Error('no server pid');
  const from = readLog(town.root).length;
  signalProcess(killed, 'SIGKILL');

  const replacement = await replacementAnswering(town, killed, 60_000);
  serverPids.add(replacement);
  await writer.committedMore(5);
  const report = await writer.stop();
  expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);

  // The restart was the liveness poll's doing, not a health check's: the exit is reported with the killed pid, the
  // restart is scheduled with no delay right after it, and the reconcile that ran was triggered by the restart.
  const exited = await waitForLogLine(town.root, 'the exit noticed', (entry) => entry.event === 'server-exited', from);
  expect(exited.pid).toBe(killed);
  const lines = readLog(town.root).slice(from);
  const scheduled = lines.findIndex((entry) => entry.event === 'health' && entry.outcome === 'restart-scheduled');
  expect(scheduled).toBeGreaterThan(lines.indexOf(lines.find((entry) => entry.event === 'server-exited') as (typeof lines)[number]));
  expect(lines[scheduled]).toMatchObject({ serverState: 'stopped', delayMs: 0 });
  const restart = await waitForLogLine(town.root, 'the restart reconcile', (entry) => entry.event === 'reconcile' && entry.triggers?.includes('restart') === true, from);
  expect(restart.result).toBe('converged');
  await waitForLogLine(town.root, 'the start', (entry) => entry.event === 'action' && entry.kind === 'server' && entry.verb === 'start' && entry.status === 'done', from);
}, 120_000);
