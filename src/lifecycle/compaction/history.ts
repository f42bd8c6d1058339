import type mysql from 'mysql2/promise';
import { numberOf, rowsOf, textOf } from './session.js';

/** The branch compaction rewrites: beads databases commit to main, and it is the default branch Dolt will not delete. */
export const MAIN = 'main';

/**
 * gt's work branches, all named `gt-compact-…` so an interrupted run's are recognised: `work` is where the rebuilt
 * history is made; `built` marks the finished marker, which main's history holds once the swap is done; `seam`
 * (surgical only) marks the commit the first of surgical's two swaps merges, which main's history holds between
 * them. `work` alone cannot say how far a run got: until the marker is committed it points at the root, which main
 * holds too.
 */
export const WORK_BRANCHES = {
  work: 'gt-compact-work',
  seam: 'gt-compact-seam',
  built: 'gt-compact-built',
} as const;

export async function headOf(connection: mysql.Connection, revision: string): Promise<string> {
  return textOf(connection, 'SELECT DOLT_HASHOF(?)', [revision]);
}

/** Commits reachable from `revision` (every commit, merges included). */
export async function commitCount(connection: mysql.Connection, revision: string): Promise<number> {
  return numberOf(connection, 'SELECT COUNT(*) FROM dolt_log(?)', [revision]);
}

/** The first commit of the history (Dolt's "Initialize data repository"), the root every rewrite starts from. */
export async function rootCommit(connection: mysql.Connection, revision: string): Promise<string> {
  return textOf(connection, 'SELECT commit_hash FROM dolt_log(?) ORDER BY commit_order ASC LIMIT 1', [revision]);
}

export async function branchNames(connection: mysql.Connection): Promise<string[]> {
  return (await rowsOf(connection, 'SELECT name FROM dolt_branches ORDER BY name')).map((row) => String(row.name));
}

/** Whether `commit` is `revision`'s head or one of its ancestors. */
export async function isInHistoryOf(connection: mysql.Connection, commit: string, revision: string): Promise<boolean> {
  return (await textOf(connection, 'SELECT DOLT_MERGE_BASE(?, ?)', [commit, revision])) === commit;
}

/** Whether two commits hold the same tables, schemas and rows (Dolt's diff summary lists no table). */
export async function sameTree(connection: mysql.Connection, from: string, to: string): Promise<boolean> {
  return (await numberOf(connection, 'SELECT COUNT(*) FROM dolt_diff_summary(?, ?)', [from, to])) === 0;
}

export async function checkout(connection: mysql.Connection, branch: string): Promise<void> {
  await connection.query('CALL DOLT_CHECKOUT(?)', [branch]);
}
