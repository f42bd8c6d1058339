import type mysql from 'mysql2/promise';
import type { DesiredState } from '../config/desired.js';
import { dropConnection } from '../lib/connect.js';
import { isTownDatabaseName, quoteIdentifier, quoteString, unionAllTree } from '../lib/sql.js';
import { testDatabasePrefix } from '../lib/test-databases.js';
import { townPaths } from '../lib/town-layout.js';
import { scanDataDir } from './databases-on-disk.js';
import { readTownFileFacts, type TownFileFacts } from './doctor-files.js';
import { canonicalPath, type DoltServerProcess } from './dolt-process-facts.js';
import { defaultProcessSource, findDoltServers, type ProcessSource } from './dolt-processes.js';
import type { ObservedServer } from './observed.js';
import { probeAndKeep } from './server-health.js';
import { inspectServerWith } from './server-process.js';
import { readStorageUsage, type StorageUsage } from './storage-usage.js';

/** Everything `gt doctor` looks at, read once: what its checks and its fixes are decided from. */
export interface DoctorObservation {
  /** The town root and data dir with symlinks resolved, as process paths are compared with them. */
  townRoot: string;
  dataDir: string;
  /** The town's own server, as gt diff sees it (pid file, the listener on the port, a health probe). */
  server: ObservedServer;
  /** Every `dolt sql-server` on the machine; an error when they cannot be listed (no /proc, no lsof). */
  processes: { source: ProcessSource; list: DoltServerProcess[] } | { source: ProcessSource; error: string };
  /** Databases the server serves, as it names them (its system ones included); null when it does not answer. */
  served: string[] | null;
  /** Last commit date (ISO) of the served databases no manifest declares present (asked in one statement). */
  lastCommits: Record<string, string>;
  onDisk: string[];
  incomplete: string[];
  files: TownFileFacts;
  usage: StorageUsage;
}

/**
 * The date of the last commit of each database, in one statement whatever their number (a UNION ALL tree of
 * scalar subqueries on each `dolt_log`, whose first row is HEAD). A database that fails it is left out.
 */
async function lastCommitDates(connection: mysql.Connection, names: readonly string[]): Promise<Record<string, string>> {
  if (names.length === 0) return {};
  const selects = names.map((name) => `SELECT ${quoteString(name)}, (SELECT date FROM ${quoteIdentifier(name)}.dolt_log LIMIT 1)`);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: unionAllTree(selects), rowsAsArray: true });
    const dates: Record<string, string> = {};
    for (const [name, date] of rows as unknown as [string, Date | string | null][]) {
      if (date !== null) dates[name] = new Date(date).toISOString();
    }
    return dates;
  } catch {
    return {}; // one broken database fails the statement: the check then shows when each was last written on disk
  }
}

/** The databases whose last commit a check shows: served town databases declared present nowhere (or a test name). */
function orphanCandidates(desired: DesiredState, served: readonly string[]): string[] {
  const declared = new Set(desired.databases.filter((db) => db.ensure === 'present').map((db) => db.name.toLowerCase()));
  return served.filter(isTownDatabaseName).filter((name) => !declared.has(name.toLowerCase()) || testDatabasePrefix(name) !== null);
}

async function listProcesses(source: ProcessSource): Promise<DoctorObservation['processes']> {
  try {
    return { source, list: await findDoltServers(source) };
  } catch (error) {
    return { source, error: (error as Error).message };
  }
}

/**
 * Observes what gt doctor checks. SQL: the health probe's one statement, and one more for the last commit dates of
 * orphan databases when there are any; the rest is /proc (or lsof) and the files.
 */
export async function observeForDoctor(desired: DesiredState, options: { processSource?: ProcessSource } = {}): Promise<DoctorObservation> {
  const { townRoot, server: settings } = desired;
  const inspection = inspectServerWith(townRoot, settings, probeAndKeep);
  const processes = listProcesses(options.processSource ?? defaultProcessSource());
  const scan = scanDataDir(settings.dataDir.value);
  const rigs = desired.databases.filter((db) => db.kind === 'Rig').map((db) => db.rig);
  const files = readTownFileFacts(townRoot, rigs);
  const usage = readStorageUsage(settings.dataDir.value, scan.databases, townPaths(townRoot).daemonDir);
  const { server, probe } = await inspection;
  let served: string[] | null = null;
  let lastCommits: Record<string, string> = {};
  if (probe?.ok) {
    try {
      served = probe.databases.filter((name) => !scan.incomplete.includes(name)).sort();
      lastCommits = await lastCommitDates(probe.connection, orphanCandidates(desired, served));
    } finally {
      await probe.connection.end().catch(() => dropConnection(probe.connection));
    }
  }
  return {
    townRoot: canonicalPath(townRoot),
    dataDir: canonicalPath(settings.dataDir.value),
    server,
    processes: await processes,
    served,
    lastCommits,
    onDisk: scan.databases,
    incomplete: scan.incomplete,
    files,
    usage,
  };
}
