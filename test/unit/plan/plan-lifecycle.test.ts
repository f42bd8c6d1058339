import type { DesiredDatabase, DesiredState } from '../../../src/config/desired.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import type { HistoryFacts, ObservedLifecycle } from '../../../src/observe/observed.js';
import { plan } from '../../../src/plan/plan.js';
import { insideWindow } from '../../../src/plan/plan-lifecycle.js';
import { renderPlanText } from '../../../src/plan/render-text.js';
import type { CompactionAction, DecayAction } from '../../../src/plan/types.js';
import {
  convergedObserved,
  daemonFile,
  decayCandidates,
  desiredTown,
  hq,
  LIFECYCLE,
  NO_FLAGS,
  observedLifecycle,
  rig,
} from './fixtures.js';

const GT = { declared: true, declaresDecay: true, declaresCompaction: true, executor: 'gt' as const };

/** Gas Town's default daemon.json with the patrols executor gt turns off already off: only gt's own work is planned. */
function gasTownStoodDown(): Record<string, unknown> {
  const defaults = defaultDaemonConfig();
  const patrols = { ...(defaults.patrols as Record<string, Record<string, unknown>>) };
  for (const patrol of ['wisp_reaper', 'doctor_dog', 'compactor_dog', 'scheduled_maintenance']) patrols[patrol] = { ...patrols[patrol], enabled: false };
  return { ...defaults, patrols };
}

function town(wyvern: Partial<DesiredDatabase> = {}, daemon: Record<string, unknown> = gasTownStoodDown()): DesiredState {
  return desiredTown([hq(), rig('wyvern', { lifecycle: LIFECYCLE, ...wyvern })], { lifecycle: GT, daemonConfig: daemonFile(daemon) });
}

function planWith(desired: DesiredState, facts: Record<string, HistoryFacts>, overrides: Partial<ObservedLifecycle> = {}) {
  return plan(desired, { ...convergedObserved(desired), lifecycle: observedLifecycle(facts, overrides) }, NO_FLAGS);
}

describe('decay/<db>', () => {
  test('due with candidates: one action after the ignore patterns, counts and cutoffs as observed, destructive when it deletes', () => {
    const result = planWith(town(), { wyvern: { commits: null, decay: decayCandidates(18, 312, 1204) } });
    expect(result.actions.map((a) => a.id)).toEqual(['decay/wyvern']);
    const decay = result.actions[0] as DecayAction;
    expect(decay).toMatchObject({
      kind: 'decay',
      verb: 'delete',
      code: 'decay-due',
      database: 'wyvern',
      closeStaleBefore: '2026-12-02 14:00:00',
      deleteClosedBefore: '2026-11-26 14:00:00',
      before: { staleOpen: 18, closedExpired: 312, related: 1204 },
      after: { staleOpen: 0, closedExpired: 0, related: 0 },
      summary: 'close 18 stale wisps; delete 312 closed wisps + 1,204 related rows',
      destructive: true,
    });
    expect(decay.reason).toContain('decay (mayor/rigs.d/town.yaml:5:3)');
    expect(decay.reason).toContain('gt never ran it here');
    expect(renderPlanText(result, false)).toContain('- delete  decay/wyvern  [destructive]\n      close 18 stale wisps; delete 312 closed wisps + 1,204 related rows\n');
  });

  test('only stale wisps to close: an update that deletes nothing', () => {
    const [decay] = planWith(town(), { wyvern: { commits: null, decay: decayCandidates(1, 0, 0) } }).actions as DecayAction[];
    expect(decay).toMatchObject({ verb: 'update', destructive: false, summary: 'close 1 stale wisp' });
  });

  test('no candidates, a database without wisps, or a run within the interval: nothing to do', () => {
    expect(planWith(town(), { wyvern: { commits: null, decay: decayCandidates(0, 0, 0) } }).actions).toEqual([]);
    const noWisps = planWith(town(), { wyvern: { commits: null, decay: 'no-wisps' } });
    expect(noWisps.actions).toEqual([]);
    expect(noWisps.notes).toEqual(['decay/wyvern: wyvern has no wisps table (not a beads database), so there is nothing to decay']);
    const ranRecently = { wyvern: { decay: { lastRun: '2026-12-03T13:45:00.000Z' } } };
    expect(planWith(town(), { wyvern: { commits: null, decay: decayCandidates(5, 5, 5) } }, { lastRuns: ranRecently }).actions).toEqual([]);
  });

  test('protect: true closes stale wisps but blocks the deletions, saying how many and how to allow them', () => {
    const result = planWith(town({ protect: true }), { wyvern: { commits: null, decay: decayCandidates(2, 312, 1204) } });
    expect(result.actions).toEqual([expect.objectContaining({ id: 'decay/wyvern', verb: 'update', before: { staleOpen: 2, closedExpired: 0, related: 0 } })]);
    expect(result.blocked).toEqual([
      {
        id: 'decay/wyvern',
        verb: 'delete',
        code: 'protected',
        reason: expect.stringContaining('refuses every deletion and history rewrite: decay would delete 312 closed wisps + 1,204 related rows'),
        hint: 'remove protect: true from mayor/rigs.d/wyvern.yaml:1:1, or turn this work off in its spec.lifecycle',
      },
    ]);
  });

  test('databases whose history was left uncounted this run are named in a note', () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
    const result = planWith(town(), {}, { uncounted: names });
    expect(result.notes).toEqual([
      'the history of 7 databases (a1, a2, a3, a4, a5 and 2 more) moved but was not counted this run: gt counts a bounded ' +
        'number of databases a run, the longest-waiting first, so their decay and compaction are planned on a later run',
    ]);
  });

  test('nothing is planned where gt does not execute the lifecycle (no lifecycle observed)', () => {
    const desired = town();
    expect(plan(desired, convergedObserved(desired), NO_FLAGS).actions).toEqual([]);
  });
});

describe('compaction/<db>', () => {
  test('more commits than the threshold and the interval passed: planned after decay, with the remotes to check', () => {
    const result = planWith(town(), { wyvern: { commits: 2417, decay: decayCandidates(1, 0, 0) } });
    expect(result.actions.map((a) => a.id)).toEqual(['decay/wyvern', 'compaction/wyvern']);
    expect(result.actions[1] as CompactionAction).toMatchObject({
      kind: 'compaction',
      verb: 'update',
      code: 'compaction-due',
      mode: 'flatten',
      threshold: 2000,
      gc: 'full',
      restorePointKeep: '168h',
      remotes: ['origin'],
      before: { commits: 2417 },
      after: { commits: 3 },
      summary: '2,417 commits > 2,000 → flatten, restore point first (kept 168h), gc full',
      destructive: false,
    });
  });

  test('surgical: planned with what it keeps, and main then holding the kept commits plus four', () => {
    const surgical = { ...LIFECYCLE, compaction: { ...LIFECYCLE.compaction!, mode: 'surgical' as const, keepRecent: 50 } };
    const result = planWith(town({ lifecycle: surgical }), { wyvern: { commits: 2001, decay: null } });
    expect(result.blocked).toEqual([]);
    expect(result.actions).toEqual([
      expect.objectContaining({
        id: 'compaction/wyvern',
        mode: 'surgical',
        keepRecent: 50,
        before: { commits: 2001 },
        after: { commits: 54 },
        summary: '2,001 commits > 2,000 → surgical: keep the 50 newest, squash the older, restore point first (kept 168h), gc full',
      }),
    ]);
  });

  test('at or below the threshold, or within the interval, nothing', () => {
    expect(planWith(town(), { wyvern: { commits: 2000, decay: null } }).actions).toEqual([]);
    const ranToday = { wyvern: { compaction: { lastRun: '2026-12-03T03:00:00.000Z' } } };
    expect(planWith(town(), { wyvern: { commits: 5000, decay: null } }, { lastRuns: ranToday }).actions).toEqual([]);
  });

  test('outside its window: blocked with the window and local time (diff shows it due; apply and the daemon wait)', () => {
    const windowed = { ...LIFECYCLE, compaction: { ...LIFECYCLE.compaction!, window: { text: '03:00-05:00', startMinute: 180, endMinute: 300 } } };
    const result = planWith(town({ lifecycle: windowed }), { wyvern: { commits: 2417, decay: null } });
    expect(result.actions).toEqual([]);
    expect(result.blocked).toEqual([
      {
        id: 'compaction/wyvern',
        verb: 'update',
        code: 'outside-window',
        reason: 'compaction is due (2,417 commits > 2,000), but its window 03:00-05:00 is closed (local time 14:00)',
        hint: 'gt apply and the daemon compact inside the window; to compact sooner, widen or remove spec.lifecycle.compaction.window',
      },
    ]);
    const inside = planWith(town({ lifecycle: windowed }), { wyvern: { commits: 2417, decay: null } }, { localMinuteOfDay: 4 * 60 });
    expect(inside.actions.map((a) => a.id)).toEqual(['compaction/wyvern']);
  });

  test('protect: true blocks it', () => {
    const result = planWith(town({ protect: true }), { wyvern: { commits: 2417, decay: null } });
    expect(result.actions).toEqual([]);
    expect(result.blocked).toEqual([expect.objectContaining({ id: 'compaction/wyvern', code: 'protected', reason: expect.stringContaining('compaction is due (2,417 commits > 2,000)') })]);
  });
});

describe('a daily window', () => {
  test('is open from its start to its end, also across midnight', () => {
    const day = { text: '03:00-05:00', startMinute: 180, endMinute: 300 };
    expect([179, 180, 299, 300].map((m) => insideWindow(day, m))).toEqual([false, true, true, false]);
    const night = { text: '22:00-02:00', startMinute: 1320, endMinute: 120 };
    expect([1319, 1320, 0, 119, 120].map((m) => insideWindow(night, m))).toEqual([false, true, true, true, false]);
  });
});

describe("Gas Town's lifecycle patrols follow the executor", () => {
  test("executor gt turns Gas Town's reaper, doctor, compactor and scheduled maintenance off, in daemon.json's one write", () => {
    const result = planWith(town({}, defaultDaemonConfig()), { wyvern: { commits: null, decay: decayCandidates(0, 0, 0) } });
    const daemonConfig = result.actions.filter((action) => action.kind === 'daemon-config');
    expect(daemonConfig.map((action) => [action.id, action.before, action.after, action.code])).toEqual(
      ['wisp_reaper', 'doctor_dog', 'compactor_dog', 'scheduled_maintenance']
        .filter((patrol) => (defaultDaemonConfig().patrols as Record<string, { enabled?: boolean }>)[patrol]?.enabled !== false)
        .map((patrol) => [`daemon-config/patrols.${patrol}.enabled`, true, false, 'lifecycle-patrol']),
    );
    expect(daemonConfig.length).toBeGreaterThan(0);
    expect(renderPlanText(result, false)).toContain('spec.lifecycle.executor is gt');
  });

  test('once daemon.json holds them, nothing more is planned for it', () => {
    const result = planWith(town(), { wyvern: { commits: null, decay: decayCandidates(0, 0, 0) } });
    expect(result.actions.filter((action) => action.kind === 'daemon-config')).toEqual([]);
  });
});
