/**
 * When a planned stop may cut the server's client connections: the pure part of the drain (no clock, no SQL).
 *
 * Dolt cannot say which sessions hold an open transaction (see `server-drain.ts` for what 1.86.4 exposes), so the
 * drain waits for a quiet moment instead: no client statement running and none run for `quietMs`. A client in the
 * middle of a transaction sends its next statement within milliseconds; one silent for `quietMs` is between
 * transactions (or has abandoned one, which no wait would finish). Idle connections therefore never hold a stop up.
 * A client that never pauses between transactions never lets the clients fall quiet: the stop cuts it at the bound.
 */

/** One look at the server's clients, gt's own connection left out. */
export interface DrainSample {
  /** Milliseconds on any monotonic clock. */
  at: number;
  /** Client connections. */
  connections: number;
  /** Ids of the connections executing a statement right now. */
  running: readonly number[];
  /** Statements clients ran since the previous sample; null for the first sample. */
  statementsSince: number | null;
}

export interface DrainState {
  /** Since when no client statement has run; null while clients are at work. */
  quietSince: number | null;
  previous: DrainSample | null;
  /** Connections seen executing a statement since the drain began. */
  busy: ReadonlySet<number>;
}

export const initialDrainState: DrainState = { quietSince: null, previous: null, busy: new Set() };

/** The state after one more sample. */
export function observeDrain(state: DrainState, sample: DrainSample): DrainState {
  const busy = new Set([...state.busy, ...sample.running]);
  const silentNow = sample.running.length === 0 && sample.statementsSince === 0;
  let quietSince: number | null = null;
  if (silentNow) {
    // Quiet since the previous sample if nothing was running then either; a statement running then ended in between.
    const previousSilent = state.previous !== null && state.previous.running.length === 0;
    quietSince = state.quietSince ?? (previousSilent ? (state.previous as DrainSample).at : sample.at);
  } else if (sample.connections === 0) {
    quietSince = sample.at;
  }
  return { quietSince, previous: sample, busy };
}

export type DrainVerdict = 'stop' | 'wait' | 'give-up';

/** Stop once the clients have been quiet for `quietMs` (at once when none is connected); give up at `deadline`. */
export function drainVerdict(state: DrainState, quietMs: number, deadline: number): DrainVerdict {
  const sample = state.previous;
  if (sample === null) return 'wait';
  if (sample.connections === 0) return 'stop';
  if (state.quietSince !== null && sample.at - state.quietSince >= quietMs) return 'stop';
  return sample.at >= deadline ? 'give-up' : 'wait';
}

/** How a drain ended, for the command's output and the daemon's log. */
export interface DrainOutcome {
  /** quiet: the clients were between transactions; gave-up: the bound passed; unreachable: the server did not answer. */
  end: 'quiet' | 'gave-up' | 'unreachable';
  waitedMs: number;
  /** Client connections when the drain ended (closed by the stop). */
  connections: number;
  /** Connections seen executing statements during the drain. */
  busy: number;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** Printed once the clients did not fall quiet at once: what the stop waits for, and for how long at most. */
export function describeWaiting(busy: number, boundMs: number): string {
  return `waiting for ${plural(Math.max(1, busy), 'busy connection')} to finish ${busy === 1 ? 'its transaction' : 'their transactions'} (up to ${seconds(boundMs)}; idle connections do not count)`;
}

/** One line on how the drain ended; null when there was nothing to say (no client connected, no wait). */
export function describeDrain(outcome: DrainOutcome, boundMs: number): string | null {
  switch (outcome.end) {
    case 'unreachable':
      return 'the server did not answer; stopped without waiting for clients';
    case 'gave-up':
      return `stopped waiting after ${seconds(boundMs)}: ${plural(Math.max(1, outcome.busy), 'connection')} still busy; Dolt cancels what they run and rolls back what they have not committed`;
    case 'quiet':
      if (outcome.connections === 0) return null;
      return outcome.busy > 0
        ? `waited ${seconds(outcome.waitedMs)} until ${plural(outcome.connections, 'client connection')} ${outcome.connections === 1 ? 'was' : 'were'} between transactions`
        : `closed ${plural(outcome.connections, 'idle client connection')}`;
  }
}
