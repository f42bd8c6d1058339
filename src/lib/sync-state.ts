import { readOwnJsonFile, writeOwnJsonFile } from './lifecycle-state.js';

/** What gt syncs of a database: main pushed to a remote, or a Dolt backup synced. */
export type SyncTarget = 'push' | 'backup';

/** When each push and backup sync of one database last succeeded (UTC ISO), by remote or backup name. */
export interface DatabaseSyncRuns {
  push: Record<string, string>;
  backup: Record<string, string>;
}

/** gt's sync state file: per database, the last success of each push and backup sync. */
interface SyncStateFile {
  version: 1;
  databases: Record<string, DatabaseSyncRuns>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timesOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !Number.isNaN(Date.parse(entry[1]))),
  );
}

/**
 * Per database, when gt last pushed to each remote and synced each backup; {} for a town where it never did. A missing
 * or damaged file is no error (gt's own state): the work it tracks is then done once more before its interval.
 */
export function readSyncState(path: string): Record<string, DatabaseSyncRuns> {
  const file = readOwnJsonFile(path);
  const databases = isRecord(file?.databases) ? file.databases : {};
  return Object.fromEntries(
    Object.entries(databases).map(([name, runs]) => [name, { push: timesOf(isRecord(runs) ? runs.push : null), backup: timesOf(isRecord(runs) ? runs.backup : null) }]),
  );
}

/** Records that a push to `name` (a remote) or a sync of `name` (a backup) of `database` succeeded at `at`. */
export function recordSyncSuccess(path: string, database: string, target: SyncTarget, name: string, at: Date): void {
  const databases = readSyncState(path);
  const runs = databases[database] ?? { push: {}, backup: {} };
  runs[target] = { ...runs[target], [name]: at.toISOString() };
  databases[database] = runs;
  const file: SyncStateFile = { version: 1, databases };
  writeOwnJsonFile(path, file);
}
