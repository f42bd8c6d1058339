/**
 * Soak (`npm run test:soak`, not in `npm test`): one `gt daemon run` under 1 000 config changes and 20 server kills
 * (SIGKILL), bounded to CHANGES × CHANGE_INTERVAL_MS plus the final convergence. It must end converged, with no
 * leaked process, file descriptor growth of at most FD_SLACK, and resident memory growth below RSS_GROWTH_LIMIT.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive, signalProcess } from '../../src/lib/process.js';
import { killDaemon, makeSupervisedTown, MS, readLog, readStatus, runDaemon, waitFor, type RunningDaemon } from '../helpers/daemon.js';
import { runGt } from '../helpers/gt.js';
import { rigYaml, type RigSpec, type TestTown } from '../helpers/town.js';

const CHANGES = 1000;
const KILLS = 20;
const CHANGE_INTERVAL_MS = 100;
/** Descriptors the daemon may hold beyond its warm baseline (a reconcile's connection in flight, the watcher's). */
const FD_SLACK = 4;
/** V8 settles its heap after warm-up; growth beyond this across 1 000 reconcile triggers is a leak. */
const RSS_GROWTH_LIMIT = 64 * 1024 * 1024;
const RIGS = ['wyvern', 'gryphon', 'sky', 'ember', 'dune'];

let town: TestTown;
let daemon: RunningDaemon | undefined;

function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

function rssBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

/** Every process whose command line names the town: the daemon and the one Dolt server it runs, nothing else. */
function processesOfTown(root: string): { pid: number; command: string; state: string }[] {
  const found: { pid: number; command: string; state: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (command.includes(root)) found.push({ pid, command, state: stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) });
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/** The config of change `i`: one rig's remote URL and its ignore patterns move through a few states. */
function rigAt(i: number): RigSpec {
  const name = RIGS[i % RIGS.length] as string;
  return {
    name,
    remotes: [{ name: 'origin', url: town.remoteUrl(`${name}-${i % 3}`) }],
    ignore: ['wisps', `soak_${i % 4}_*`],
  };
}

function writeRig(rig: RigSpec, atomically: boolean): void {
  const path = join(town.root, 'mayor', 'rigs.d', `${rig.name}.yaml`);
  if (!atomically) return writeFileSync(path, rigYaml(rig));
  writeFileSync(`${path}.tmp`, rigYaml(rig));
  renameSync(`${path}.tmp`, path);
}

beforeAll(async () => {
  // fast supervision, and a restart budget the 20 kills cannot exhaust
  town = await makeSupervisedTown([], {
    enabled: false,
    restart_delay: 200 * MS,
    max_restart_delay: 2000 * MS,
    restart_window: 60_000 * MS,
    max_restarts_in_window: 50,
    healthy_reset_interval: 5000 * MS,
    health_check_interval: 500 * MS,
  });
  for (let i = 0; i < RIGS.length; i++) writeRig(rigAt(i), false);
});

afterAll(async () => {
  await killDaemon(daemon?.pid);
  await town.stopServer();
});

test('1 000 config changes and 20 server kills: converged, no leaked processes or descriptors, bounded memory', async () => {
  daemon = await runDaemon(town.root, ['--resync-interval', '30s']);
  const pid = daemon.pid;
  await waitFor('the first convergence', () => readStatus(town.root)?.sync === 'InSync', 120_000);
  // warm up: a few changes and one restart, so lazily loaded modules and caches are in the baseline
  for (let i = 0; i < 10; i++) {
    writeRig(rigAt(i), i % 2 === 0);
    await sleep(CHANGE_INTERVAL_MS);
  }
  await waitFor('convergence after warm-up', async () => (await runGt(['diff', '--town', town.root])).exitCode === 0, 120_000);
  const baseline = { fds: fdCount(pid), rss: rssBytes(pid) };
  const startedAt = Date.now();

  let kills = 0;
  for (let i = 0; i < CHANGES; i++) {
    writeRig(rigAt(i), i % 2 === 0);
    if (i % (CHANGES / KILLS) === CHANGES / KILLS / 2) {
      const server = town.serverPid();
      if (server !== null && isProcessAlive(server)) {
        signalProcess(server, 'SIGKILL');
        kills++;
      }
    }
    await sleep(CHANGE_INTERVAL_MS);
  }
  expect(kills).toBe(KILLS);

  // the last change of each rig is the config the town must end in
  const final = RIGS.map((_, r) => rigAt(CHANGES - RIGS.length + r));
  await waitFor('convergence to the last config', async () => (await runGt(['diff', '--town', town.root])).exitCode === 0, 300_000, 1000);
  for (const rig of final) {
    expect(await town.query('SELECT name, url FROM dolt_remotes', rig.name)).toEqual(rig.remotes);
  }
  const status = await waitFor('a Healthy, InSync status', () => {
    const current = readStatus(town.root);
    return current?.sync === 'InSync' && current.health === 'Healthy' ? current : undefined;
  }, 60_000);
  expect(status.supervision.stalled).toBe(false);
  await sleep(2000); // let connections of the last reconcile close

  const after = { fds: fdCount(pid), rss: rssBytes(pid) };
  const processes = processesOfTown(town.root);
  const serverPid = town.serverPid();
  const reconciles = readLog(town.root).filter((entry) => entry.event === 'reconcile' && Date.parse(entry.timestamp) >= startedAt);
  process.stdout.write(
    `soak: ${CHANGES} changes, ${kills} kills in ${Math.round((Date.now() - startedAt) / 1000)} s; ${reconciles.length} reconciles; ` +
      `fds ${baseline.fds} → ${after.fds}; RSS ${Math.round(baseline.rss / 1048576)} → ${Math.round(after.rss / 1048576)} MiB\n`,
  );

  expect(processes.map((p) => p.pid).sort()).toEqual([pid, serverPid].sort());
  expect(processes.filter((p) => p.state === 'Z')).toEqual([]);
  expect(after.fds).toBeLessThanOrEqual(baseline.fds + FD_SLACK);
  expect(after.rss - baseline.rss).toBeLessThan(RSS_GROWTH_LIMIT);
  expect(isProcessAlive(pid)).toBe(true);
});
