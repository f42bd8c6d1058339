import type { DiffResult } from './b1-diff.js';
import type { DoctorResult } from './b-doctor.js';
import type { ShellResult } from './b2-shell.js';
import type { ApplyResult } from './b3-apply.js';
import type { ChangeLatency } from './b4-daemon.js';
import type { StartupResult } from './b5-startup.js';
import { CRASH_RECOVERY_TARGET_P95_MS, type CrashRecoveryResult } from './b6-crash-recovery.js';
import type { RestartGapResult } from './b6-restart-gap.js';
import type { ReplicationResult } from './b10-replication.js';
import { syncRows, syncTargets, type SyncBenchResult } from './b8-sync.js';
import { COMPACTION_METHOD, type CompactionBenchResult, type CompactionCase } from './b7-compaction.js';

export interface Environment {
  date: string;
  command: string;
  quick: boolean;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1-minute load average when the bench started and when it ended. */
  loadAverage: { start: number; end: number };
  dolt: string;
  node: string;
  /** The caller's environment set NODE_EXTRA_CA_CERTS, which the bench removes for gt (see gtEnv). */
  nodeExtraCaCertsRemoved: boolean;
  runs: number;
  diffRuns: number;
  versionRuns: number;
}

export interface Measurements {
  b1: DiffResult[];
  b2: ShellResult[];
  b3: ApplyResult;
  b4: ChangeLatency;
  b5: { startup: StartupResult; daemon: { rigs: number; reconciles: number; peakRssMB: number; rssMB: number; latency: ChangeLatency } };
  b6Restart: RestartGapResult;
  b6Crash: CrashRecoveryResult;
  b8: SyncBenchResult;
  doctor: DoctorResult;
  b10: ReplicationResult;
  b7: CompactionBenchResult;
}

export interface TargetCheck {
  id: string;
  target: string;
  value: string;
  met: boolean;
}

const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const times = (value: number): string => `${value.toFixed(1)}×`;

/** B10's targets: a commit on the primary is visible on the standby within 1 s, and no failover loses a row. */
export function replicationTargets(b10: ReplicationResult): TargetCheck[] {
  return [
    { id: 'B10', target: 'commit visible on the standby within 1 s (p99)', value: ms(b10.lag.p99Ms), met: b10.lag.p99Ms <= 1000 },
    { id: 'B10', target: 'planned failover: 0 rows lost', value: `${b10.lost} lost`, met: b10.lost === 0 },
  ];
}

/** B10's rows: the lag under load, and the writer's unavailability across each failover. */
export function replicationRows(b10: ReplicationResult): string[][] {
  const { lag } = b10;
  const gaps = b10.failovers.map((run) => run.unavailableMs);
  const steps = b10.failovers.map((run) => Object.entries(run.stepsMs).map(([step, value]) => `${step} ${ms(value)}`).join(', '));
  return [
    [
      'B10',
      `replication lag, primary → standby on loopback, ${lag.targetTps} transactions/s aimed (${lag.achievedTps} committed/s) for ${lag.seconds} s`,
      `p50 ${ms(lag.p50Ms)}, p99 ${ms(lag.p99Ms)}, max ${ms(lag.maxMs)} over ${lag.samples} commits (COMMIT returned → row visible; standby polled every ${lag.readerPollMs} ms)`,
    ],
    [
      'B10',
      `writer unavailability across a planned \`gt dolt failover\`, ${b10.failovers.length} runs (${b10.failovers.map((run) => run.direction).join(', ')})`,
      `${gaps.map(ms).join(', ')} (longest gap between two commits; the writer finds the new primary itself); ` +
        `failover steps ${steps.join(' / ')}; command ${b10.failovers.map((run) => ms(run.commandMs)).join(', ')}; ` +
        `${b10.failovers.reduce((sum, run) => sum + run.errors, 0)} writer errors in all, ${b10.lost} rows lost`,
    ],
  ];
}

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;
const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(bytes < 1_000_000 ? 2 : 1)} MB`;
const p99Ratio = (c: CompactionCase): number => c.during.p99Ms / c.baseline.p99Ms;

/** B7's targets: storage after gc, the writer's p99 during compaction against without it, no error or lost row. */
export function compactionTargets(b7: CompactionBenchResult): TargetCheck[] {
  const label = (c: CompactionCase): string => `${c.mode} ${c.commits}`;
  return [
    {
      id: 'B7',
      target: 'storage after gc ≤ 5 % of before',
      value: b7.cases.map((c) => `${label(c)}: ${percent(c.storageAfterBytes, c.storageBeforeBytes)}`).join(', '),
      met: b7.cases.every((c) => c.storageAfterBytes <= 0.05 * c.storageBeforeBytes),
    },
    {
      id: 'B7',
      target: "writer's commit p99 during compaction ≤ 2× without",
      value: b7.cases.map((c) => `${label(c)}: ${times(p99Ratio(c))}`).join(', '),
      met: b7.cases.every((c) => p99Ratio(c) <= 2),
    },
    {
      id: 'B7',
      target: 'writer: 0 errors, 0 rows lost',
      value: `${b7.cases.reduce((sum, c) => sum + c.during.errors + c.baseline.errors, 0)} errors, ${b7.cases.reduce((sum, c) => sum + c.lost, 0)} lost`,
      met: b7.cases.every((c) => c.during.errors === 0 && c.baseline.errors === 0 && c.lost === 0),
    },
  ];
}

/** One row per B7 case: time (the slowest steps), commits and storage before and after, the writer's latency. */
export function compactionRows(b7: CompactionBenchResult): string[][] {
  return b7.cases.map((c) => {
    const slowest = [...c.steps].sort((a, b) => b.ms - a.ms).slice(0, 3).map((step) => `${step.step} ${ms(step.ms)}`);
    return [
      'B7',
      `${c.mode}, ${c.commits.toLocaleString('en-US')} commits, gc full, a writer committing (${b7.writerPauseMs} ms pause)`,
      `${ms(c.compactionMs)} (${slowest.join(', ')}); ${c.commitsBefore.toLocaleString('en-US')} → ${c.commitsAfter} commits; ` +
        `${mb(c.storageBeforeBytes)} → ${mb(c.storageAfterBytes)} (${percent(c.storageAfterBytes, c.storageBeforeBytes)}); ` +
        `writer p50 ${ms(c.during.p50Ms)}, p99 ${ms(c.during.p99Ms)} over ${c.during.commits} commits (without compaction: p50 ${ms(c.baseline.p50Ms)}, p99 ${ms(c.baseline.p99Ms)}), ` +
        (c.slowestCommit === null ? '' : `slowest commit ${ms(c.slowestCommit.latencyMs)} during ${c.slowestCommit.step}, `) +
        `${c.during.errors} errors, ${c.lost} lost`,
    ];
  });
}

/** B2/B1 per town size. */
export function shellRatios(m: Measurements): { rigs: number; ratio: number }[] {
  return m.b1.map((diff, i) => ({ rigs: diff.rigs, ratio: (m.b2[i]?.medianMs ?? NaN) / diff.medianMs }));
}

/** The targets against this run's figures. */
export function checkTargets(m: Measurements, ratioRigs: number): TargetCheck[] {
  const smallest = m.b1[0] as DiffResult;
  const largest = m.b1[m.b1.length - 1] as DiffResult;
  const growth = largest.medianMs / smallest.medianMs;
  const roundTrips = [...new Set(m.b1.map((diff) => diff.roundTrips))];
  const ratio = shellRatios(m).find((entry) => entry.rigs === ratioRigs)?.ratio ?? NaN;
  return [
    { id: 'B1', target: `${largest.rigs} rigs within 2× of ${smallest.rigs} rigs`, value: times(growth), met: growth <= 2 },
    { id: 'B1', target: 'SQL round trips constant', value: m.b1.map((diff) => diff.roundTrips).join(', '), met: roundTrips.length === 1 },
    { id: 'B2', target: `B2/B1 ≥ 20 at ${ratioRigs} rigs`, value: times(ratio), met: ratio >= 20 },
    { id: 'B4', target: 'p95 < 1 s, debounce included', value: ms(m.b4.p95Ms), met: m.b4.p95Ms < 1000 },
    { id: 'B5', target: '`gt --version` < 250 ms', value: ms(m.b5.startup.medianMs), met: m.b5.startup.medianMs < 250 },
    { id: 'B5', target: 'daemon peak RSS < 150 MB', value: `${m.b5.daemon.peakRssMB.toFixed(1)} MB`, met: m.b5.daemon.peakRssMB < 150 },
    { id: 'B6', target: 'writer gap across a needs-restart apply ≤ 1 s (max)', value: ms(m.b6Restart.maxGapMs), met: m.b6Restart.maxGapMs <= 1000 },
    {
      id: 'B6',
      target: 'planned restart: 0 rows lost, 0 errors for committed transactions',
      value: `${m.b6Restart.lost} lost, ${m.b6Restart.committedDespiteError} misreported`,
      met: m.b6Restart.lost === 0 && m.b6Restart.committedDespiteError === 0,
    },
    {
      id: 'B6',
      target: `kill -9 → server answers again, p95 ≤ ${ms(CRASH_RECOVERY_TARGET_P95_MS)}`,
      value: ms(m.b6Crash.p95Ms),
      met: m.b6Crash.p95Ms <= CRASH_RECOVERY_TARGET_P95_MS,
    },
    ...compactionTargets(m.b7),
    { id: 'B-doctor', target: `\`gt doctor\` on a healthy ${m.doctor.rigs}-rig town < 1 s`, value: ms(m.doctor.medianMs), met: m.doctor.medianMs < 1000 },
    ...syncTargets(m.b8),
    ...replicationTargets(m.b10),
  ];
}

function doctorRow(doctor: DoctorResult): string[] {
  return [
    'B-doctor',
    `\`gt doctor\`, healthy ${doctor.rigs}-rig town (every check, the machine's process scan included)`,
    `${ms(doctor.medianMs)}, ${doctor.statements} SQL statement${doctor.statements === 1 ? '' : 's'}, checks ${doctor.status}`,
  ];
}

/** The measurements as a Markdown table (printed, and pasted into the README), then the targets. */
export function renderMarkdown(env: Environment, m: Measurements, targets: readonly TargetCheck[]): string {
  const rows: string[][] = [];
  for (const diff of m.b1) {
    rows.push([
      'B1',
      `no-op \`gt diff\`, ${diff.rigs} rigs`,
      `${ms(diff.medianMs)}, ${diff.roundTrips} SQL round trips (first run, empty parse cache: ${ms(diff.firstRunMs)})`,
    ]);
  }
  for (const [i, shell] of m.b2.entries()) {
    const ratio = shellRatios(m)[i]?.ratio ?? NaN;
    rows.push(['B2', `\`dolt sql -q\` per database, ${shell.rigs} rigs (${shell.processes} processes)`, `${ms(shell.medianMs)} = ${times(ratio)} B1`]);
  }
  const apply = m.b3;
  rows.push([
    'B3',
    `\`gt apply\` from empty, ${apply.rigs} rigs (${apply.databases} databases)`,
    `${ms(apply.medianMs)} total (server start ${ms(apply.serverStartMs)}), ${ms(apply.perDatabaseMs)} per database`,
  ]);
  const latency = (l: ChangeLatency): string => `p50 ${ms(l.p50Ms)}, p95 ${ms(l.p95Ms)}, max ${ms(l.maxMs)}`;
  rows.push(['B4', `daemon: file write → converged, ${m.b4.rigs} rigs, ${m.b4.changes} one-rig changes`, latency(m.b4)]);
  rows.push(['B5', '`gt --version` start-up', `${ms(m.b5.startup.medianMs)} (bare \`node -e ''\`: ${ms(m.b5.startup.nodeMedianMs)})`]);
  const daemon = m.b5.daemon;
  rows.push([
    'B5',
    `daemon peak RSS, ${daemon.rigs} rigs, after ${daemon.reconciles} reconciles`,
    `${daemon.peakRssMB.toFixed(1)} MB (now ${daemon.rssMB.toFixed(1)} MB); those reconciles: ${latency(daemon.latency)}`,
  ]);

  const restart = m.b6Restart;
  rows.push([
    'B6',
    `needs-restart \`gt apply\`, ${restart.writers} agents committing (${restart.writerPauseMs} ms pause), ${restart.runs} runs`,
    `writer gap p50 ${ms(restart.p50GapMs)}, max ${ms(restart.maxGapMs)} (same writers, no restart: ${ms(restart.baselineGapMs)}); ` +
      `restart step ${restart.restartMs.map(ms).join(', ')}; writers saw ${restart.errors} errors (${restart.committedDespiteError} for a committed transaction), ${restart.lost} rows lost`,
  ]);
  const crash = m.b6Crash;
  rows.push([
    'B6',
    `daemon: kill -9 → \`SELECT 1\` answers again, ${crash.kills} kills, gt init's supervision (healthy reset ${ms(crash.healthyResetMs)})`,
    `p50 ${ms(crash.p50Ms)}, p95 ${ms(crash.p95Ms)}, max ${ms(crash.maxMs)}`,
  ]);
  rows.push(...compactionRows(m.b7));
  rows.push(...syncRows(m.b8));
  rows.push(doctorRow(m.doctor));
  rows.push(...replicationRows(m.b10));
  const runs = `B1 and B-doctor: medians of ${env.diffRuns} runs, after a first run with an empty parse cache (B1) or an untimed one (B-doctor); B2, B3: medians of ${env.runs} runs; B4 and B5: percentiles over every change, the median of ${env.versionRuns} \`gt --version\` runs. ${COMPACTION_METHOD}`;
  return renderTables(env, runs, rows, targets);
}

/** A Markdown table. */
function markdownTable(header: string[], body: string[][]): string {
  return [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The environment line, a note on how the figures were taken, the measurements and the targets. */
export function renderTables(env: Environment, note: string, rows: string[][], targets: readonly TargetCheck[]): string {
  const lines = [
    `${env.date} · ${env.cpus} cores (${env.cpuModel}), ${env.memoryGiB} GiB · load average ${env.loadAverage.start.toFixed(2)} at the start, ${env.loadAverage.end.toFixed(2)} at the end · Dolt ${env.dolt} · Node ${env.node}${env.nodeExtraCaCertsRemoved ? ' (NODE_EXTRA_CA_CERTS unset for gt)' : ''} · \`${env.command}\`${env.quick ? ' · QUICK sizes' : ''}`,
    '',
    note,
    '',
    markdownTable(['', 'measure', 'result'], rows),
    '',
    markdownTable(['', 'target', 'measured', 'met'], targets.map((t) => [t.id, t.target, t.value, t.met ? 'yes' : '**no**'])),
  ];
  return `${lines.join('\n')}\n`;
}
