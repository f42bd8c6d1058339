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
  /** B10: how long the writers commit on the primary while the standby is timed. */
  replicationSeconds: number;
  /** Run B10 alone (BENCH_B10_ONLY=1): it needs its own pair of towns, and none of the others. */
  b10Only: boolean;
  /** B-doctor: rigs of the healthy town `gt doctor` is timed on. */
  doctorRigs: number;
  /** B7: history sizes (commits) compacted, flatten and surgical each. */
  compactionCommits: number[];
  /** Run B7 alone (BENCH_B7_ONLY=1): its fixtures take minutes to build, the other benchmarks do not need them. */
  b7Only: boolean;
  /** Keep the temp dir (towns, logs) for inspection instead of removing it. */
  keep: boolean;
  /** B8: databases synced, new commits in each; b8Only: run B8 alone (BENCH_B8_ONLY=1). */
  b8Rigs: number;
  b8Commits: number;
  b8Only: boolean;
  /** B9: databases and issues per database exported; b9Only: run B9 alone (BENCH_B9_ONLY=1), the only way it runs. */
  b9Databases: number;
  b9Issues: number;
  b9Only: boolean;
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
 * (e.g. "2000,10000"), BENCH_B8_RIGS, BENCH_B8_COMMITS, BENCH_B9_DATABASES, BENCH_B9_ISSUES, BENCH_B10_SECONDS,
 * BENCH_DOCTOR_RIGS, BENCH_KEEP=1; BENCH_B7_ONLY=1, BENCH_B8_ONLY=1, BENCH_B9_ONLY=1 and BENCH_B10_ONLY=1 run that
 * benchmark alone.
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
    replicationSeconds: positiveInteger(env, 'BENCH_B10_SECONDS', quick ? 10 : 30),
    b10Only: env.BENCH_B10_ONLY === '1',
    doctorRigs: positiveInteger(env, 'BENCH_DOCTOR_RIGS', quick ? 30 : 100),
    compactionCommits: integerList(env, 'BENCH_B7_COMMITS', quick ? [500, 2000] : [2000, 10_000]),
    b7Only: env.BENCH_B7_ONLY === '1',
    keep: env.BENCH_KEEP === '1',
    b8Rigs: positiveInteger(env, 'BENCH_B8_RIGS', quick ? 20 : 100),
    b8Commits: positiveInteger(env, 'BENCH_B8_COMMITS', 10),
    b8Only: env.BENCH_B8_ONLY === '1',
    b9Databases: positiveInteger(env, 'BENCH_B9_DATABASES', quick ? 20 : 100),
    b9Issues: positiveInteger(env, 'BENCH_B9_ISSUES', quick ? 200 : 1000),
    b9Only: env.BENCH_B9_ONLY === '1',
  };
}
