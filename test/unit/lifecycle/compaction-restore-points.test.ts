import { restorePointName, restorePointRef, restorePointTime } from '../../../src/lifecycle/compaction/restore-points.js';
import { nothingToCompact } from '../../../src/lifecycle/compaction/rewrite.js';

describe('restore point names', () => {
  test('the UTC time, to the millisecond, read back exactly', () => {
    const at = new Date('2026-12-03T03:00:07.042Z');
    expect(restorePointName(at)).toBe('20261203T030007.042Z');
    expect(restorePointTime('20261203T030007.042Z')).toEqual(at);
  });

  test('names gt did not give are not restore points', () => {
    for (const name of ['backup', '20261203T030007Z', '20261303T030007.042Z', '20261203T030007.042Z.partial']) expect(restorePointTime(name)).toBeNull();
  });

  test('the restore command and SQL name the restore point by its file URL', () => {
    expect(restorePointRef('/towns/gt', 'wyvern', '20261203T030007.042Z', 'node gt.js')).toEqual({
      name: '20261203T030007.042Z',
      url: 'file:///towns/gt/.gt-restore-points/wyvern/20261203T030007.042Z',
      restoreSql: "CALL DOLT_BACKUP('restore', 'file:///towns/gt/.gt-restore-points/wyvern/20261203T030007.042Z', 'wyvern_restored')",
      restoreCommand: 'node gt.js dolt restore wyvern --from 20261203T030007.042Z --as wyvern_restored',
    });
  });
});

test('nothingToCompact: a flattened history is the root, the marker and one commit; more is worth flattening', () => {
  expect(nothingToCompact(1)).toBe('1 commit: already flat');
  expect(nothingToCompact(3)).toBe('3 commits: already flat');
  expect(nothingToCompact(4)).toBeNull();
});
