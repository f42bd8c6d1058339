import type { RowDataPacket } from 'mysql2/promise';
import type { DesiredState } from '../../config/desired.js';
import { connectToServer } from '../../lib/connect.js';
import { quoteIdentifier } from '../../lib/sql.js';
import { formatAge } from '../../lifecycle/compaction/leftovers.js';
import {
  listRestorePoints,
  readRestorePointRecord,
  restorePointDir,
  restorePointUrl,
  type RestorePointEntry,
} from '../../lifecycle/compaction/restore-points.js';
import { directoryBytes } from '../../lifecycle/compaction/storage.js';
import { restoreAsNewDatabase } from '../../lifecycle/restore.js';
import { inspectServer } from '../../observe/server-process.js';
import { EXIT, type CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';
import { assertServerRunning } from './server-required.js';

export interface RestoreOptions {
  list?: boolean;
  from?: string;
  as?: string;
  lockTimeout: number;
}

/** One restore point as `--list` shows it (`-o json`: `{ "database", "restorePoints": [...] }`). */
export interface ListedRestorePoint {
  name: string;
  takenAt: string;
  /** false: an interrupted backup, removed by the next compaction. */
  complete: boolean;
  /** Commits of the database when the compaction that took it began; null when it did not record them. */
  commits: number | null;
  bytes: number;
  url: string;
}

export function listedRestorePoints(townRoot: string, database: string): ListedRestorePoint[] {
  return listRestorePoints(townRoot, database).map((entry: RestorePointEntry) => ({
    name: entry.name,
    takenAt: entry.takenAt.toISOString(),
    complete: entry.complete,
    commits: readRestorePointRecord(townRoot, database, entry.name)?.preState?.commits ?? null,
    bytes: directoryBytes(restorePointDir(townRoot, database, entry.name)),
    url: restorePointUrl(townRoot, database, entry.name),
  }));
}

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

export function renderRestorePointsText(database: string, points: readonly ListedRestorePoint[], now: Date, gt: string): string {
  if (points.length === 0) return `No restore points of ${database}: gt's compaction takes one before every rewrite.\n`;
  const header = ['RESTORE POINT', 'TAKEN (UTC)', 'AGE', 'COMMITS', 'SIZE', ''];
  const rows = points.map((point) => [
    point.name,
    point.takenAt.slice(0, 16).replace('T', ' '),
    formatAge(now.getTime() - Date.parse(point.takenAt)),
    point.commits === null ? '-' : point.commits.toLocaleString('en-US'),
    megabytes(point.bytes),
    point.complete ? '' : 'incomplete (an interrupted backup)',
  ]);
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] as string).length)));
  const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] as number)).join('  ').trimEnd();
  const newest = [...points].reverse().find((point) => point.complete);
  const hint = newest === undefined ? [] : ['', `Restore one as a new database: ${gt} dolt restore ${database} --from ${newest.name} --as ${database}_restored`];
  return `${[line(header), ...rows.map(line), ...hint].join('\n')}\n`;
}

async function restore(io: CommandIO, desired: DesiredState, database: string, from: string, as: string): Promise<void> {
  const { townRoot } = desired;
  const point = listRestorePoints(townRoot, database).find((entry) => entry.name === from);
  if (point === undefined || !point.complete) {
    throw new Error(`${database} has no ${point === undefined ? '' : 'complete '}restore point ${from}; list them with: ${io.invocation} dolt restore ${database} --list`);
  }
  const connection = await connectToServer(desired.server);
  try {
    await restoreAsNewDatabase(connection, { url: restorePointUrl(townRoot, database, from), label: `${database}'s restore point ${from}` }, as);
    const [rows] = await connection.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(as)}.dolt_log`);
    io.stdout.write(
      `✓ Restored ${database}'s restore point ${from} as ${as} (${Number(rows[0]?.n ?? 0).toLocaleString('en-US')} commits); ${database} was not touched.\n` +
        `  ${as} is not declared in any manifest: gt lists it as unmanaged and leaves it alone.\n`,
    );
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/**
 * `gt dolt restore DB --list`: the restore points compaction took of DB. `gt dolt restore DB --from RESTORE_POINT
 * --as NEW_DB`: restores one as a new database through the running server (an existing NEW_DB is refused, DB is
 * never touched), holding the applier lock like every imperative command.
 */
export async function runRestore(io: CommandIO, database: string, options: RestoreOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    if (options.list === true) {
      if (options.from !== undefined || options.as !== undefined) throw new Error('--list lists restore points; leave out --from and --as');
      const points = listedRestorePoints(desired.townRoot, database);
      io.stdout.write(io.output === 'json' ? `${JSON.stringify({ database, restorePoints: points }, null, 2)}\n` : renderRestorePointsText(database, points, new Date(), io.invocation));
      return EXIT.ok;
    }
    if (options.from === undefined || options.as === undefined) {
      throw new Error(`say which restore point and the new database's name: ${io.invocation} dolt restore ${database} --from RESTORE_POINT --as NEW_DB (list them with --list)`);
    }
    const { from, as } = options;
    assertServerRunning(desired.server, await inspectServer(desired.townRoot, desired.server), io.invocation);
    await withApplierLock(desired.townRoot, options.lockTimeout, () => restore(io, desired, database, from, as));
    return EXIT.ok;
  });
}
