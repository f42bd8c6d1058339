import {
  describeDrain,
  drainVerdict,
  initialDrainState,
  observeDrain,
  type DrainSample,
  type DrainState,
} from '../../../src/apply/drain-decision.js';

const QUIET = 50;
const DEADLINE = 10_000;

/** Feeds samples in order and returns the verdict after each. */
function verdicts(samples: DrainSample[]): string[] {
  let state: DrainState = initialDrainState;
  return samples.map((sample) => {
    state = observeDrain(state, sample);
    return drainVerdict(state, QUIET, DEADLINE);
  });
}

const sample = (at: number, connections: number, running: number[], statementsSince: number | null): DrainSample => ({
  at,
  connections,
  running,
  statementsSince,
});

describe('the drain decision', () => {
  it('stops at once when no client is connected', () => {
    expect(verdicts([sample(0, 0, [], null)])).toEqual(['stop']);
  });

  it('stops once idle connections have run nothing for the quiet time', () => {
    expect(verdicts([sample(0, 3, [], null), sample(20, 3, [], 0), sample(40, 3, [], 0), sample(70, 3, [], 0)])).toEqual([
      'wait',
      'wait',
      'wait',
      'stop',
    ]);
  });

  it('counts a statement that started and ended between two looks as activity, and starts the quiet time again', () => {
    expect(verdicts([sample(0, 1, [], null), sample(30, 1, [], 0), sample(60, 1, [], 4), sample(90, 1, [], 0), sample(141, 1, [], 0)])).toEqual([
      'wait',
      'wait',
      'wait',
      'wait',
      'stop',
    ]);
  });

  it('starts the quiet time only after a running statement was last seen, not at the look before', () => {
    // Running at 0; gone at 30 with no new statement: quiet from 30, so 60 is too early and 80 is enough.
    expect(verdicts([sample(0, 1, [7], null), sample(30, 1, [], 0), sample(60, 1, [], 0), sample(80, 1, [], 0)])).toEqual([
      'wait',
      'wait',
      'wait',
      'stop',
    ]);
  });

  it('gives up at the deadline while a statement keeps running, and remembers which connections were busy', () => {
    let state: DrainState = initialDrainState;
    for (const at of [0, 5000, 9990]) state = observeDrain(state, sample(at, 2, [7], at === 0 ? null : 0));
    expect(drainVerdict(state, QUIET, DEADLINE)).toBe('wait');
    state = observeDrain(state, sample(10_000, 2, [8], 2));
    expect(drainVerdict(state, QUIET, DEADLINE)).toBe('give-up');
    expect([...state.busy].sort()).toEqual([7, 8]);
  });

  it('describes how the wait ended', () => {
    expect(describeDrain({ end: 'quiet', waitedMs: 60, connections: 0, busy: 0 }, DEADLINE)).toBeNull();
    expect(describeDrain({ end: 'quiet', waitedMs: 60, connections: 2, busy: 0 }, DEADLINE)).toBe('closed 2 idle client connections');
    expect(describeDrain({ end: 'quiet', waitedMs: 1240, connections: 1, busy: 1 }, DEADLINE)).toBe(
      'waited 1.2 s until 1 client connection was between transactions',
    );
    expect(describeDrain({ end: 'gave-up', waitedMs: 10_010, connections: 3, busy: 2 }, DEADLINE)).toBe(
      'stopped waiting after 10 s: 2 connections still busy; Dolt cancels what they run and rolls back what they have not committed',
    );
  });
});
