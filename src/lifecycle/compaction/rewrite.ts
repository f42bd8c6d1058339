import type mysql from 'mysql2/promise';
import { GT_AUTHOR } from '../../lib/gt-author.js';
import { checkout, commitBefore, headOf, MAIN, rootCommit, sameTree, WORK_BRANCHES } from './history.js';
import { firstRowOf } from './session.js';
import type { CompactionMode } from './types.js';

/** Stages every tracked table and commits as gt; an empty commit is never made (`--skip-empty`). */
const COMMIT_ALL = "CALL DOLT_COMMIT('-A', '--skip-empty', '-m', ?, '--author', ?)";

/** How often the rewrite catches up with main before the swap; what writers commit after the last round, the fold takes. */
const CATCH_UP_ROUNDS = 3;

/**
 * A commit on top of `parent` holding exactly `head`'s tables, made on `branch` (moved to `head`, its working set
 * with it): a soft reset keeps the working set, so the commit holds `head`'s tree. Returns `parent` when the trees
 * are already equal. The session is back on main afterwards.
 */
async function commitTreeOnto(connection: mysql.Connection, branch: string, head: string, parent: string, message: string): Promise<string> {
  await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [branch, head]);
  await checkout(connection, branch);
  try {
    await connection.query("CALL DOLT_RESET('--soft', ?)", [parent]);
    const row = await firstRowOf(connection, COMMIT_ALL, [message, GT_AUTHOR]);
    return row?.hash ? String(row.hash) : parent;
  } finally {
    await checkout(connection, MAIN);
  }
}

/**
 * Surgical: the history before the last `keepRecent` commits squashed into one commit (the `base` branch), then
 * `head` rebased onto it with every older commit dropped, so the last `keepRecent` commits are replayed on a parent
 * holding the same tree they had. Dropping costs nothing; only the kept commits are replayed.
 */
async function rebaseKeepingRecent(connection: mysql.Connection, head: string, root: string, keepRecent: number, squashed: number): Promise<string> {
  const boundary = await commitBefore(connection, head, keepRecent);
  await commitTreeOnto(connection, WORK_BRANCHES.base, boundary, root, `gt compaction: ${squashed} commits squashed into one`);
  await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.work, head]);
  await checkout(connection, WORK_BRANCHES.work);
  try {
    await connection.query('CALL DOLT_REBASE(?, ?)', ['--interactive', WORK_BRANCHES.base]);
    try {
      await connection.query(`UPDATE dolt_rebase SET action = 'drop' WHERE rebase_order <= (SELECT MAX(rebase_order) FROM dolt_rebase) - ${keepRecent}`);
      await connection.query("CALL DOLT_REBASE('--continue')");
    } catch (error) {
      await connection.query("CALL DOLT_REBASE('--abort')").catch(() => undefined);
      throw error;
    }
    return await headOf(connection, WORK_BRANCHES.work);
  } finally {
    await checkout(connection, MAIN);
  }
}

/** The history the rewrite builds and what it was built from. */
export interface BuiltHistory {
  /** The rewritten head main will be pointed at. */
  built: string;
  /** The main head whose tree `built` holds. */
  from: string;
  /** The commit catch-up commits go on: the root for a flatten, the rebased head for a surgical rewrite. */
  catchUpParent: string;
}

/** Why `head`'s history is too short to compact in this mode; null when there is something to compact. */
export function nothingToCompact(mode: CompactionMode, commits: number, keepRecent: number): string | null {
  if (mode === 'flatten') return commits <= 2 ? `${commits} commit${commits === 1 ? '' : 's'}: already flat` : null;
  const squashed = commits - 1 - keepRecent;
  return squashed < 2 ? `${commits} commits: surgical keeps the root and the last ${keepRecent}, so there is nothing to squash` : null;
}

/**
 * Builds the rewritten history of `head` on work branches (main untouched) and checks it holds exactly `head`'s
 * tables, schemas and rows: a rewrite that changed data never reaches main.
 */
export async function buildRewrite(connection: mysql.Connection, mode: CompactionMode, keepRecent: number, head: string, commits: number): Promise<BuiltHistory> {
  const root = await rootCommit(connection, head);
  const built =
    mode === 'flatten'
      ? await commitTreeOnto(connection, WORK_BRANCHES.work, head, root, `gt compaction: ${commits} commits flattened into one`)
      : await rebaseKeepingRecent(connection, head, root, keepRecent, commits - 1 - keepRecent);
  if (!(await sameTree(connection, head, built))) {
    throw new Error(`the rewritten history (${built}) does not hold what main held at ${head}; main was not touched`);
  }
  return { built, from: head, catchUpParent: mode === 'flatten' ? root : built };
}

/**
 * Brings the rewrite up to main's current head: what writers committed while it was built becomes one commit on
 * `catchUpParent` (a flatten stays one commit). A few rounds, as writers keep committing; the fold takes the rest.
 */
export async function catchUp(connection: mysql.Connection, history: BuiltHistory): Promise<BuiltHistory> {
  let current = history;
  for (let round = 0; round < CATCH_UP_ROUNDS; round++) {
    const head = await headOf(connection, MAIN);
    if (head === current.from) break;
    const built = await commitTreeOnto(connection, WORK_BRANCHES.catchup, head, history.catchUpParent, 'gt compaction: commits made while the history was rewritten');
    if (!(await sameTree(connection, head, built))) {
      throw new Error(`the caught-up history (${built}) does not hold what main held at ${head}; main was not touched`);
    }
    current = { ...current, built, from: head };
  }
  return current;
}

/** Marks the finished rewrite: from here on an interrupted run is finished by the next one, not started over. */
export async function markBuilt(connection: mysql.Connection, built: string): Promise<void> {
  await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.built, built]);
}

/**
 * Points main at the rewritten history: a soft reset moves only the branch head and keeps main's working set,
 * with every row (dolt-ignored tables included) and what writers committed since the rewrite was built.
 * Never a hard reset (it would discard uncommitted rows) and never a forced branch move (it would replace the
 * working set, dropping the dolt-ignored tables).
 */
export async function swapMain(connection: mysql.Connection, built: string): Promise<void> {
  await connection.query("CALL DOLT_RESET('--soft', ?)", [built]);
}

/** The message of gt's fold commit, by which the integrity check tells it from writers' commits. */
export const FOLD_MESSAGE = 'gt compaction: commits made while main was swapped to the rewritten history';

/** Commits what the working set holds beyond the rewritten head; null when there is nothing (no empty commit). */
export async function foldConcurrentCommits(connection: mysql.Connection): Promise<string | null> {
  const row = await firstRowOf(connection, COMMIT_ALL, [FOLD_MESSAGE, GT_AUTHOR]);
  return row?.hash ? String(row.hash) : null;
}

/** Deletes gt's work branches in the order given (a branch already gone is fine). */
export async function deleteBranches(connection: mysql.Connection, branches: readonly string[]): Promise<void> {
  for (const branch of branches) {
    try {
      await connection.query("CALL DOLT_BRANCH('-D', ?)", [branch]);
    } catch (error) {
      if (!/branch not found/i.test(error instanceof Error ? error.message : String(error))) throw error;
    }
  }
}
