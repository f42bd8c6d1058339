import { readFileSync, writeFileSync } from 'node:fs';
import { townPaths } from '../src/lib/town-layout.js';
import mysql from 'mysql2/promise';
import { scaffoldDaemonConfig } from '../src/config/scaffold.js';
import { readDaemonStatus } from '../src/daemon/status-file.js';
import { signalProcess } from '../src/lib/process.js';
import { DaemonUnderTest } from './daemon-under-test.js';
import { percentile, roundMs } from './stats.js';
import { BenchTown } from './town.js';

export interface CrashRecoveryResult {
  kills: number;
  /** The healthy_reset_interval the bench's daemon.json sets (gt init's is 300 s), in ms. */
  healthyResetMs: number;
  /** kill -9 → the first `SELECT 1` that answers, per kill, in ms. */
  samplesMs: number[];
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** The target: agents have their server back within this after a kill -9 (p95). */
export const CRASH_RECOVERY_TARGET_P95_MS = 3_000;

/** Short enough to space the kills by it in a few minutes; the restart budget starts afresh after each kill. */
const HEALTHY_RESET_MS = 5_000;

const NS_PER_MS = 1_000_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** gt init's supervision (health check 30 s, restart_delay 5 s doubling, 5 restarts in 10 min), with a short healthy reset. */
function writeInitSupervision(town: BenchTown): void {
  const path = townPaths(town.root).daemonJson;
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const { dolt_server: init } = scaffoldDaemonConfig(town.root, { port: town.port, platform: process.platform }).patrols as { dolt_server: Record<string, unknown> };
  const { port: _port, ...supervision } = init;
  config.patrols = { dolt_server: { ...supervision, healthy_reset_interval: HEALTHY_RESET_MS * NS_PER_MS } };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}

/** Polls `SELECT 1` on the port every 20 ms until it answers; the time it did (performance.now()). */
async function firstAnswer(port: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1_000 });
      try {
        await connection.query('SELECT 1');
        return performance.now();
      } finally {
        await connection.end();
      }
    } catch {
      await sleep(20);
    }
  }
  throw new Error(`nothing answered SELECT 1 on port ${port} within ${timeoutMs} ms of the kill`);
}

/** Waits until the daemon reports a running server and a restart budget started afresh (next restart immediate). */
async function budgetReset(town: BenchTown, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = readDaemonStatus(town.root).status;
    const pid = status?.server?.pid;
    if (status?.server?.state === 'running' && pid != null && status.supervision.restartsInWindow === 0 && status.supervision.nextDelayMs === 0) return pid;
    if (Date.now() > deadline) throw new Error(`the daemon did not report a reset restart budget within ${timeoutMs} ms: ${JSON.stringify(status?.supervision)}`);
    await sleep(200);
  }
}

/**
 * B6 (crash recovery): a one-rig town under `gt daemon run` with gt init's supervision settings; `kills` times, once
 * the daemon reports its restart budget reset (a healthy period passed), kill -9 the server and time until
 * `SELECT 1` answers again.
 */
export async function benchCrashRecovery(
  parent: string,
  kills: number,
  track: { town: (town: BenchTown) => void; daemon: (daemon: DaemonUnderTest) => void },
): Promise<CrashRecoveryResult> {
  const town = await BenchTown.create(parent, 'b6', 1);
  track.town(town);
  writeInitSupervision(town);
  await town.converge();
  const daemon = await DaemonUnderTest.start(town);
  track.daemon(daemon);
  const samplesMs: number[] = [];
  try {
    for (let kill = 0; kill < kills; kill++) {
      // A health check (every 30 s) has to see the healthy period end before the budget resets.
      const pid = await budgetReset(town, 120_000);
      const killedAt = performance.now();
      signalProcess(pid, 'SIGKILL');
      samplesMs.push(roundMs((await firstAnswer(town.port, 120_000)) - killedAt));
    }
  } finally {
    await daemon.stop();
  }
  return {
    kills,
    healthyResetMs: HEALTHY_RESET_MS,
    samplesMs,
    p50Ms: percentile(samplesMs, 50),
    p95Ms: percentile(samplesMs, 95),
    maxMs: percentile(samplesMs, 100),
  };
}
