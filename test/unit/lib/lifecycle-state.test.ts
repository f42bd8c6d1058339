import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLifecycleState, recordLifecycleRun } from '../../../src/lib/lifecycle-state.js';
import { makeTempDir } from '../../helpers/env.js';

describe("gt's lifecycle state file", () => {
  test('missing or damaged: no run known (the work is at worst done once more), never an error', () => {
    const dir = makeTempDir('lifecycle-state');
    expect(readLifecycleState(join(dir, 'daemon', 'none.json'))).toEqual({});
    writeFileSync(join(dir, 'bad.json'), '{"databases": {"wyvern": {"decay": {"lastRun": "yesterday"}}');
    expect(readLifecycleState(join(dir, 'bad.json'))).toEqual({});
  });

  test('a run is recorded per database and kind of work, keeping every other entry, and read back', () => {
    const path = join(makeTempDir('lifecycle-state'), 'daemon', 'gt-lifecycle-state.json');
    recordLifecycleRun(path, 'wyvern', 'decay', new Date('2026-12-03T10:00:00Z'));
    recordLifecycleRun(path, 'hq', 'compaction', new Date('2026-12-03T03:00:00Z'));
    recordLifecycleRun(path, 'wyvern', 'compaction', new Date('2026-12-03T04:00:00Z'));
    expect(readLifecycleState(path)).toEqual({
      wyvern: { decay: { lastRun: '2026-12-03T10:00:00.000Z' }, compaction: { lastRun: '2026-12-03T04:00:00.000Z' } },
      hq: { compaction: { lastRun: '2026-12-03T03:00:00.000Z' } },
    });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: 1 });
  });
});
