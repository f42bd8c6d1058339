import { setTimeout as sleep } from 'node:timers/promises';
import type mysql from 'mysql2/promise';
import type { ServerSettings } from '../config/desired.js';
import { connectToServer, dropConnection, withAddress } from '../lib/connect.js';
import { readClusterStatus } from '../observe/cluster-status.js';
import type { ObservedCluster, ObservedReplica } from '../observe/observed.js';
import type { FailoverDecision } from '../plan/failover.js';

type Go = Extract<FailoverDecision, { go: true }>;

/** One step of a failover as it happened. */
export interface FailoverStep {
  step: 'demote' | 'promote' | 'caught-up' | 'restore';
  message: string;
  durationMs: number;
}

export interface FailoverOptions {
  /** How long to wait for the new primary's replication to catch up (lag 0, no error) after the swap. */
  catchUpTimeoutMs: number;
  /** Told after each step. */
  onStep?: (step: FailoverStep) => void;
}

/** Where this town's server and the target answer SQL, with this town's credentials (users and grants replicate). */
export interface FailoverEndpoints {
  local: ServerSettings;
  target: ServerSettings;
}

export function targetSettings(local: ServerSettings, decision: Go): ServerSettings {
  return withAddress(local, decision.target.sql.host, decision.target.sql.port);
}

/**
 * A session that changed the server's role is unusable afterwards (Dolt refuses every later statement on it, and on
 * every other connection it had), so each call runs on a connection of its own that is dropped after it.
 */
async function callOnce(settings: ServerSettings, sql: string, values: readonly unknown[]): Promise<unknown[]> {
  const connection = await connectToServer(settings, { timeoutMs: 5000 });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql, values: [...values] });
    return rows as unknown[];
  } finally {
    dropConnection(connection);
  }
}

/** `CALL` answers [rows, OkPacket]; the rows of dolt_cluster_transition_to_standby say which standby caught up. */
function transitionRows(result: unknown[]): { caughtUp: boolean; remote: string }[] {
  const rows = (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
  return rows.map((row) => ({ caughtUp: Number(row.caught_up) === 1, remote: String(row.remote) }));
}

/** Steps this server down to standby at the new epoch; the target must have everything it had. */
async function demote(local: ServerSettings, decision: Go): Promise<string> {
  if (decision.demotion.kind === 'all-caught-up') {
    await callOnce(local, 'CALL dolt_assume_cluster_role(?, ?)', ['standby', decision.epoch]);
    return `this server is standby at epoch ${decision.epoch}; every peer had caught up`;
  }
  const { minCaughtUp, skipped } = decision.demotion;
  const rows = transitionRows(await callOnce(local, 'CALL dolt_cluster_transition_to_standby(?, ?)', [decision.epoch, minCaughtUp]));
  const target = rows.filter((row) => row.remote === decision.target.name);
  if (target.length === 0 || !target.every((row) => row.caughtUp)) {
    const restored = await restore(local, decision);
    throw new Error(`${decision.target.name} had not caught up on every database when this server stepped down; ${restored}`);
  }
  return `this server is standby at epoch ${decision.epoch}; ${decision.target.name} had caught up (--force: ${skipped.join(', ')} did not answer)`;
}

/** The new primary's replicas to the answering peers, once it reports its new role; null before. */
function replicasAfterSwap(status: ObservedCluster, decision: Go): ObservedReplica[] | null {
  if (status.state !== 'observed' || status.role !== 'primary' || status.epoch !== decision.epoch) return null;
  const skipped = decision.demotion.kind === 'reachable-caught-up' ? decision.demotion.skipped : [];
  return status.replicas.filter((replica) => !skipped.includes(replica.peer));
}

async function readStatusOnce(target: ServerSettings): Promise<ObservedCluster> {
  const connection = await connectToServer(target, { timeoutMs: 5000 });
  try {
    return await readClusterStatus(connection, 5000);
  } finally {
    dropConnection(connection);
  }
}

/**
 * Waits until none of the new primary's replicas reports an error and each has caught up since the swap: seen at lag
 * 0, or, while writers keep committing (then some commit is always on its way and the lag never reads 0), seen
 * replicating: its last update moved on since the first look. Neither needs the two machines' clocks to agree.
 */
async function waitForCatchUp(target: ServerSettings, decision: Go, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const caughtUp = new Set<string>();
  const firstSeen = new Map<string, string | null>();
  for (;;) {
    const status = await readStatusOnce(target);
    const replicas = replicasAfterSwap(status, decision);
    for (const replica of replicas ?? []) {
      const key = `${replica.database}/${replica.peer}`;
      if (!firstSeen.has(key)) firstSeen.set(key, replica.lastUpdate);
      const moved = replica.lastUpdate !== null && replica.lastUpdate !== firstSeen.get(key);
      if (replica.error === null && (replica.lagMillis === 0 || moved)) caughtUp.add(key);
    }
    const pending = replicas?.filter((replica) => replica.error !== null || !caughtUp.has(`${replica.database}/${replica.peer}`));
    if (replicas !== null && pending?.length === 0) {
      const count = replicas.length;
      return `${decision.target.name} is primary at epoch ${decision.epoch}; its replication is caught up (no error, ${count} database replica${count === 1 ? '' : 's'} at lag 0 or replicating)`;
    }
    if (Date.now() >= deadline) {
      const behind = pending === undefined ? JSON.stringify(status) : JSON.stringify(pending);
      throw new Error(`${decision.target.name}'s replication did not catch up within ${timeoutMs / 1000} s: ${behind}`);
    }
    await sleep(50);
  }
}

/** The old primary takes the role back at a higher epoch still: the cluster must not be left without a primary. */
async function restore(local: ServerSettings, decision: Go): Promise<string> {
  await callOnce(local, 'CALL dolt_assume_cluster_role(?, ?)', ['primary', decision.epoch + 1]);
  return `this server is primary again, at epoch ${decision.epoch + 1}`;
}

async function timed(step: FailoverStep['step'], run: () => Promise<string>, options: FailoverOptions, steps: FailoverStep[]): Promise<void> {
  const started = performance.now();
  const message = await run();
  const done = { step, message, durationMs: Math.round(performance.now() - started) };
  steps.push(done);
  options.onStep?.(done);
}

/**
 * The planned role swap: this server steps down to standby at epoch+1 (Dolt first replicates everything it has and
 * refuses if it cannot), the target becomes primary at epoch+1, then gt waits until the new primary reports every
 * database caught up with no error. A promotion that fails puts this server back as primary (at epoch+2).
 */
export async function executeFailover(endpoints: FailoverEndpoints, decision: Go, options: FailoverOptions): Promise<FailoverStep[]> {
  const steps: FailoverStep[] = [];
  await timed('demote', () => demote(endpoints.local, decision), options, steps);
  try {
    await timed(
      'promote',
      async () => {
        await callOnce(endpoints.target, 'CALL dolt_assume_cluster_role(?, ?)', ['primary', decision.epoch]);
        return `${decision.target.name} (${decision.target.sql.host}:${decision.target.sql.port}) is primary at epoch ${decision.epoch}`;
      },
      options,
      steps,
    );
  } catch (error) {
    await timed('restore', () => restore(endpoints.local, decision), options, steps);
    throw new Error(`${decision.target.name} did not become primary (${(error as Error).message}); ${steps.at(-1)?.message ?? ''}`);
  }
  await timed('caught-up', () => waitForCatchUp(endpoints.target, decision, options.catchUpTimeoutMs), options, steps);
  return steps;
}
