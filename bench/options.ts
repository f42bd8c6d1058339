/** What one `npm run bench` measures: the sizes by default, smaller ones with BENCH_QUICK=1. */
export interface BenchOptions {
  quick: boolean;
  /** Median of this many timed runs for B2 and B3. */
  runs: number;
  /** Median of this many timed runs for B1 (a run takes well under a second, so more of them steady the median). */
  diffRuns: number;
  /** Town sizes (rigs) of B1 and B2. */
  diffRigs: number[];
  /** Size of the town B2/B1 is judged at (the issue: 100 rigs). */
  ratioRigs: number;
  /** B3: rigs of the town applied from empty. */
  applyRigs: number;
  /** B4: rigs of the town the daemon keeps converged, and how many one-rig changes are timed. */
  daemonRigs: number;
  daemonChanges: number;
  /** B5: rigs of the town whose daemon's peak RSS is read, after this many reconciles. */
  rssRigs: number;
  rssReconciles: number;
  /** B5: timed `gt --version` runs. */
  versionRuns: number;
  /** B7: history sizes (commits) flattened. */
  compactionCommits: number[];
  /** Run B7 alone (BENCH_B7_ONLY=1): its fixtures take minutes to build, the other benchmarks do not need them. */
  b7Only: boolean;
  /** Keep the temp dir (towns, logs) for inspection instead of removing it. */
  keep: boolean;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

function integerList(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`${name} must be a comma-separated list of positive integers, got "${text}"`);
  }
  return values;
}

/**
 * The sizes, each overridable: BENCH_RUNS, BENCH_DIFF_RUNS, BENCH_DIFF_RIGS (e.g. "10,100,500"), BENCH_APPLY_RIGS,
 * BENCH_DAEMON_RIGS, BENCH_DAEMON_CHANGES, BENCH_RSS_RIGS, BENCH_RSS_RECONCILES, BENCH_VERSION_RUNS, BENCH_B7_COMMITS
 * (e.g. "2000,10000"), BENCH_B7_ONLY=1, BENCH_KEEP=1.
 * BENCH_QUICK=1 starts from small sizes for a run of a minute or two.
 */
export function benchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const quick = env.BENCH_QUICK === '1';
  const diffRigs = integerList(env, 'BENCH_DIFF_RIGS', quick ? [10, 30, 60] : [10, 100, 500]);
  return {
    quick,
    runs: positiveInteger(env, 'BENCH_RUNS', quick ? 3 : 5),
    diffRuns: positiveInteger(env, 'BENCH_DIFF_RUNS', quick ? 3 : 9),
    diffRigs,
    ratioRigs: diffRigs.includes(100) ? 100 : (diffRigs[Math.floor(diffRigs.length / 2)] as number),
    applyRigs: positiveInteger(env, 'BENCH_APPLY_RIGS', quick ? 20 : 100),
    daemonRigs: positiveInteger(env, 'BENCH_DAEMON_RIGS', quick ? 20 : 100),
    daemonChanges: positiveInteger(env, 'BENCH_DAEMON_CHANGES', quick ? 10 : 40),
    rssRigs: positiveInteger(env, 'BENCH_RSS_RIGS', quick ? 60 : 500),
    rssReconciles: positiveInteger(env, 'BENCH_RSS_RECONCILES', quick ? 20 : 100),
    versionRuns: positiveInteger(env, 'BENCH_VERSION_RUNS', quick ? 5 : 20),
    compactionCommits: integerList(env, 'BENCH_B7_COMMITS', quick ? [500, 2000] : [2000, 10_000]),
    b7Only: env.BENCH_B7_ONLY === '1',
    keep: env.BENCH_KEEP === '1',
  };
}
