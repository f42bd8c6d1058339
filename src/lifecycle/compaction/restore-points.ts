import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type mysql from 'mysql2/promise';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { quoteString } from '../../lib/sql.js';
import { townPaths } from '../../lib/town-layout.js';
import type { PreState } from './pre-state.js';
import type { CompactionMode, RestorePointRef } from './types.js';

/**
 * A restore point is a Dolt backup of the whole database (`DOLT_BACKUP('sync-url')`: every commit, the working set,
 * dolt-ignored tables included) in `<town>/.gt-restore-points/<db>/<UTC time>/`, with `<UTC time>.json` beside it.
 * The JSON is written only once the backup succeeded, so a directory without one is an interrupted backup. A backup
 * holds its own copy of the chunks, so unlike a tag it does not keep the rewritten history alive in the database.
 */

/** `20261203T030000.123Z`: the time a restore point was taken, sortable, valid in a path and a URL. */
export function restorePointName(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '');
}

/** The time in a restore point's name; null for a name gt did not give. */
export function restorePointTime(name: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z$/.exec(name);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, ms] = match;
  const time = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}Z`);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** What gt records beside a restore point. */
export interface RestorePointRecord {
  version: 1;
  database: string;
  name: string;
  url: string;
  takenAt: string;
  mode: CompactionMode;
  /** The state the compaction started from; absent when it stopped before recording it. */
  preState?: PreState & {
    storageBytes: number;
    /** Each checked remote's `main` when the rewrite began: a later push may replace exactly these. */
    remoteHeads: Record<string, string | null>;
  };
}

export interface RestorePointEntry {
  name: string;
  takenAt: Date;
  /** The backup finished (its record exists); an incomplete one is an interrupted backup. */
  complete: boolean;
}

function databaseDir(townRoot: string, database: string): string {
  return join(townPaths(townRoot).restorePointsDir, database);
}

export function restorePointDir(townRoot: string, database: string, name: string): string {
  return join(databaseDir(townRoot, database), name);
}

function recordPath(townRoot: string, database: string, name: string): string {
  return `${restorePointDir(townRoot, database, name)}.json`;
}

export function restorePointUrl(townRoot: string, database: string, name: string): string {
  return pathToFileURL(restorePointDir(townRoot, database, name)).href;
}

/** How to get a restore point back: as a new database, next to the one it was taken of. */
export function restorePointRef(townRoot: string, database: string, name: string, gt = 'gt'): RestorePointRef {
  const url = restorePointUrl(townRoot, database, name);
  const target = `${database}_restored`;
  return {
    name,
    url,
    restoreSql: `CALL DOLT_BACKUP('restore', ${quoteString(url)}, ${quoteString(target)})`,
    restoreCommand: `${gt} dolt restore ${database} --from ${name} --as ${target}`,
  };
}

/** The database's restore points, oldest first (directories gt did not name are not its restore points). */
export function listRestorePoints(townRoot: string, database: string): RestorePointEntry[] {
  const dir = databaseDir(townRoot, database);
  if (!existsSync(dir)) return [];
  const entries: RestorePointEntry[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const takenAt = entry.isDirectory() ? restorePointTime(entry.name) : null;
    if (takenAt === null) continue;
    entries.push({ name: entry.name, takenAt, complete: existsSync(recordPath(townRoot, database, entry.name)) });
  }
  return entries.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

export function readRestorePointRecord(townRoot: string, database: string, name: string): RestorePointRecord | null {
  try {
    const record = JSON.parse(readFileSync(recordPath(townRoot, database, name), 'utf8')) as RestorePointRecord;
    return record.version === 1 && record.name === name ? record : null;
  } catch {
    return null;
  }
}

export function writeRestorePointRecord(townRoot: string, record: RestorePointRecord): void {
  writeFileAtomic(recordPath(townRoot, record.database, record.name), `${JSON.stringify(record, null, 2)}\n`);
}

/** Removes a restore point: the record first, so a removal cut short leaves an incomplete one (removed next time). */
export function removeRestorePoint(townRoot: string, database: string, name: string): void {
  rmSync(recordPath(townRoot, database, name), { force: true });
  rmSync(restorePointDir(townRoot, database, name), { recursive: true, force: true });
}

/**
 * Backs the database up into a new restore point on the running server and records it. A failed backup leaves
 * nothing behind and throws: compaction never rewrites without a restore point.
 */
export async function takeRestorePoint(
  connection: mysql.Connection,
  townRoot: string,
  database: string,
  at: Date,
  mode: CompactionMode,
): Promise<RestorePointRecord> {
  const name = restorePointName(at);
  const dir = restorePointDir(townRoot, database, name);
  if (existsSync(dir)) throw new Error(`restore point ${dir} already exists`);
  mkdirSync(databaseDir(townRoot, database), { recursive: true });
  const url = restorePointUrl(townRoot, database, name);
  try {
    await connection.query("CALL DOLT_BACKUP('sync-url', ?)", [url]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not take a restore point of ${database} in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const record: RestorePointRecord = { version: 1, database, name, url, takenAt: at.toISOString(), mode };
  writeRestorePointRecord(townRoot, record);
  return record;
}

/** The records of the database's complete restore points, newest first. */
function recordsNewestFirst(townRoot: string, database: string): RestorePointRecord[] {
  return listRestorePoints(townRoot, database)
    .filter((entry) => entry.complete)
    .reverse()
    .map((entry) => readRestorePointRecord(townRoot, database, entry.name))
    .filter((record): record is RestorePointRecord => record !== null);
}

/** Each remote's `main` as earlier compactions found it when they began: what their rewrites replaced. */
export function recordedRemoteHeads(townRoot: string, database: string): Set<string> {
  const heads = new Set<string>();
  for (const record of recordsNewestFirst(townRoot, database)) {
    for (const head of Object.values(record.preState?.remoteHeads ?? {})) if (head !== null) heads.add(head);
  }
  return heads;
}

/** The newest record holding a pre-state: the run an interrupted compaction was (each run takes its own). */
export function newestRecordWithPreState(townRoot: string, database: string): RestorePointRecord | null {
  return recordsNewestFirst(townRoot, database).find((record) => record.preState !== undefined) ?? null;
}
