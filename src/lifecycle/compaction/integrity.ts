/**
 * The pure half of the integrity check. Compaction itself never writes a row: the build is checked to hold exactly
 * the tree it was built from before main is touched, and the swap (a soft reset) and the fold (a commit of the
 * working set) cannot change data. What remains to prove after the swap is that main holds what it held before plus
 * what concurrent writers committed, nothing lost and nothing else changed:
 *
 * 1. Row counts: every table, dolt-ignored ones included (no commit holds them, so only the working set can speak
 *    for them), has at least the rows it had in the pre-state.
 * 2. The tree: Dolt's reflog of main lists every head main took, newest first, writers' commits included. Around the
 *    swap it reads `… replaced, built, c1 … cn` where `replaced` is the head the soft reset replaced and c1 … cn are
 *    the commits made since: gt's fold (told apart by its author and message, also when an interrupted run made it)
 *    and writers' commits. Every row that differs between `replaced` and main's head now must have been written by
 *    the writers' commits: it must be named by the diff of a run of consecutive writers' commits (each makes main's
 *    next head, so a run's diff is the union of its commits' diffs, read in one query however long the run). A row
 *    the swap lost, or one it changed, is named by no writer's commit.
 */

/** Tables that lost rows or are gone since the pre-state. */
export function countProblems(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(before)) {
    const now = after[table];
    if (now === undefined) problems.push(`table ${table} is gone (it had ${rows} rows)`);
    else if (now < rows) problems.push(`table ${table} has ${now} rows, ${rows} before the compaction`);
  }
  return problems;
}

/** The commits around the swap, read from main's reflog. */
export interface SwapWindow {
  /** main's head just before the soft reset. */
  replacedHead: string;
  /** Commits made on main since the swap, up to `head` (newest first): gt's fold and writers' commits. */
  since: string[];
}

/**
 * Finds the swap in main's reflog (hashes, newest first), read after `head`: `built` is where the soft reset moved
 * main. A string says why the swap cannot be found (Dolt's gc empties the reflog, so a gc between the swap and the
 * check would hide it).
 */
export function swapWindow(reflog: readonly string[], head: string, built: string): SwapWindow | string {
  const headAt = reflog.indexOf(head);
  if (headAt < 0) return `main's head ${head} is not in main's reflog, so the swap cannot be checked`;
  const swapAt = reflog.indexOf(built, headAt);
  const replacedHead = swapAt < 0 ? undefined : reflog[swapAt + 1];
  if (replacedHead === undefined) return `main's reflog no longer shows the swap to ${built} (a gc ran since?), so it cannot be checked`;
  return { replacedHead, since: reflog.slice(headAt, swapAt) };
}

/** A run of consecutive writers' commits on main: the diff from `from` to `to` is what they wrote. */
export interface WriterRun {
  from: string;
  to: string;
}

/**
 * The runs of writers' commits among the commits since the swap (newest first, as the reflog lists them), split at
 * gt's folds; the first run starts at `built`, where the swap put main.
 */
export function writerRuns(since: readonly string[], built: string, folds: ReadonlySet<string>): WriterRun[] {
  const runs: WriterRun[] = [];
  let previous = built;
  let open: WriterRun | null = null;
  for (const commit of [...since].reverse()) {
    if (folds.has(commit)) open = null;
    else if (open) open.to = commit;
    else runs.push((open = { from: previous, to: commit }));
    previous = commit;
  }
  return runs;
}

/** Keys of changed rows no writer's commit wrote. */
export function unexplainedKeys(changed: readonly string[], written: ReadonlySet<string>): string[] {
  return changed.filter((key) => !written.has(key));
}
