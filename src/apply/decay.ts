import type mysql from 'mysql2/promise';
import type { RowDataPacket, ResultSetHeader } from 'mysql2/promise';
import { connectToServer, dropConnection, type ConnectionSettings } from '../lib/connect.js';
import { recordLifecycleRun } from '../lib/lifecycle-state.js';
import { firstRow, quoteString } from '../lib/sql.js';
import { townPaths } from '../lib/town-layout.js';
import { bareTables, closedExpiredWisps, relatedRowDeletes, relatedTablesIn, staleOpenWisps, utcDatetime } from '../observe/decay-queries.js';
import { decaySummary } from '../plan/plan-lifecycle.js';
import type { DecayAction, DecayCounts } from '../plan/types.js';
import { GT_AUTHOR } from '../lib/gt-author.js';

/** At most this many wisp ids in one statement, as Gas Town's reaper: each statement holds its rows briefly. */
export const DECAY_BATCH = 100;

export interface DecayOutcome {
  done: DecayCounts;
  /** The commit of changes to tracked tables; null when every table it touched is dolt-ignored (no commit at all). */
  commit: string | null;
}

/** One statement on the decay's connection, called hung after `timeoutMs` (mysql2 then closes the connection). */
type Run = <T extends RowDataPacket[] | ResultSetHeader>(sql: string) => Promise<T>;

function runner(connection: mysql.Connection, timeoutMs: number): Run {
  return async <T extends RowDataPacket[] | ResultSetHeader>(sql: string) => {
    const [result] = await connection.query<T>({ sql, timeout: timeoutMs });
    return result;
  };
}

/** The next batch of ids matching `fromWhere` (alias `w`), at most `limit`. */
async function nextIds(run: Run, fromWhere: string, limit: number): Promise<string[]> {
  const rows = await run<RowDataPacket[]>(`SELECT w.id ${fromWhere} ORDER BY w.id LIMIT ${Math.min(DECAY_BATCH, limit)}`);
  return rows.map((row) => String(row.id));
}

const idList = (ids: readonly string[]): string => ids.map(quoteString).join(', ');

/** Closes the stale open wisps, at most as many as planned, in batches; returns how many it closed. */
async function closeStale(run: Run, action: DecayAction, closedAt: string): Promise<number> {
  let closed = 0;
  while (closed < action.before.staleOpen) {
    const ids = await nextIds(run, staleOpenWisps(bareTables, action.tables, action.closeStaleBefore), action.before.staleOpen - closed);
    if (ids.length === 0) break;
    const result = await run<ResultSetHeader>(`UPDATE wisps SET status = 'closed', closed_at = ${quoteString(closedAt)} WHERE id IN (${idList(ids)})`);
    closed += result.affectedRows;
  }
  return closed;
}

/** Deletes the expired closed wisps (at most as many as planned) and their related rows, in batches. */
async function deleteExpired(run: Run, action: DecayAction): Promise<{ deleted: number; related: number }> {
  let deleted = 0;
  let related = 0;
  while (deleted < action.before.closedExpired) {
    const ids = await nextIds(run, closedExpiredWisps(bareTables, action.deleteClosedBefore), action.before.closedExpired - deleted);
    if (ids.length === 0) break;
    for (const table of relatedTablesIn(action.tables)) {
      for (const rows of relatedRowDeletes(bareTables, table, idList(ids))) related += (await run<ResultSetHeader>(`DELETE ${rows}`)).affectedRows;
    }
    deleted += (await run<ResultSetHeader>(`DELETE FROM wisps WHERE id IN (${idList(ids)})`)).affectedRows;
  }
  return { deleted, related };
}

/**
 * Commits what decay changed in tracked tables (wisp tables created before their dolt_ignore patterns were committed
 * are tracked): only those tables, with --skip-empty and gt's author. Dolt commits whole tables, so the commit also
 * takes what agents left uncommitted in them. Nothing tracked changed: no commit at all. Refuses while an agent has
 * other tables staged, which the commit would take too.
 */
async function commitTracked(run: Run, action: DecayAction, done: DecayCounts): Promise<string | null> {
  const touched = done.closedExpired > 0 ? action.tables : ['wisps'];
  const changed = await run<RowDataPacket[]>(`SELECT DISTINCT table_name FROM dolt_status WHERE table_name IN (${idList(touched)})`);
  if (changed.length === 0) return null;
  const tables = changed.map((row) => String(row.table_name));
  const staged = await run<RowDataPacket[]>(`SELECT DISTINCT table_name FROM dolt_status WHERE staged = 1 AND table_name NOT IN (${idList(tables)})`);
  if (staged.length > 0) {
    throw new Error(
      `${action.database} has staged changes that are not gt's (${staged.map((row) => String(row.table_name)).join(', ')}); ` +
        "decay's commit would take them too, so gt changed nothing. It tries again on the next run (or commit or unstage them).",
    );
  }
  await run(`CALL DOLT_ADD(${idList(tables)})`);
  const message = `gt: decay ${action.database}: ${decaySummary(done, 'done')}`;
  const result = await run<RowDataPacket[]>(`CALL DOLT_COMMIT('--skip-empty', '-m', ${quoteString(message)}, '--author', ${quoteString(GT_AUTHOR)})`);
  const hash = firstRow(result)?.hash;
  return typeof hash === 'string' && hash !== '' ? hash : null;
}

/**
 * Decays one database on `connection` (dedicated to it, opened on the database): in one transaction, closes the
 * stale wisps and deletes the expired ones with their related rows, in batches of at most DECAY_BATCH ids, never
 * more than the plan counted and by the plan's cutoffs; then commits tracked changes, if any. `now` is when the
 * wisps are closed. A failure rolls everything back.
 */
export async function runDecay(connection: mysql.Connection, action: DecayAction, now: Date, timeoutMs: number): Promise<DecayOutcome> {
  const run = runner(connection, timeoutMs);
  await run('BEGIN');
  try {
    const staleOpen = await closeStale(run, action, utcDatetime(now));
    const { deleted, related } = await deleteExpired(run, action);
    const done = { staleOpen, closedExpired: deleted, related };
    const commit = staleOpen + deleted > 0 ? await commitTracked(run, action, done) : null;
    await run('COMMIT');
    return { done, commit };
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What a decay did, for the apply report: its counts, the plan's when they differ, and its commit (or why none). */
export function describeDecay(action: DecayAction, outcome: DecayOutcome): string {
  const { done, commit } = outcome;
  const planned = action.before;
  const didSomething = done.staleOpen + done.closedExpired > 0;
  const parts = [didSomething ? decaySummary(done, 'done') : 'nothing left to do'];
  if (done.staleOpen !== planned.staleOpen || done.closedExpired !== planned.closedExpired || done.related !== planned.related) {
    parts.push(`the plan counted: ${decaySummary(planned)} (wisps changed since)`);
  }
  if (didSomething) parts.push(commit === null ? 'no commit (only dolt-ignored tables changed)' : `commit ${commit}`);
  return parts.join('; ');
}

/**
 * The executor step of a decay action: one connection of its own to the database (its transaction and batches
 * never share a session), the decay, and the run recorded in gt's lifecycle state so the next one waits its interval.
 */
export async function runDecayStep(action: DecayAction, townRoot: string, settings: ConnectionSettings, timeoutMs: number): Promise<string> {
  const connection = await connectToServer(settings, { database: action.database, timeoutMs });
  let outcome: DecayOutcome;
  try {
    outcome = await runDecay(connection, action, new Date(), timeoutMs);
  } catch (error) {
    dropConnection(connection);
    throw error;
  }
  await connection.end().catch(() => dropConnection(connection));
  const done = describeDecay(action, outcome);
  const statePath = townPaths(townRoot).lifecycleState;
  try {
    recordLifecycleRun(statePath, action.database, 'decay', new Date());
  } catch (error) {
    return `${done}; the run could not be recorded in ${statePath} (${(error as Error).message}), so the next one may come before its interval`;
  }
  return done;
}
