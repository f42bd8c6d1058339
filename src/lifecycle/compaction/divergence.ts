import type mysql from 'mysql2/promise';
import { quoteString } from '../../lib/sql.js';
import { MAIN } from './history.js';
import { firstRowOf } from './session.js';
import type { RemoteDivergence } from './types.js';

/** One remote as the divergence check saw it. */
export interface RemoteState {
  remote: string;
  /** Why the fetch failed; null when it worked. */
  fetchError: string | null;
  /** `<remote>/main` after the fetch; null when the remote has no main (nothing pushed yet). */
  remoteHead: string | null;
  /** Commits `<remote>/main` holds that main does not. */
  behind: number;
}

export interface Block {
  reason: string;
  fix: string;
}

async function remoteMainHead(connection: mysql.Connection, remote: string): Promise<string | null> {
  const row = await firstRowOf(connection, 'SELECT hash FROM dolt_remote_branches WHERE name = ?', [`remotes/${remote}/${MAIN}`]);
  return row === undefined ? null : String(row.hash);
}

/** Commits `<remote>/main` holds that main lacks, by the remote-tracking branch as last fetched. */
export async function commitsBehind(connection: mysql.Connection, remote: string): Promise<number> {
  const row = await firstRowOf(connection, "CALL DOLT_COUNT_COMMITS('--from', ?, '--to', ?)", [MAIN, `${remote}/${MAIN}`]);
  return Number(row?.behind ?? 0);
}

/**
 * Fetches every remote (unless `fetch` is false: the remote-tracking branches as last fetched) and counts what each
 * holds that main lacks.
 */
export async function readRemoteStates(connection: mysql.Connection, remotes: readonly string[], fetch = true): Promise<RemoteState[]> {
  const states: RemoteState[] = [];
  for (const remote of remotes) {
    try {
      if (fetch) await connection.query('CALL DOLT_FETCH(?)', [remote]);
    } catch (error) {
      states.push({ remote, fetchError: error instanceof Error ? error.message : String(error), remoteHead: null, behind: 0 });
      continue;
    }
    const remoteHead = await remoteMainHead(connection, remote);
    states.push({ remote, fetchError: null, remoteHead, behind: remoteHead === null ? 0 : await commitsBehind(connection, remote) });
  }
  return states;
}

/**
 * Why the rewrite must not run: a remote that could not be checked, or one holding commits main lacks (a rewrite
 * would make them unmergeable). A remote whose `main` is still exactly what an earlier gt compaction rewrote
 * (`rewrittenHeads`, from the restore points' records) holds nothing main lacks in content: it waits for a forced
 * push, which a new rewrite does not change.
 */
export function divergenceBlocks(database: string, states: readonly RemoteState[], rewrittenHeads: ReadonlySet<string>): Block[] {
  const blocks: Block[] = [];
  for (const state of states) {
    if (state.fetchError !== null) {
      blocks.push({
        reason: `could not fetch ${state.remote} to check it holds nothing main lacks: ${state.fetchError}`,
        fix: `make ${state.remote} reachable (or remove it from ${database}'s manifest), then compact again`,
      });
    } else if (state.behind > 0 && !(state.remoteHead !== null && rewrittenHeads.has(state.remoteHead))) {
      blocks.push({
        reason: `${state.remote}/main has ${state.behind} commit${state.behind === 1 ? '' : 's'} main lacks`,
        fix:
          `merge them into main first (CALL DOLT_PULL(${quoteString(state.remote)}, 'main') in ${database}), or if they are not ` +
          `wanted, push main over them (CALL DOLT_PUSH('--force', ${quoteString(state.remote)}, 'main')); then compact again`,
      });
    }
  }
  return blocks;
}

/** After the rewrite: each checked remote, and whether main now lacks its commits because gt rewrote them. */
export async function divergenceAfterRewrite(connection: mysql.Connection, states: readonly RemoteState[]): Promise<RemoteDivergence[]> {
  const after: RemoteDivergence[] = [];
  for (const state of states) {
    const behind = state.remoteHead === null ? 0 : await commitsBehind(connection, state.remote);
    after.push({ remote: state.remote, remoteHead: state.remoteHead, divergedByRewrite: behind > 0 });
  }
  return after;
}
