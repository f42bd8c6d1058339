import { divergenceBlocks, type RemoteState } from '../../../src/lifecycle/compaction/divergence.js';

const state = (overrides: Partial<RemoteState>): RemoteState => ({ remote: 'origin', fetchError: null, remoteHead: 'r1', behind: 0, ...overrides });

describe('divergenceBlocks', () => {
  test('remotes in step, ahead of, or without a main: nothing blocks', () => {
    expect(divergenceBlocks('wyvern', [state({}), state({ remote: 'backup', remoteHead: null })], new Set())).toEqual([]);
  });

  test('a remote holding commits main lacks blocks, with the reason and how to fix it', () => {
    expect(divergenceBlocks('wyvern', [state({ behind: 3 })], new Set())).toEqual([
      {
        reason: 'origin/main has 3 commits main lacks',
        fix: "merge them into main first (CALL DOLT_PULL('origin', 'main') in wyvern), or if they are not wanted, push main over them (CALL DOLT_PUSH('--force', 'origin', 'main')); then compact again",
      },
    ]);
  });

  test('a remote still at what an earlier gt compaction rewrote does not block: it waits for a forced push', () => {
    expect(divergenceBlocks('wyvern', [state({ behind: 40, remoteHead: 'old' })], new Set(['old']))).toEqual([]);
    expect(divergenceBlocks('wyvern', [state({ behind: 40, remoteHead: 'moved' })], new Set(['old']))).toHaveLength(1);
  });

  test('a remote that could not be fetched blocks: divergence cannot be ruled out', () => {
    const [block] = divergenceBlocks('wyvern', [state({ fetchError: 'connection refused', remoteHead: null })], new Set());
    expect(block?.reason).toBe('could not fetch origin to check it holds nothing main lacks: connection refused');
    expect(block?.fix).toContain("remove it from wyvern's manifest");
  });
});
