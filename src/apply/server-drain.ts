import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { ServerSettings } from '../config/desired.js';
import { connectToServer, dropConnection } from '../lib/connect.js';
import {
  describeWaiting,
  drainVerdict,
  initialDrainState,
  observeDrain,
  type DrainOutcome,
  type DrainSample,
} from './drain-decision.js';

/**
 * What Dolt 1.86.4 tells another session about its clients, checked on a running `dolt sql-server` with one idle
 * connection, one inside `BEGIN; INSERT` (left open), one inside `START TRANSACTION; SELECT` and one running
 * `SELECT SLEEP(3)`:
 * - `information_schema.processlist` (and `SHOW FULL PROCESSLIST`): COMMAND is `Query` only while a statement
 *   executes; all three others show `Sleep` with an empty STATE and INFO. An open transaction is invisible there.
 * - `information_schema.innodb_trx` exists but is always empty; there is no `performance_schema` and no
 *   `dolt_transactions` table; `@@in_transaction` is unknown.
 * - `FLUSH TABLES WITH READ LOCK`, `LOCK TABLES t WRITE` and `SET GLOBAL read_only = 1` are accepted but do not hold
 *   or refuse another session's INSERT, so gt cannot pause new transactions either.
 * - `SHOW GLOBAL STATUS LIKE 'Questions'` counts every statement of every session (BEGIN and COMMIT included, a
 *   failing statement too), gt's own included.
 * So the drain watches for a quiet moment (see drain-decision.ts): the processlist shows what runs now, and the
 * Questions counter catches statements that started and ended between two looks.
 */
const STATEMENTS_PER_SAMPLE = 2;

/** Fast enough that a pause between two transactions of a busy agent (tens of ms) is seen. */
const SAMPLE_EVERY_MS = 10;

/** How long every client must have been silent: far longer than the gap between statements of one transaction. */
export const QUIET_MS = 50;

async function takeSample(
  connection: Connection,
  lastQuestions: number | null,
): Promise<{ sample: DrainSample; questions: number; clients: number[] }> {
  const [status] = await connection.query<RowDataPacket[]>({ sql: "SHOW GLOBAL STATUS LIKE 'Questions'", timeout: 5000 });
  const [clients] = await connection.query<RowDataPacket[]>({
    sql: 'SELECT ID AS id, COMMAND AS command FROM information_schema.processlist WHERE ID <> CONNECTION_ID()',
    timeout: 5000,
  });
  const questions = Number(status[0]?.Value ?? 0);
  const sample: DrainSample = {
    at: performance.now(),
    connections: clients.length,
    running: clients.filter((client) => client.command !== 'Sleep').map((client) => Number(client.id)),
    statementsSince: lastQuestions === null ? null : Math.max(0, questions - lastQuestions - STATEMENTS_PER_SAMPLE),
  };
  return { sample, questions, clients: clients.map((client) => Number(client.id)) };
}

/**
 * Closes the clients' connections at once, in one round trip, while they are quiet: SIGTERM reaches them only after
 * Dolt's shutdown gets to them, by when an agent's next transaction may have reached its COMMIT. A client that left
 * meanwhile makes its KILL fail and ends the batch; the SIGTERM that follows closes the rest.
 */
async function closeClients(connection: Connection, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await connection.query({ sql: ids.map((id) => `KILL ${id}`).join('; '), timeout: 5000 }).catch(() => undefined);
}

/**
 * Waits (up to `boundMs`) until the server's clients are between transactions, so that stopping it now cuts no
 * statement, in particular no COMMIT whose client would see an error for a transaction that did commit. Calls
 * `onWaiting` once if it has to wait longer than a quiet moment takes. A server that stops answering ends the wait.
 */
export async function drainClients(
  settings: ServerSettings,
  boundMs: number,
  onWaiting: (message: string) => void = () => undefined,
): Promise<DrainOutcome> {
  const started = performance.now();
  const deadline = started + boundMs;
  let state = initialDrainState;
  let questions: number | null = null;
  let announced = false;
  let connection: Connection | undefined;
  try {
    connection = await connectToServer(settings, { timeoutMs: 3000, multipleStatements: true });
    for (;;) {
      const taken = await takeSample(connection, questions);
      questions = taken.questions;
      state = observeDrain(state, taken.sample);
      const verdict = drainVerdict(state, QUIET_MS, deadline);
      const outcome = (end: DrainOutcome['end']): DrainOutcome => ({
        end,
        waitedMs: Math.round(taken.sample.at - started),
        connections: taken.sample.connections,
        busy: state.busy.size,
      });
      if (verdict === 'stop') {
        await closeClients(connection, taken.clients);
        return outcome('quiet');
      }
      if (verdict === 'give-up') return outcome('gave-up');
      if (!announced && taken.sample.at - started > 2 * QUIET_MS) {
        announced = true;
        onWaiting(describeWaiting(state.busy.size, boundMs));
      }
      await sleep(SAMPLE_EVERY_MS);
    }
  } catch {
    return { end: 'unreachable', waitedMs: Math.round(performance.now() - started), connections: 0, busy: state.busy.size };
  } finally {
    if (connection !== undefined) dropConnection(connection);
  }
}
