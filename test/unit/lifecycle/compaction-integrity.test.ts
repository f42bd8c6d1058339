import { countProblems, swapWindow, unexplainedKeys, writerRuns } from '../../../src/lifecycle/compaction/integrity.js';

describe('countProblems', () => {
  test('more or as many rows everywhere: no problem; a table that lost rows or is gone: named', () => {
    expect(countProblems({ issues: 10, wisps: 5 }, { issues: 12, wisps: 5, writer_rows: 3 })).toEqual([]);
    expect(countProblems({ issues: 10, wisps: 5, labels: 2 }, { issues: 9, labels: 2 })).toEqual([
      'table issues has 9 rows, 10 before the compaction',
      'table wisps is gone (it had 5 rows)',
    ]);
  });
});

describe('swapWindow', () => {
  // main's reflog, newest first: o1 o2 (old history), replaced, then the swap to B, then f (gt's fold), w1 w2 (writers)
  const reflog = ['w2', 'w1', 'f', 'B', 'replaced', 'o2', 'o1'];

  test('finds the head the swap replaced and the commits made since, up to the head read before the reflog', () => {
    expect(swapWindow(['w3', ...reflog], 'w2', 'B')).toEqual({ replacedHead: 'replaced', since: ['w2', 'w1', 'f'] });
  });

  test('nothing committed since the swap: the head is the built commit itself', () => {
    expect(swapWindow(['B', 'replaced', 'o1'], 'B', 'B')).toEqual({ replacedHead: 'replaced', since: [] });
  });

  test('a reflog that no longer shows the swap (a gc emptied it) cannot be checked', () => {
    expect(swapWindow(['w2', 'w1'], 'w2', 'B')).toMatch(/no longer shows the swap to B/);
    expect(swapWindow(['w2', 'B'], 'w2', 'B')).toMatch(/no longer shows the swap/);
    expect(swapWindow(reflog, 'elsewhere', 'B')).toMatch(/not in main's reflog/);
  });
});

describe('writerRuns', () => {
  test('consecutive writers’ commits form one run from the commit before them; gt’s folds split runs', () => {
    // oldest first: B ← w1 ← w2 ← f ← w3 ← f2 ; the reflog lists them newest first
    expect(writerRuns(['f2', 'w3', 'f', 'w2', 'w1'], 'B', new Set(['f', 'f2']))).toEqual([
      { from: 'B', to: 'w2' },
      { from: 'f', to: 'w3' },
    ]);
  });

  test('only gt’s fold since the swap, or nothing: no run', () => {
    expect(writerRuns(['f'], 'B', new Set(['f']))).toEqual([]);
    expect(writerRuns([], 'B', new Set())).toEqual([]);
  });
});

test('unexplainedKeys: changed rows no writer wrote', () => {
  expect(unexplainedKeys(['["a"]', '["b"]', '["c"]'], new Set(['["a"]', '["c"]']))).toEqual(['["b"]']);
});
