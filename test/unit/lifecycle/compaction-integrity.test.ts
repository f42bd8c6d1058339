import { countProblems, replacedHead } from '../../../src/lifecycle/compaction/integrity.js';

describe('countProblems', () => {
  test('more or as many rows everywhere: no problem; a table that lost rows or is gone: named', () => {
    expect(countProblems({ issues: 10, wisps: 5 }, { issues: 12, wisps: 5, writer_rows: 3 })).toEqual([]);
    expect(countProblems({ issues: 10, wisps: 5, labels: 2 }, { issues: 9, labels: 2 })).toEqual([
      'table issues has 9 rows, 10 before the compaction',
      'table wisps is gone (it had 5 rows)',
    ]);
  });
});

describe('replacedHead', () => {
  // main's reflog, newest first: o1 o2 (old history), replaced, then the swap to F (gt's commit on the marker), w1 w2 (writers)
  const reflog = ['w2', 'w1', 'F', 'replaced', 'o2', 'o1'];

  test('the head the swap replaced is the entry before gt’s commit, read from the head seen before the reflog', () => {
    expect(replacedHead(['w3', ...reflog], 'w2', 'F')).toEqual({ replaced: 'replaced' });
  });

  test('nothing committed since the swap: the head is gt’s commit itself', () => {
    expect(replacedHead(['F', 'replaced', 'o1'], 'F', 'F')).toEqual({ replaced: 'replaced' });
  });

  test('gt’s commit listed twice in a row still names the head before it', () => {
    expect(replacedHead(['w1', 'F', 'F', 'replaced'], 'w1', 'F')).toEqual({ replaced: 'replaced' });
  });

  test('a reflog that no longer shows the swap (a gc emptied it) cannot be checked', () => {
    expect(replacedHead(['w2', 'w1'], 'w2', 'F')).toEqual({ problem: expect.stringMatching(/no longer shows the swap to F/) as unknown as string });
    expect(replacedHead(['w2', 'F'], 'w2', 'F')).toEqual({ problem: expect.stringMatching(/no longer shows the swap/) as unknown as string });
    expect(replacedHead(reflog, 'elsewhere', 'F')).toEqual({ problem: expect.stringMatching(/not in main's reflog/) as unknown as string });
  });
});
