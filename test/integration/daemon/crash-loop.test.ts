import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../../src/lib/process.js';
import { makeSupervisedTown, MS, stopDaemonsAndServers, readLog, readStatus, runDaemon, waitFor, type LogEntry, type RunningDaemon } from '../../helpers/daemon.js';
import type { TestTown } from '../../helpers/town.js';

/**
 * A crash loop. The config that makes dolt exit at once is an operator's mistake in daemon.json: `env.GT_DOLT_HOST`
 * set to an address this machine does not have (198.51.100.7, TEST-NET-2, RFC 5737). gt cannot know which addresses
 * a host will have, so it accepts the value and writes it to config.yaml as `listener.host`; Dolt cannot bind it
 * ("bind: cannot assign requested address") and exits within ~200 ms, every time. Unlike an occupied port (an
 * imposter: terminal, never restarted) it leaves everything else about the server as it was, so removing the one
 * value is the whole recovery.
 */
const UNASSIGNED_ADDRESS = '198.51.100.7';

const MAX_RESTARTS = 3;

let town: TestTown;
let daemon: RunningDaemon;
const serverPids = new Set<number>();

function daemonJson(host: string | null): Record<string, unknown> {
  const config = JSON.parse(readFileSync(join(town.root, 'mayor', 'daemon.json'), 'utf8')) as { env: Record<string, string> };
  if (host === null) delete config.env.GT_DOLT_HOST;
  else config.env.GT_DOLT_HOST = host;
  return config;
}

/** Saved the way editors save (a new file renamed over the old one): the daemon never sees it half-written. */
function writeDaemonJson(config: Record<string, unknown>): void {
  const path = join(town.root, 'mayor', 'daemon.json');
  writeFileSync(`${path}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** The daemon's log since line `from`, a line per entry: what a failed wait shows. */
function logSince(from: number): string {
  return readLog(town.root)
    .slice(from)
    .map((entry) => `${entry.timestamp} ${entry.event ?? ''} ${entry.message.split('\n')[0] ?? ''}`)
    .join('\n');
}

/** Server start/restart actions the daemon ran since log line `from`; `code` picks the crash or planned ones. */
function serverActions(from: number, codes = ['server-stopped', 'server-unhealthy', 'server-config-changed', 'databases-not-served']): LogEntry[] {
  return readLog(town.root)
    .slice(from)
    .filter((entry) => entry.event === 'action' && entry.kind === 'server' && entry.status !== 'skipped' && codes.includes(entry.code ?? ''));
}

/** Starts of a server found stopped: the crash restarts max_restarts_in_window counts. */
const crashRestarts = (from: number): LogEntry[] => serverActions(from, ['server-stopped', 'server-unhealthy']);

beforeAll(async () => {
  town = await makeSupervisedTown([{ name: 'wyvern' }], {
    restart_delay: 200 * MS,
    max_restart_delay: 1000 * MS,
    restart_window: 120_000 * MS,
    max_restarts_in_window: MAX_RESTARTS,
    healthy_reset_interval: 120_000 * MS,
  });
  daemon = await runDaemon(town.root, ['--health-interval', '500ms']);
  const pid = town.serverPid();
  if (pid !== null) serverPids.add(pid);
});

afterAll(async () => {
  expect(await stopDaemonsAndServers([daemon?.pid], town, serverPids)).toEqual([]);
});

test('a config that makes dolt exit at once: Stalled after max_restarts_in_window attempts, then no more restarts', async () => {
  const from = readLog(town.root).length;
  writeDaemonJson(daemonJson(UNASSIGNED_ADDRESS));

  const stalled = await waitFor('the crash-loop stall', () => {
    const status = readStatus(town.root);
    return status?.supervision.stalled === true ? status : undefined;
  }, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}; the daemon's log since the change:\n${logSince(from)}\nstatus: ${JSON.stringify(readStatus(town.root))}`);
  });
  expect(stalled).toMatchObject({ health: 'Stalled', supervision: { stalled: true, restartsInWindow: MAX_RESTARTS } });
  expect(stalled.server?.state).toBe('stopped');
  expect(stalled.message).toContain(`${MAX_RESTARTS} restarts`);
  // winston writes log lines asynchronously, so the status file can be ahead of the log: wait for the lines, then
  // check there are no more than expected.
  const attempts = await waitFor('the restart attempts in the log', () => {
    const found = crashRestarts(from);
    return found.length >= MAX_RESTARTS ? found : undefined;
  }, 5_000);
  expect(attempts).toHaveLength(MAX_RESTARTS);
  // The planned restart that applied the bad host failed too, but it is no crash restart: it used no slot.
  expect(serverActions(from, ['server-config-changed'])).toMatchObject([{ verb: 'restart', status: 'failed' }]);
  expect(serverActions(from)).toHaveLength(MAX_RESTARTS + 1);
  expect(attempts.every((entry) => entry.status === 'failed' && String(entry.error).includes('bind: cannot assign requested address'))).toBe(true);
  const stalledLines = () => readLog(town.root).slice(from).filter((entry) => entry.event === 'stalled');
  await waitFor('the stalled log line', () => stalledLines().length > 0, 5_000);
  expect(stalledLines()).toHaveLength(1);

  // Stalled means stalled: health checks keep looking, nothing restarts it.
  await new Promise((r) => setTimeout(r, 3000));
  expect(serverActions(from)).toHaveLength(MAX_RESTARTS + 1);
  expect(readStatus(town.root)?.health).toBe('Stalled');
  expect(isProcessAlive(daemon.pid)).toBe(true);
}, 120_000);

test('fixing the config ends the stall: the server starts and the town converges', async () => {
  const from = readLog(town.root).length;
  writeDaemonJson(daemonJson(null));
  const healthy = await waitFor('Healthy', () => (readStatus(town.root)?.health === 'Healthy' ? readStatus(town.root) : undefined), 30_000);
  expect(healthy).toMatchObject({ sync: 'InSync', supervision: { stalled: false } });
  const pid = town.serverPid();
  expect(pid).not.toBeNull();
  serverPids.add(pid as number);
  expect(healthy.server).toMatchObject({ state: 'running', pid });
  await waitFor('the server start in the log', () => serverActions(from).length > 0, 5_000);
  expect(serverActions(from)).toHaveLength(1);
  expect(readLog(town.root).slice(from).some((entry) => entry.event === 'config-changed')).toBe(true);
  expect((await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database)).toEqual(expect.arrayContaining(['hq', 'wyvern']));
});
