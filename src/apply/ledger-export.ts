import { mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type mysql from 'mysql2/promise';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { git, gitSucceeds } from '../lib/git.js';
import { GT_AUTHOR_EMAIL } from '../lib/gt-author.js';
import { updateLedgerState } from '../lib/ledger-state.js';
import { inspectArchive, uncommittedPaths } from '../observe/ledger-archive.js';
import { SCRUB_VERSION, LEDGER_TABLES } from '../observe/ledger-scrub.js';
import { exportDatabase, ledgerPath, readPrimaryKeys, type DatabaseExport } from '../observe/ledger-snapshot.js';
import type { LedgerExportAction } from '../plan/types.js';

/** What happened to each action of a step whose actions can end differently (the ledger's databases). */
export type ActionOutcomes = Map<LedgerExportAction, { status: 'done' | 'failed'; message: string }>;

/** gt commits as itself, author and committer, whatever the repository's or the user's git identity. */
const GT_IDENTITY: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'gt',
  GIT_AUTHOR_EMAIL: GT_AUTHOR_EMAIL,
  GIT_COMMITTER_NAME: 'gt',
  GIT_COMMITTER_EMAIL: GT_AUTHOR_EMAIL,
};

function byDatabase(actions: readonly LedgerExportAction[]): Map<string, LedgerExportAction[]> {
  const groups = new Map<string, LedgerExportAction[]>();
  for (const action of actions) groups.set(action.database, [...(groups.get(action.database) ?? []), action]);
  return groups;
}

const databasePaths = (database: string): string[] => LEDGER_TABLES.map((table) => ledgerPath(database, table));

/** The export must be what the plan showed: a table whose count differs means the plan's counts were not for this data. */
function checkPlanned(exported: DatabaseExport, planned: readonly LedgerExportAction[]): void {
  for (const action of planned) {
    const table = exported.tables.find((t) => t.table === action.table);
    if (table?.lines.length !== action.after.records) {
      throw new Error(`${action.path}: ${table?.lines.length ?? 0} records as of ${action.hash}, the plan counted ${action.after.records}`);
    }
  }
}

function writeDatabase(repo: string, exported: DatabaseExport): void {
  for (const table of exported.tables) {
    const path = join(repo, ledgerPath(exported.database, table.table));
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, table.text);
  }
}

/** The commit message: each database with the Dolt commit its files hold, so `AS OF <hash>` reproduces them. */
export function ledgerCommitMessage(exported: readonly DatabaseExport[]): string {
  const count = exported.length === 1 ? '1 database' : `${exported.length} databases`;
  const lines = exported.map(({ database, hash, tables }) => `${database} ${hash} ${tables.map((t) => `${t.table}=${t.lines.length}`).join(' ')}`);
  return `gt ledger export: ${count}\n\n${lines.join('\n')}\n\nscrub: ${SCRUB_VERSION}\n`;
}

/** Puts gt's files back as HEAD has them (a commit failed): no half-written export stays in the work tree. */
async function restoreFiles(repo: string, head: string | null, paths: readonly string[]): Promise<void> {
  await git(repo, ['reset', '-q', '--', ...paths]).catch(() => undefined);
  const tracked = head === null ? [] : (await git(repo, ['ls-tree', '-r', '--name-only', head, '--', ...paths])).split('\n').filter(Boolean);
  if (tracked.length > 0) await git(repo, ['checkout', '-q', head as string, '--', ...tracked]);
  for (const path of paths.filter((p) => !tracked.includes(p))) {
    try {
      unlinkSync(join(repo, path));
    } catch {
      // never written
    }
  }
}

/** Commits exactly gt's files of the exported databases (whatever else is staged stays staged); returns the commit. */
async function commitExport(repo: string, exported: readonly DatabaseExport[]): Promise<string | null> {
  const paths = exported.flatMap(({ database }) => databasePaths(database));
  await git(repo, ['add', '--', ...paths]);
  if (await gitSucceeds(repo, ['diff', '--cached', '--quiet', '--', ...paths])) return null;
  await git(repo, ['commit', '-q', '--no-edit', '-m', ledgerCommitMessage(exported), '--', ...paths], { env: GT_IDENTITY });
  return (await git(repo, ['rev-parse', 'HEAD'])).trim();
}

/**
 * After a commit from `previous` to `head` (by the lock, no other run writes the state meanwhile): the exported databases are up to date at `head`, and so is every database
 * that was up to date at `previous` (the commit touched only the exported databases' files).
 */
function recordExport(context: ExportContext, exported: readonly DatabaseExport[], previous: string | null, head: string): void {
  const { statePath, now, pushFollows } = context;
  updateLedgerState(statePath, (state) => {
    // until the push succeeds, the next run pushes (also when this one is stopped before it gets there)
    if (pushFollows) state.pushPending = true;
    for (const entry of Object.values(state.databases)) if (entry.archiveHead === previous) entry.archiveHead = head;
    for (const { database, hash } of exported) state.databases[database] = { hash, archiveHead: head, checkedAt: now.toISOString() };
  });
}

export interface ExportContext {
  connection: mysql.Connection;
  statePath: string;
  timeoutMs: number;
  now: Date;
  /** The plan pushes after the export. */
  pushFollows: boolean;
}

/** The archive is as planned: the same HEAD, and none of gt's files changed by hand since. */
async function checkArchive(repo: string, remote: string, plannedHead: string | null, databases: readonly string[]): Promise<void> {
  const archive = await inspectArchive(repo, remote);
  if (archive.state !== 'ok') throw new Error(archive.reason);
  if (archive.head !== plannedHead) {
    throw new Error(`the archive's HEAD moved since the plan (${archive.head ?? 'no commit'}, planned ${plannedHead ?? 'no commit'}); the next run plans again`);
  }
  const dirty = await uncommittedPaths(repo, databases.flatMap(databasePaths));
  if (dirty.length > 0) throw new Error(`${repo} has uncommitted changes to files gt writes: ${dirty.join(', ')}`);
}

/**
 * The ledger's export step: every database read again AS OF the hash its actions name (the same data the plan
 * compared, so the same files), its files written only once all its tables were read, then one commit of every
 * database that succeeded. A database that fails writes nothing; a commit that fails leaves gt's files as they were.
 */
export async function runLedgerExport(actions: readonly LedgerExportAction[], remote: string, context: ExportContext): Promise<ActionOutcomes> {
  const first = actions[0] as LedgerExportAction;
  const { repo, archiveHead } = first;
  const groups = byDatabase(actions);
  const outcomes: ActionOutcomes = new Map();
  await checkArchive(repo, remote, archiveHead, [...groups.keys()]);
  const primaryKeys = await readPrimaryKeys(context.connection, [...groups.keys()], context.timeoutMs);
  const exported: DatabaseExport[] = [];
  for (const [database, planned] of groups) {
    try {
      const found = await exportDatabase(context.connection, database, (planned[0] as LedgerExportAction).hash, primaryKeys.get(database) ?? new Map(), context.timeoutMs);
      checkPlanned(found, planned);
      writeDatabase(repo, found);
      exported.push(found);
    } catch (error) {
      for (const action of planned) outcomes.set(action, { status: 'failed', message: `nothing written for ${database}: ${(error as Error).message}` });
    }
  }
  if (exported.length === 0) return outcomes;
  const paths = exported.flatMap(({ database }) => databasePaths(database));
  let head: string | null;
  try {
    head = await commitExport(repo, exported);
  } catch (error) {
    await restoreFiles(repo, archiveHead, paths);
    throw error;
  }
  if (head !== null) recordExport(context, exported, archiveHead, head);
  const sources = exported.map(({ database, hash }) => `${database} as of ${hash.slice(0, 8)}`).join(', ');
  const message = `${head === null ? 'already in the archive' : `commit ${head.slice(0, 12)}`}: ${sources}`;
  for (const { database } of exported) for (const action of groups.get(database) ?? []) outcomes.set(action, { status: 'done', message });
  return outcomes;
}
