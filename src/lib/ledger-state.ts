import { readOwnJsonFile, writeOwnJsonFile } from './lifecycle-state.js';

/** What gt knows of one database's export: the archive commit that holds the export of Dolt commit `hash`. */
export interface LedgerDatabaseState {
  /** The Dolt commit (main) whose export the archive holds. */
  hash: string;
  /** The archive's commit that holds it: once the archive moves, the files are compared again. */
  archiveHead: string;
  /** When gt last exported the database or found the archive up to date (UTC ISO): the interval counts from it. */
  checkedAt: string;
}

/** gt's ledger state file. */
export interface LedgerState {
  version: 1;
  databases: Record<string, LedgerDatabaseState>;
  /** Pushes that failed in a row since the last one that succeeded. */
  pushFailures: number;
  /** The last push failed: the archive has commits the remote lacks, pushed by the next run. */
  pushPending: boolean;
  /** Why the last push failed; null after a success. */
  lastPushError: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function databaseState(value: unknown): LedgerDatabaseState | null {
  if (!isRecord(value)) return null;
  const { hash, archiveHead, checkedAt } = value;
  if (typeof hash !== 'string' || typeof archiveHead !== 'string' || typeof checkedAt !== 'string') return null;
  return Number.isNaN(Date.parse(checkedAt)) ? null : { hash, archiveHead, checkedAt };
}

/**
 * The state; an empty one when the file is missing or damaged (gt's own state is rebuilt by running: at worst every
 * database is compared with the archive once more).
 */
export function readLedgerState(path: string): LedgerState {
  const file = readOwnJsonFile(path);
  const databases: Record<string, LedgerDatabaseState> = {};
  for (const [name, value] of Object.entries(isRecord(file?.databases) ? file.databases : {})) {
    const entry = databaseState(value);
    if (entry !== null) databases[name] = entry;
  }
  const pushFailures = typeof file?.pushFailures === 'number' && Number.isInteger(file.pushFailures) ? Math.max(0, file.pushFailures) : 0;
  return {
    version: 1,
    databases,
    pushFailures,
    pushPending: file?.pushPending === true,
    lastPushError: typeof file?.lastPushError === 'string' ? file.lastPushError : null,
  };
}

/** Re-reads the state, applies `change` and writes it back (callers hold the applier lock, or only record a check). */
export function updateLedgerState(path: string, change: (state: LedgerState) => void): void {
  const state = readLedgerState(path);
  change(state);
  writeOwnJsonFile(path, state);
}
