/**
 * The pure half of the integrity check. Compaction itself never writes a row: the marker holds the root's tables,
 * and the swap is one amend of main's head in a transaction, which Dolt merges with what writers committed
 * meanwhile. What remains to prove after the swap is that main holds what it held before plus what concurrent
 * writers committed, nothing lost and nothing else changed:
 *
 * 1. Row counts: every table, dolt-ignored ones included (no commit holds them, so only the working set can speak
 *    for them), has at least the rows it had in the pre-state.
 * 2. The tree: Dolt's reflog of main lists every head main took, newest first, writers' commits included. Around the
 *    swap it reads `… replaced, flattened, w1 … wn`, where `flattened` is gt's commit on the marker, `replaced` the
 *    head it replaced (what writers committed before the swap included) and w1 … wn writers' later commits, which
 *    go on top of `flattened` and so change only what they wrote. So main holds what it held plus what writers
 *    committed exactly when `flattened` holds the same tables, schemas and rows as `replaced`.
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

/** The head the swap replaced, or why it cannot be told. */
export type ReplacedHead = { replaced: string } | { problem: string };

/**
 * The head the swap replaced, found in main's reflog (hashes, newest first) read after `head`: the entry before
 * `flattened`, gt's commit on the marker. Dolt's gc empties the reflog, so a gc between the swap and the check
 * would hide it.
 */
export function replacedHead(reflog: readonly string[], head: string, flattened: string): ReplacedHead {
  const headAt = reflog.indexOf(head);
  if (headAt < 0) return { problem: `main's head ${head} is not in main's reflog, so the swap cannot be checked` };
  const swapAt = reflog.indexOf(flattened, headAt);
  const replaced = swapAt < 0 ? undefined : reflog.slice(swapAt + 1).find((entry) => entry !== flattened);
  if (replaced === undefined) return { problem: `main's reflog no longer shows the swap to ${flattened} (a gc ran since?), so it cannot be checked` };
  return { replaced };
}
