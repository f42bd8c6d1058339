import type mysql from 'mysql2/promise';
import { GT_AUTHOR } from '../../lib/gt-author.js';
import { checkout, MAIN, rootCommit, WORK_BRANCHES } from './history.js';
import { firstRowOf, textOf } from './session.js';

/** How often the swap is tried when an attempt fails for a passing reason; then the step fails with main untouched. */
const SWAP_ATTEMPTS = 10;
/** The pause before the next attempt grows by this much each time (at most 2.25 s in all). */
const SWAP_RETRY_PAUSE_MS = 50;

/**
 * Why the history is too short to flatten; null when there is something to do. A flattened history is three
 * commits (the root, the marker, the commit holding the tables), so flattening three or fewer gains nothing.
 */
export function nothingToCompact(commits: number): string | null {
  return commits <= 3 ? `${commits} commit${commits === 1 ? '' : 's'}: already flat` : null;
}

/** The message of the commit that holds main's tables after a flatten of `commits` commits. */
export function flattenedMessage(commits: number): string {
  return `gt compaction: ${commits} commits flattened into one`;
}

/**
 * Makes the marker commit: an empty commit on the root, on the work branch (main untouched), then marked `built`.
 * It holds the root's tables, so merging it into main brings no change whatever agents commit meanwhile (their
 * merge base is the root): the swap cannot conflict. The session is back on main afterwards.
 */
export async function buildMarker(connection: mysql.Connection, commits: number): Promise<string> {
  const root = await rootCommit(connection, MAIN);
  await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.work, root]);
  await checkout(connection, WORK_BRANCHES.work);
  try {
    await connection.query("CALL DOLT_COMMIT('--allow-empty', '-m', ?, '--author', ?)", [
      `gt compaction: ${commits} commits flattened; the next commit holds their tables`,
      GT_AUTHOR,
    ]);
  } finally {
    await checkout(connection, MAIN);
  }
  const marker = await textOf(connection, 'SELECT DOLT_HASHOF(?)', [WORK_BRANCHES.work]);
  await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.built, marker]);
  return marker;
}

function stompedTables(message: string): string | null {
  const match = /local changes would be stomped by merge:\s*([\s\S]*?)\s*Please commit/i.exec(message);
  return match ? (match[1] ?? '').trim().split(/\s+/).join(', ') : null;
}

/** What failed an attempt at the swap that may succeed when tried again, in words; null for any other error. */
function transientCause(error: unknown): string | null {
  const { errno, message = String(error) } = error as { errno?: number; message?: string };
  if (errno === 1213 || /serialization failure/i.test(message)) return 'a serialization failure (an agent changed one row twice within milliseconds)';
  const tables = stompedTables(message);
  if (tables === null) return null;
  return `uncommitted changes to ${tables} in main's working set, which the swap does not commit as gt's: commit them (or let the writer finish) and run again`;
}

/** One attempt at the swap, in one transaction: merge the marker without committing, then amend main's head onto it. */
async function amendOntoMarker(connection: mysql.Connection, marker: string, message: string): Promise<string> {
  await connection.query('START TRANSACTION');
  const merge = await firstRowOf(connection, "CALL DOLT_MERGE('--no-commit', ?)", [marker]);
  if (Number(merge?.conflicts ?? 0) !== 0) {
    throw new Error(`merging the marker ${marker} into main found conflicts, which a marker holding the root's tables cannot cause; main was not touched`);
  }
  const commit = await firstRowOf(connection, "CALL DOLT_COMMIT('--amend', '-m', ?, '--author', ?)", [message, GT_AUTHOR]);
  await connection.query('COMMIT');
  return String(commit?.hash);
}

/**
 * Replaces main's head by one commit whose only parent is `marker` and which holds main's tables, and returns it.
 * The marker must hold the same tables as its merge base with main, so merging it brings no change. With a merge in
 * progress, an amend takes the merged commit as its only parent. The amend goes through Dolt's transaction commit,
 * under the lock every writer's commit takes, so no writer fails; what writers committed meanwhile Dolt merges into
 * the new commit, and their later commits go on top of it. Main's working set (dolt-ignored tables included) is kept.
 * An attempt that fails for a passing reason (transientCause) is rolled back and tried again after a short pause.
 */
export async function swapMain(connection: mysql.Connection, marker: string, message: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await amendOntoMarker(connection, marker, message);
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      const cause = transientCause(error);
      if (cause === null) throw error;
      if (attempt === SWAP_ATTEMPTS) throw new Error(`the swap failed ${SWAP_ATTEMPTS} times in a row on ${cause}; main was not touched`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, SWAP_RETRY_PAUSE_MS * attempt));
    }
  }
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
