import { formatAge, planLeftovers, type FoundState } from '../../../src/lifecycle/compaction/leftovers.js';
import type { RestorePointEntry } from '../../../src/lifecycle/compaction/restore-points.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const HOUR = 3_600_000;
const KEEP = 168 * HOUR;

function point(hoursAgo: number, complete = true): RestorePointEntry {
  const takenAt = new Date(NOW.getTime() - hoursAgo * HOUR);
  return { name: takenAt.toISOString().replace(/[-:]/g, ''), takenAt, complete };
}

function found(overrides: Partial<FoundState>): FoundState {
  return { branches: ['main'], builtInMain: null, seamInMain: null, restorePoints: [], ...overrides };
}

describe('planLeftovers', () => {
  test('a clean database: nothing found, nothing done', () => {
    expect(planLeftovers(found({ restorePoints: [point(1)] }), NOW, KEEP)).toEqual({
      interrupted: null,
      deleteBranches: [],
      removeRestorePoints: [],
      leftovers: [],
    });
  });

  test("work branches of a run that never reached main are deleted (the built marker last) and the run is 'cleaned'", () => {
    const plan = planLeftovers(found({ branches: ['gt-compact-built', 'gt-compact-work', 'main'], builtInMain: false }), NOW, KEEP);
    expect(plan.interrupted).toBe('cleaned');
    expect(plan.deleteBranches).toEqual(['gt-compact-work', 'gt-compact-built']);
    expect(plan.leftovers.map((l) => [l.kind, l.name, l.action])).toEqual([
      ['work-branch', 'gt-compact-work', 'removed'],
      ['work-branch', 'gt-compact-built', 'removed'],
    ]);
  });

  test('killed before the marker was committed: the work branch alone (at the root) is cleaned', () => {
    const plan = planLeftovers(found({ branches: ['gt-compact-work', 'main'] }), NOW, KEEP);
    expect(plan.interrupted).toBe('cleaned');
    expect(plan.deleteBranches).toEqual(['gt-compact-work']);
  });

  test("main already holds the built rewrite: the run is 'finished', its branches wait for the cleanup step", () => {
    const plan = planLeftovers(found({ branches: ['gt-compact-built', 'gt-compact-work', 'main'], builtInMain: true }), NOW, KEEP);
    expect(plan.interrupted).toBe('finished');
    expect(plan.deleteBranches).toEqual([]);
    expect(plan.leftovers.every((l) => l.action === 'reported')).toBe(true);
  });

  test("surgical killed between its two swaps (main holds the seam, not the marker): 'finished', nothing deleted", () => {
    const branches = ['gt-compact-built', 'gt-compact-seam', 'gt-compact-work', 'main'];
    const plan = planLeftovers(found({ branches, builtInMain: false, seamInMain: true }), NOW, KEEP);
    expect(plan.interrupted).toBe('finished');
    expect(plan.deleteBranches).toEqual([]);
  });

  test('surgical work branches that never reached main are deleted, the seam before the marker', () => {
    const branches = ['gt-compact-built', 'gt-compact-seam', 'gt-compact-work', 'main'];
    const plan = planLeftovers(found({ branches, builtInMain: false, seamInMain: false }), NOW, KEEP);
    expect(plan.interrupted).toBe('cleaned');
    expect(plan.deleteBranches).toEqual(['gt-compact-work', 'gt-compact-seam', 'gt-compact-built']);
  });

  test("another tool's compaction branches and every rebase in progress (gt never rebases) are reported, never touched", () => {
    const plan = planLeftovers(found({ branches: ['compact-base', 'compact-work', 'dolt_rebase_feature', 'dolt_rebase_gt-compact-work', 'feature', 'main'] }), NOW, KEEP);
    expect(plan.interrupted).toBeNull();
    expect(plan.deleteBranches).toEqual([]);
    expect(plan.leftovers.map((l) => [l.kind, l.name, l.action])).toEqual([
      ['foreign-branch', 'compact-base', 'reported'],
      ['foreign-branch', 'compact-work', 'reported'],
      ['foreign-branch', 'dolt_rebase_feature', 'reported'],
      ['foreign-branch', 'dolt_rebase_gt-compact-work', 'reported'],
    ]);
    expect(plan.leftovers[0]?.detail).toContain("CALL DOLT_BRANCH('-D', 'compact-base')");
  });

  test('incomplete restore points are removed at any age; complete ones once older than keep', () => {
    const partial = point(0.1, false);
    const expired = point(169);
    const kept = point(167);
    const plan = planLeftovers(found({ restorePoints: [expired, kept, partial] }), NOW, KEEP);
    expect(plan.removeRestorePoints).toEqual([expired.name, partial.name]);
    expect(plan.leftovers.map((l) => [l.kind, l.detail])).toEqual([
      ['expired-restore-point', 'taken 7d ago, older than keep (7d)'],
      ['partial-restore-point', 'an interrupted backup: it never finished'],
    ]);
  });

  test('the restore point of a run being finished is kept even past keep; older ones still go', () => {
    const older = point(300);
    const ofTheRun = point(200);
    const plan = planLeftovers(found({ branches: ['gt-compact-built', 'main'], builtInMain: true, restorePoints: [older, ofTheRun] }), NOW, KEEP);
    expect(plan.removeRestorePoints).toEqual([older.name]);
  });

  test('the clock decides: the same restore point expires once now moves past keep', () => {
    const entry = point(100);
    expect(planLeftovers(found({ restorePoints: [entry] }), NOW, KEEP).removeRestorePoints).toEqual([]);
    const later = new Date(NOW.getTime() + 69 * HOUR);
    expect(planLeftovers(found({ restorePoints: [entry] }), later, KEEP).removeRestorePoints).toEqual([entry.name]);
  });
});

test('formatAge: minutes, hours up to two days, then days', () => {
  expect([formatAge(5 * 60_000), formatAge(3 * HOUR), formatAge(47 * HOUR), formatAge(72 * HOUR)]).toEqual(['5m', '3h', '47h', '3d']);
});
