import type mysql from 'mysql2/promise';
import { GT_AUTHOR } from '../../lib/gt-author.js';
import { checkout, commitCount, MAIN, rootCommit, WORK_BRANCHES } from './history.js';
import { firstRowOf, rowsOf, textOf } from './session.js';

/** One commit of main's first-parent history, with what the rebuilt copy of it keeps. */
export interface ChainCommit {
  hash: string;
  /** `Name <email>`, as DOLT_COMMIT's --author takes it. */
  author: string;
  /** To the second, in the form DOLT_COMMIT's --date parses. */
  date: string;
  message: string;
  firstParent: string | null;
}

/** The commits a surgical compaction keeps and the one it squashes the older history into. */
export interface SurgicalSelection {
  root: string;
  /** The newest commit squashed: the squash commit holds its tables. */
  squashBase: ChainCommit;
  /** How many commits the squash replaces (the first-parent chain from the root's child to squashBase). */
  squashed: number;
  /** The keepRecent newest first-parent commits, oldest first. */
  kept: ChainCommit[];
}

/** What the build made on work branches (main untouched): the two markers the two swaps merge. */
export interface SurgicalBuild {
  /** An empty commit on the rebuilt history's tip: merged by the second swap, it is main's marker afterwards. */
  built: string;
  /** A commit holding the root's tables on the rebuilt tip: merged by the first swap. */
  seam: string;
}

function toDate(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function chainCommit(row: mysql.RowDataPacket): ChainCommit {
  const parents = String(row.parents ?? '')
    .split(/[\s,]+/)
    .filter((parent) => parent.length > 0);
  return {
    hash: String(row.commit_hash),
    author: `${String(row.committer)} <${String(row.email)}>`,
    date: toDate(row.date),
    message: String(row.message),
    firstParent: parents[0] ?? null,
  };
}

/**
 * main's first-parent chain from its head, newest first, `length` commits at most (fewer when the root comes
 * first; the root is included then). dolt_log lists every commit, merged branches' too, so the chain is walked by
 * first parents over a window of the log that grows until the walk stays inside it.
 */
async function firstParentChain(connection: mysql.Connection, length: number): Promise<ChainCommit[]> {
  for (let window = length * 2 + 16; ; window *= 2) {
    const rows = await rowsOf(connection, "SELECT commit_hash, parents, committer, email, date, message FROM dolt_log(?, '--parents') LIMIT ?", [MAIN, window]);
    const byHash = new Map(rows.map((row) => [String(row.commit_hash), chainCommit(row)]));
    const chain: ChainCommit[] = [];
    let next: string | null = rows.length > 0 ? String(rows[0]?.commit_hash) : null;
    while (next !== null && chain.length < length) {
      const commit = byHash.get(next);
      if (commit === undefined) break;
      chain.push(commit);
      next = commit.firstParent;
    }
    const complete = chain.length === length || chain.at(-1)?.firstParent === null;
    if (complete || rows.length < window) return chain;
  }
}

/**
 * The keepRecent newest commits of main's first-parent history and the commit before them, or why there is nothing
 * to squash: the chain reaches the root first, or the squash would replace a single commit.
 */
export async function selectSurgical(connection: mysql.Connection, keepRecent: number): Promise<SurgicalSelection | string> {
  const chain = await firstParentChain(connection, keepRecent + 2);
  const squashBase = chain[keepRecent];
  const beforeIt = chain[keepRecent + 1];
  if (squashBase === undefined || beforeIt === undefined || beforeIt.firstParent === null) {
    return `main's first-parent history has ${Math.max(chain.length - 1, 0)} commits after the root: not more than one older than the ${keepRecent} kept, nothing to squash`;
  }
  const root = await rootCommit(connection, MAIN);
  const squashed = (await commitCount(connection, squashBase.hash)) - 1;
  return { root, squashBase, squashed, kept: chain.slice(0, keepRecent).reverse() };
}

/** The message of the commit that holds the squashed history's tables. */
export function squashMessage(squashed: number): string {
  return `gt compaction: ${squashed} older commits squashed into one`;
}

/** The message of the marker after the kept commits. */
export function keptMarkerMessage(kept: number): string {
  return `gt compaction: the ${kept} newest commits kept as they were; the next commit holds what was committed while it ran`;
}

/** The message of the commit the second swap makes: what agents committed while the rebuild ran. */
export const FOLDED_MESSAGE = 'gt compaction: the commits made while the history was rewritten, folded into one';

/** The message of the first swap's commit, which the second swap replaces within milliseconds. */
export const SEAM_SWAP_MESSAGE = 'gt compaction: first of two swaps (the next one replaces this commit)';

/** The hash of the database root the session's head holds: two commits with the same one hold the same everything. */
async function headRootHash(connection: mysql.Connection): Promise<string> {
  return textOf(connection, "SELECT DOLT_HASHOF_DB('HEAD')");
}

/**
 * On the checked-out work branch: a new commit with `parent` as its only parent that holds exactly `tree`'s tables,
 * schemas and rows (its whole database root), with the given message, author and date. A hard reset puts `tree`'s
 * root in the working set, a soft reset moves the branch to `parent` keeping it, and the commit takes all of it,
 * dolt-ignored names included (a table committed once stays committed). Checked: the new commit's root hash is
 * `tree`'s. Only the work branch moves; main is never touched.
 */
async function commitTree(connection: mysql.Connection, tree: string, parent: string, meta: { message: string; author: string; date?: string }): Promise<string> {
  await connection.query("CALL DOLT_RESET('--hard', ?)", [tree]);
  const wanted = await headRootHash(connection);
  await connection.query("CALL DOLT_RESET('--soft', ?)", [parent]);
  await connection.query("CALL DOLT_ADD('--force', '.')");
  const args = ['--allow-empty', '-m', meta.message, '--author', meta.author, ...(meta.date === undefined ? [] : ['--date', meta.date])];
  const row = await firstRowOf(connection, `CALL DOLT_COMMIT(${args.map(() => '?').join(', ')})`, args);
  const made = await headRootHash(connection);
  if (made !== wanted) throw new Error(`the rebuilt copy of ${tree} holds a different database (root ${made}, not ${wanted}); main was not touched`);
  return String(row?.hash);
}

/**
 * Builds the surgical history on gt's work branch, main untouched: the root, one commit holding the squash base's
 * tables, a copy of every kept commit (same tables, message, author and date), then two markers on that tip:
 * `built`, an empty commit, and `seam`, a commit holding the root's tables. The swaps need both. Main shares only
 * the root with the rebuilt history, so the first swap merges the seam, which brings nothing from there; once main
 * descends from the seam it shares the rebuilt tip, so the second swap merges `built`, which brings nothing from
 * there, and main's history ends in the kept commits and `built`. The session is back on main afterwards.
 */
export async function buildSurgical(connection: mysql.Connection, selection: SurgicalSelection): Promise<SurgicalBuild> {
  const { root, squashBase, squashed, kept } = selection;
  await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.work, root]);
  await checkout(connection, WORK_BRANCHES.work);
  try {
    let tip = await commitTree(connection, squashBase.hash, root, { message: squashMessage(squashed), author: GT_AUTHOR });
    for (const commit of kept) {
      tip = await commitTree(connection, commit.hash, tip, { message: commit.message, author: commit.author, date: commit.date });
    }
    await connection.query("CALL DOLT_RESET('--hard', ?)", [tip]);
    const built = String((await firstRowOf(connection, "CALL DOLT_COMMIT('--allow-empty', '-m', ?, '--author', ?)", [keptMarkerMessage(kept.length), GT_AUTHOR]))?.hash);
    const seam = await commitTree(connection, root, tip, { message: 'gt compaction: seam for the first swap (never stays in main)', author: GT_AUTHOR });
    await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.seam, seam]);
    await connection.query("CALL DOLT_BRANCH('-f', ?, ?)", [WORK_BRANCHES.built, built]);
    return { built, seam };
  } finally {
    await checkout(connection, MAIN);
  }
}
