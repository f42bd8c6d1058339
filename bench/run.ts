import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { processesUnder } from '../test/helpers/global-teardown.js';
import { terminateProcess } from '../src/lib/process.js';
import { benchDiff } from './b1-diff.js';
import { benchDoctor } from './b-doctor.js';
import { benchShellObservation } from './b2-shell.js';
import { benchApply } from './b3-apply.js';
import { timeOneRigChanges } from './b4-daemon.js';
import { benchVersionStartup } from './b5-startup.js';
import { benchRestartGap } from './b6-restart-gap.js';
import { benchCrashRecovery } from './b6-crash-recovery.js';
import { DaemonUnderTest } from './daemon-under-test.js';
import { benchCompaction, COMPACTION_METHOD, type CompactionBenchResult } from './b7-compaction.js';
import { benchSync, syncRows, syncTargets, type SyncBenchResult } from './b8-sync.js';
import { benchLedger, renderLedgerBench } from './b9-ledger.js';
import { benchReplication, type ReplicationResult } from './b10-replication.js';
import { benchOptions, type BenchOptions } from './options.js';
import {
  checkTargets,
  compactionRows,
  compactionTargets,
  renderMarkdown,
  renderTables,
  replicationRows,
  replicationTargets,
  type Environment,
  type Measurements,
  type TargetCheck,
} from './report.js';
import { repoRoot } from './run-process.js';
import { BenchTown } from './town.js';

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

/** Everything the bench started, stopped on every way out: the end, an error, SIGINT/SIGTERM. */
class Cleanup {
  readonly towns: BenchTown[] = [];
  readonly daemons: DaemonUnderTest[] = [];
  private done: Promise<void> | null = null;

  constructor(
    private readonly runRoot: string,
    private readonly keep: boolean,
  ) {}

  run(): Promise<void> {
    this.done ??= this.stopAll();
    return this.done;
  }

  private async stopAll(): Promise<void> {
    for (const daemon of this.daemons) await daemon.stop();
    for (const town of this.towns) await town.stopServer();
    // Last line of defence: any process still running from the bench's temp dir (a server whose pid file was lost).
    for (const pid of processesUnder(this.runRoot)) await terminateProcess(pid, 10_000);
    if (this.keep) log(`kept ${this.runRoot}`);
    else rmSync(this.runRoot, { recursive: true, force: true });
  }
}

const SYNC_NOTE =
  'B8: one town, every database with ~N new commits to push to a file:// remote, an agent committing throughout; gt dolt sync against the stop-the-server procedure (stop, dolt push per database, start), in the same run.';

const REPLICATION_NOTE =
  'B10: two towns on loopback converged by gt (primary and standby, Dolt cluster replication); lag from COMMIT returning on the primary to the row visible on the standby, over every commit; failovers alternate direction.';

function doltVersion(doltBin: string): string {
  const output = execFileSync(doltBin, ['version'], { encoding: 'utf8', env: process.env });
  return /dolt version (\S+)/.exec(output)?.[1] ?? 'unknown';
}

/** Provisions Dolt for the bench (its own DOLT_ROOT_PATH, parse cache) and describes the machine it runs on. */
function prepareEnvironment(runRoot: string, options: BenchOptions): Environment {
  const doltRootPath = join(runRoot, 'dolt-root');
  const doltBin = execFileSync('bash', [join(repoRoot, 'scripts', 'ensure-dolt.sh'), '--quiet', '--root-path', doltRootPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  // gt, the servers it starts and the dolt CLI processes of B2 inherit these; gt's parse cache is the bench's own.
  const cacheDir = join(runRoot, 'gt-cache');
  Object.assign(process.env, { GT_DOLT_BIN: doltBin, DOLT_ROOT_PATH: doltRootPath, DOLT_DISABLE_EVENT_FLUSH: '1', GT_CACHE_DIR: cacheDir });
  return {
    date: new Date().toISOString().slice(0, 10),
    command: options.b7Only
      ? 'BENCH_B7_ONLY=1 npm run bench'
      : options.b8Only
        ? 'BENCH_B8_ONLY=1 npm run bench'
        : options.b10Only
          ? 'BENCH_B10_ONLY=1 npm run bench'
          : options.b9Only
            ? 'BENCH_B9_ONLY=1 npm run bench'
            : 'npm run bench',
    quick: options.quick,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: { start: loadavg()[0] ?? NaN, end: NaN },
    dolt: doltVersion(doltBin),
    node: process.version,
    nodeExtraCaCertsRemoved: process.env.NODE_EXTRA_CA_CERTS !== undefined,
    runs: options.runs,
    diffRuns: options.diffRuns,
    versionRuns: options.versionRuns,
  };
}

/** B7 on a town of its own (hq only; the fixtures are databases no manifest declares). */
async function runCompactionBench(runRoot: string, cleanup: Cleanup, options: BenchOptions): Promise<CompactionBenchResult> {
  const town = await BenchTown.create(runRoot, 'b7', 0);
  cleanup.towns.push(town);
  await town.converge();
  log(`B7: flatten and surgical compaction at ${options.compactionCommits.join(', ')} commits, a writer committing`);
  return benchCompaction(town, options.compactionCommits, log);
}

/** B8 on a town of its own: every database with new commits to push, an agent committing. */
function runSyncBench(runRoot: string, cleanup: Cleanup, options: BenchOptions): Promise<SyncBenchResult> {
  log(`B8: gt dolt sync vs stop-the-server push, ${options.b8Rigs} databases, ${options.b8Commits} new commits each`);
  return benchSync(runRoot, options.b8Rigs, options.b8Commits, process.env.GT_DOLT_BIN as string, (town) => cleanup.towns.push(town));
}

/** B10 on a pair of towns of its own (primary and standby). */
function runReplicationBench(runRoot: string, cleanup: Cleanup, options: BenchOptions): Promise<ReplicationResult> {
  log(`B10: replication lag at 100 transactions/s for ${options.replicationSeconds} s, then ${options.runs} planned failovers`);
  return benchReplication(runRoot, options.replicationSeconds, options.runs, (town) => cleanup.towns.push(town));
}

/** Every benchmark but B9 (B7, B8 and B10 last, each on towns of its own: building their fixtures loads the machine). */
async function runAll(runRoot: string, cleanup: Cleanup, options: BenchOptions): Promise<Measurements> {
  const cacheDir = join(runRoot, 'gt-cache');
  const convergedTowns = new Map<number, BenchTown>();
  /** The converged town of this size, shared by the benchmarks in turn (B4 and B5 add ignore patterns last). */
  const townOf = async (rigs: number): Promise<BenchTown> => {
    const existing = convergedTowns.get(rigs);
    if (existing) return existing;
    const town = await BenchTown.create(runRoot, `town${rigs}`, rigs);
    cleanup.towns.push(town);
    const converged = await town.converge();
    log(`  ${rigs}-rig town converged by gt apply in ${(converged.ms / 1000).toFixed(1)} s (port ${town.port})`);
    convergedTowns.set(rigs, town);
    return town;
  };

  log(`setting up towns of ${options.diffRigs.join(', ')} rigs`);
  const diffTowns: BenchTown[] = [];
  for (const rigs of options.diffRigs) diffTowns.push(await townOf(rigs));
  for (const town of diffTowns) {
    const waited = await town.settle();
    if (waited > 1500) log(`  waited ${(waited / 1000).toFixed(1)} s for the ${town.rigs.length}-rig town's server to go idle`);
  }
  log(`B1: no-op gt diff, ${options.diffRuns} runs per town`);
  const b1 = await benchDiff(diffTowns, options.diffRuns, cacheDir);
  log(`B-doctor: gt doctor on a healthy ${options.doctorRigs}-rig town, ${options.diffRuns} runs`);
  const doctor = await benchDoctor(await townOf(options.doctorRigs), options.diffRuns);
  log(`B2: dolt sql -q per database, ${options.runs} runs per town`);
  const b2 = await benchShellObservation(process.env.GT_DOLT_BIN as string, diffTowns, options.runs);
  log(`B3: gt apply from empty, ${options.applyRigs} rigs, ${options.runs} fresh towns`);
  const b3 = await benchApply(runRoot, options.applyRigs, options.runs, (town) => cleanup.towns.push(town));

  const withDaemon = async <T>(rigs: number, measure: (town: BenchTown, daemon: DaemonUnderTest) => Promise<T>): Promise<T> => {
    const town = await townOf(rigs);
    const daemon = await DaemonUnderTest.start(town);
    cleanup.daemons.push(daemon);
    try {
      return await measure(town, daemon);
    } finally {
      await daemon.stop();
    }
  };
  log(`B4: daemon latency, ${options.daemonRigs} rigs, ${options.daemonChanges} changes`);
  const b4 = await withDaemon(options.daemonRigs, (town, daemon) => timeOneRigChanges(town, daemon, options.daemonChanges, 'b4'));
  log(`B5: daemon memory, ${options.rssRigs} rigs, ${options.rssReconciles} reconciles; gt --version, ${options.versionRuns} runs`);
  const daemonMemory = await withDaemon(options.rssRigs, async (town, daemon) => {
    const latency = await timeOneRigChanges(town, daemon, options.rssReconciles, 'b5');
    const memory = daemon.memoryMB();
    return { rigs: options.rssRigs, reconciles: options.rssReconciles, peakRssMB: memory.peak, rssMB: memory.current, latency };
  });
  const startup = await benchVersionStartup(options.versionRuns);
  const restartRigs = options.diffRigs[0] as number;
  log(`B6: writer gap across a needs-restart gt apply, ${restartRigs} rigs, ${options.runs} runs`);
  const b6Restart = await benchRestartGap(await townOf(restartRigs), options.runs);

  const crashKills = options.quick ? 3 : 10;
  log(`B6: kill -9 → SELECT 1 again, ${crashKills} kills with gt init's supervision settings`);
  const b6Crash = await benchCrashRecovery(runRoot, crashKills, {
    town: (town) => cleanup.towns.push(town),
    daemon: (daemon) => cleanup.daemons.push(daemon),
  });
  const b7 = await runCompactionBench(runRoot, cleanup, options);
  const b8 = await runSyncBench(runRoot, cleanup, options);
  const b10 = await runReplicationBench(runRoot, cleanup, options);
  return { b1, b2, b3, b4, b5: { startup, daemon: daemonMemory }, b6Restart, b6Crash, b7, b8, doctor, b10 };
}

/** Prints the tables, writes every sample to bench/results.json, and fails the run when a target is missed. */
function report(env: Environment, options: BenchOptions, markdown: string, measurements: unknown, targets: readonly TargetCheck[]): void {
  process.stdout.write(`\n${markdown}`);
  const resultsPath = join(repoRoot, 'bench', 'results.json');
  writeFileSync(resultsPath, `${JSON.stringify({ environment: env, options, measurements, targets }, null, 2)}\n`);
  log(`wrote ${resultsPath}`);
  if (targets.some((target) => !target.met)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const options = benchOptions();
  const runRoot = realpathSync(mkdtempSync(join(tmpdir(), 'gt-bench-')));
  const cleanup = new Cleanup(runRoot, options.keep);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping every server and daemon the bench started`);
      void cleanup.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  try {
    const env = prepareEnvironment(runRoot, options);
    log(`Dolt ${env.dolt}, load average ${env.loadAverage.start.toFixed(2)}, temp dir ${runRoot}`);
    if (options.b7Only) {
      const b7 = await runCompactionBench(runRoot, cleanup, options);
      env.loadAverage.end = loadavg()[0] ?? NaN;
      const targets = compactionTargets(b7);
      report(env, options, renderTables(env, COMPACTION_METHOD, compactionRows(b7), targets), { b7 }, targets);
      return;
    }
    if (options.b8Only) {
      const b8 = await runSyncBench(runRoot, cleanup, options);
      env.loadAverage.end = loadavg()[0] ?? NaN;
      const targets = syncTargets(b8);
      report(env, options, renderTables(env, SYNC_NOTE, syncRows(b8), targets), { b8 }, targets);
      return;
    }
    if (options.b10Only) {
      const b10 = await runReplicationBench(runRoot, cleanup, options);
      env.loadAverage.end = loadavg()[0] ?? NaN;
      const targets = replicationTargets(b10);
      report(env, options, renderTables(env, REPLICATION_NOTE, replicationRows(b10), targets), { b10 }, targets);
      return;
    }
    if (options.b9Only) {
      const { b9Databases: databases, b9Issues: issues } = options;
      log(`B9: ledger export, ${databases} databases × ${issues} issues, gt and Gas Town's per-table processes`);
      const b9 = await benchLedger(runRoot, process.env.GT_DOLT_BIN as string, databases, issues, (town) => cleanup.towns.push(town));
      process.stdout.write(`\n${renderLedgerBench(b9)}`);
      writeFileSync(join(repoRoot, 'bench', 'results-b9.json'), `${JSON.stringify({ environment: env, b9 }, null, 2)}\n`);
      return;
    }
    const measurements = await runAll(runRoot, cleanup, options);
    env.loadAverage.end = loadavg()[0] ?? NaN;
    const targets = checkTargets(measurements, options.ratioRigs);
    report(env, options, renderMarkdown(env, measurements, targets), measurements, targets);
  } finally {
    await cleanup.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
