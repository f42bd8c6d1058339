import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { clearCompactionDivergence } from '../lib/compaction-divergence.js';
import { connectToServer, dropConnection, type ConnectionSettings } from '../lib/connect.js';
import { maskUrlsInText } from '../lib/mask.js';
import { quoteString } from '../lib/sql.js';
import { recordSyncSuccess, type SyncTarget } from '../lib/sync-state.js';
import { townPaths } from '../lib/town-layout.js';
import type { BackupSyncAction, PushAction } from '../plan/types.js';

/** mysql2 gave up waiting for the statement (its `timeout`): the push or sync outlasted the declared timeout. */
function timedOut(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}

/**
 * One long statement (a push, a backup sync, a fetch) on a connection of its own to `database`, given up after
 * `timeoutMs`: the session's current database is the one it acts on, and nothing else shares the session.
 */
async function onOwnConnection<T>(settings: ConnectionSettings, database: string, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await connectToServer(settings, { database });
  try {
    const result = await work(connection);
    await connection.end().catch(() => dropConnection(connection));
    return result;
  } catch (error) {
    dropConnection(connection);
    throw error;
  }
}

/**
 * Before a forced push: fetches the remote and refuses unless its main is still the one the plan saw, so a force never
 * overwrites commits nobody reviewed (what git calls a push with lease).
 */
async function checkLease(connection: mysql.Connection, action: PushAction): Promise<void> {
  await connection.query({ sql: `CALL DOLT_FETCH(${quoteString(action.remote)})`, timeout: action.timeoutMs });
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT hash FROM dolt_remote_branches WHERE name = ${quoteString(`remotes/${action.remote}/main`)}`,
  );
  const now = rows[0] === undefined ? null : String(rows[0].hash);
  if (now !== action.expectedRemoteHead) {
    throw new Error(
      `${action.remote}/main moved since gt planned this forced push (it was ${action.expectedRemoteHead ?? 'absent'}, it is ` +
        `${now ?? 'absent'} now), so gt pushed nothing: review it, then run gt diff --refresh`,
    );
  }
}

function recordSuccess(townRoot: string, database: string, target: SyncTarget, name: string): string | null {
  const path = townPaths(townRoot).syncState;
  try {
    recordSyncSuccess(path, database, target, name, new Date());
    return null;
  } catch (error) {
    return `; it could not be recorded in ${path} (${(error as Error).message}), so the next one may come before its interval`;
  }
}

function failure(error: unknown, what: string, timeout: string, raise: string): Error {
  if (timedOut(error)) return new Error(`${what} did not finish within ${timeout}; raise ${raise}, or pass --sync-timeout`);
  return new Error(`${what} failed: ${maskUrlsInText(error instanceof Error ? error.message : String(error))}`);
}

/** What a push did, as planned: "pushed 14 commits", "pushed main (3 commits) for the first time", "forced …". */
function pushedText(action: PushAction): string {
  const position = action.before;
  if (action.force !== null) return `overwrote ${action.remote}/main with main (--force: ${action.force === 'flag' ? 'asked for' : "gt's compaction rewrote main"})`;
  if (position.state === 'untracked') return `pushed main (${position.commits} commit${position.commits === 1 ? '' : 's'}) for the first time`;
  const ahead = position.state === 'ahead' ? position.ahead : 0;
  return `pushed ${ahead} commit${ahead === 1 ? '' : 's'}`;
}

/**
 * Pushes main to the remote over SQL on the running server: never a commit (what is not committed is not pushed),
 * never a restart, --force only when the plan says why and the remote still holds what the plan saw. Records the
 * success for the push interval; a forced push over gt's own compaction clears that record.
 */
export async function runPushStep(action: PushAction, townRoot: string, settings: ConnectionSettings): Promise<string> {
  const what = `push of ${action.database} to ${action.remote}`;
  try {
    await onOwnConnection(settings, action.database, async (connection) => {
      if (action.force !== null) await checkLease(connection, action);
      const args = [...(action.force === null ? [] : ["'--force'"]), quoteString(action.remote), "'main'"];
      await connection.query({ sql: `CALL DOLT_PUSH(${args.join(', ')})`, timeout: action.timeoutMs });
    });
  } catch (error) {
    const raise = `the remote's pushTimeout (${action.timeout})`;
    const rejected = /non-fast-forward|rejected/i.test(error instanceof Error ? error.message : '');
    if (!rejected) throw failure(error, what, action.timeout, raise);
    throw new Error(`${what} was rejected: ${action.remote}/main has commits main lacks (someone else pushed); see them with gt diff --refresh`);
  }
  if (action.force === 'compaction') clearCompactionDivergence(townRoot, action.database, action.remote);
  return `${pushedText(action)}${recordSuccess(townRoot, action.database, 'push', action.remote) ?? ''}`;
}

/** Syncs one Dolt backup over SQL on the running server; records the success for its interval. */
export async function runBackupSyncStep(action: BackupSyncAction, townRoot: string, settings: ConnectionSettings): Promise<string> {
  const what = `sync of ${action.database}'s backup ${action.name}`;
  try {
    await onOwnConnection(settings, action.database, (connection) =>
      connection.query({ sql: `CALL DOLT_BACKUP('sync', ${quoteString(action.name)})`, timeout: action.timeoutMs }),
    );
  } catch (error) {
    throw failure(error, what, action.timeout, `the backup's timeout (${action.timeout})`);
  }
  return `synced${recordSuccess(townRoot, action.database, 'backup', action.name) ?? ''}`;
}
