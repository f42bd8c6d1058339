import type mysql from 'mysql2/promise';
import type { DesiredState, LedgerSpec } from '../config/desired.js';
import { readLedgerState, updateLedgerState, type LedgerDatabaseState, type LedgerState } from '../lib/ledger-state.js';
import { townPaths } from '../lib/town-layout.js';
import { inspectArchive, readCommittedFiles, uncommittedPaths } from './ledger-archive.js';
import { compareTable } from './ledger-diff.js';
import { LEDGER_TABLES } from './ledger-scrub.js';
import { exportDatabase, ledgerPath, readMainHashes, readPrimaryKeys, type PrimaryKeys } from './ledger-snapshot.js';
import type { LedgerDatabaseFacts, LedgerTableFacts, ObservedLedger } from './observed.js';

/** Which databases an observation considers for export. */
export interface LedgerScope {
  /** Export now, whatever the interval (`gt ledger export`); else only databases whose interval passed. */
  ignoreInterval: boolean;
  /** Only these (`gt ledger export --db`); null: every database the ledger lists. */
  databases: readonly string[] | null;
}

export const DAEMON_SCOPE: LedgerScope = { ignoreInterval: false, databases: null };

/** gt exports the ledger itself: one is declared and the lifecycle's executor is gt (else Gas Town's patrol does). */
export function ledgerExportedByGt(desired: Pick<DesiredState, 'ledger' | 'lifecycle'>): desired is { ledger: LedgerSpec } & Pick<DesiredState, 'lifecycle'> {
  return desired.ledger !== null && desired.lifecycle.executor === 'gt';
}

/** Served listed databases whose interval passed since gt last exported them or found them up to date. */
export function dueDatabases(ledger: LedgerSpec, state: LedgerState, served: readonly string[], nowMs: number, scope: LedgerScope): string[] {
  const servedNames = new Set(served);
  const wanted = scope.databases === null ? null : new Set(scope.databases);
  return ledger.databases.filter((name) => {
    if (!servedNames.has(name) || (wanted !== null && !wanted.has(name))) return false;
    const checkedAt = state.databases[name]?.checkedAt;
    return scope.ignoreInterval || checkedAt === undefined || nowMs - Date.parse(checkedAt) >= ledger.interval.ms;
  });
}

/** The archive already holds the export of this database's current commit. */
function inSync(entry: LedgerDatabaseState | undefined, hash: string | undefined, archiveHead: string | null): boolean {
  return entry !== undefined && hash !== undefined && archiveHead !== null && entry.hash === hash && entry.archiveHead === archiveHead;
}

interface ReadContext {
  connection: mysql.Connection;
  repo: string;
  head: string | null;
  primaryKeys: PrimaryKeys;
  timeoutMs: number;
}

/** Reads one database as of `hash` and compares each table with the archive's HEAD. */
async function compareDatabase(context: ReadContext, database: string, hash: string): Promise<LedgerDatabaseFacts> {
  let tables: LedgerTableFacts[];
  try {
    const exported = await exportDatabase(context.connection, database, hash, context.primaryKeys.get(database) ?? new Map(), context.timeoutMs);
    const paths = exported.tables.map((table) => ledgerPath(database, table.table));
    const committed = await readCommittedFiles(context.repo, context.head, paths);
    tables = exported.tables.map((table) => {
      const path = ledgerPath(database, table.table);
      return { table: table.table, path, ...compareTable(committed.get(path) ?? null, table.text, table.lines, table.keys, table.primaryKey) };
    });
  } catch (error) {
    return { state: 'failed', hash, reason: (error as Error).message };
  }
  return { state: 'read', hash, tables };
}

/**
 * The ledger as far as the plan needs it. Nothing is read while no database is due (by its interval) and no push is
 * pending. For due databases: the archive repository (a few local git commands), then every database's main hash in
 * one statement; a database whose hash and archive commit are those gt last exported or checked is up to date without
 * another statement. The others are read AS OF their hash (one statement per table) and compared with the archive's
 * HEAD; those found identical are recorded as up to date, so the next observation reads nothing for them, and those
 * found to differ stay due until exported.
 */
export async function observeLedger(
  connection: mysql.Connection,
  desired: DesiredState,
  served: readonly string[],
  now: Date,
  scope: LedgerScope,
  timeoutMs: number,
): Promise<ObservedLedger | null> {
  if (!ledgerExportedByGt(desired)) return null;
  const { ledger } = desired;
  const statePath = townPaths(desired.townRoot).ledgerState;
  const state = readLedgerState(statePath);
  const observed: ObservedLedger = { archive: { state: 'not-read' }, databases: {}, pushPending: state.pushPending, pushFailures: state.pushFailures };
  const due = dueDatabases(ledger, state, served, now.getTime(), scope);
  if (due.length === 0 && !state.pushPending) return observed;
  const archive = await inspectArchive(ledger.repo, ledger.remote);
  observed.archive = archive;
  if (archive.state !== 'ok' || due.length === 0) return observed;

  const hashes = await readMainHashes(connection, due, timeoutMs);
  const stale = due.filter((name) => !inSync(state.databases[name], hashes.get(name), archive.head));
  if (stale.length === 0) return observed;
  const dirty = await uncommittedPaths(ledger.repo, stale.flatMap((name) => LEDGER_TABLES.map((table) => ledgerPath(name, table))));
  const context: ReadContext = { connection, repo: ledger.repo, head: archive.head, primaryKeys: await readPrimaryKeys(connection, stale, timeoutMs), timeoutMs };
  const upToDate: [string, string][] = [];
  for (const name of stale) {
    const hash = hashes.get(name);
    const paths = dirty.filter((path) => path.startsWith(`${name}/`));
    let facts: LedgerDatabaseFacts;
    if (hash === undefined) facts = { state: 'failed', hash: null, reason: `${name} has no branch main` };
    else if (paths.length > 0) facts = { state: 'uncommitted', hash, paths };
    else facts = await compareDatabase(context, name, hash);
    if (facts.state === 'read' && archive.head !== null && facts.tables.every((table) => table.identical)) upToDate.push([name, facts.hash]);
    else observed.databases[name] = facts;
  }
  recordFindings(statePath, { upToDate, differing: Object.keys(observed.databases), archiveHead: archive.head, now });
  return observed;
}

/**
 * Remembers that the archive's HEAD holds the up-to-date databases' exports, so the next observation need not read
 * them; and forgets the entries of databases found to differ, so they stay due (shown by every gt diff, exported by
 * the next apply) until exported or found up to date, whatever the interval.
 */
function recordFindings(
  statePath: string,
  found: { upToDate: readonly [string, string][]; differing: readonly string[]; archiveHead: string | null; now: Date },
): void {
  const { upToDate, differing, archiveHead, now } = found;
  if ((upToDate.length === 0 || archiveHead === null) && differing.length === 0) return;
  try {
    updateLedgerState(statePath, (state) => {
      for (const name of differing) delete state.databases[name];
      if (archiveHead !== null) for (const [name, hash] of upToDate) state.databases[name] = { hash, archiveHead, checkedAt: now.toISOString() };
    });
  } catch {
    // only saves work: where daemon/ cannot be written, the next observation compares again
  }
}
