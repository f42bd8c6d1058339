import { listDatabases, renderListText } from '../../../src/cli/dolt/list.js';
import { convergedObserved, desiredTown, hq, rig, withServed } from '../plan/fixtures.js';

describe('gt dolt list', () => {
  const desired = desiredTown([hq(), rig('wyvern'), rig('old', { ensure: 'absent', remotes: null })]);
  const observed = withServed(convergedObserved(desired), {
    name: 'legacy',
    remotes: [{ name: 'origin', url: 'https://bot:s3cret@dolthub.example/legacy?token=abc' }],
    ignore: [],
    beadsPrefix: null,
    unpushed: null,
  });
  observed.onDisk.push('old');
  const listed = listDatabases(desired, observed);

  it('lists every database, served or only on disk, with the manifest that manages it', () => {
    expect(listed.map((db) => [db.name, db.managed, db.rig, db.declaredAt, db.served, db.onDisk])).toEqual([
      ['hq', true, 'hq', null, true, true],
      ['legacy', false, null, null, true, true],
      ['old', true, 'old', 'mayor/rigs.d/old.yaml:1:1', false, true],
      ['wyvern', true, 'wyvern', 'mayor/rigs.d/wyvern.yaml:1:1', true, true],
    ]);
  });

  it('masks credentials in remote URLs', () => {
    expect(listed.find((db) => db.name === 'legacy')?.remotes).toEqual([
      { name: 'origin', url: 'https://bot:***@dolthub.example/legacy?token=***' },
    ]);
  });

  it('renders a table with who manages each database, then counts and what is not served', () => {
    const text = renderListText(listed);
    expect(text.split('\n')[0]).toMatch(/^DATABASE +MANAGED BY +REMOTES$/);
    expect(text).toMatch(/\nhq +town +-\n/);
    expect(text).toMatch(/\nlegacy +unmanaged +origin https:\/\/bot:\*\*\*@dolthub.example\/legacy\?token=\*\*\*\n/);
    expect(text).toMatch(/\nold +rig old \(ensure: absent\), mayor\/rigs.d\/old.yaml:1:1 +-\n/);
    expect(text).toMatch(/\nwyvern +rig wyvern, mayor\/rigs.d\/wyvern.yaml:1:1 +origin file:\/\/\/srv\/dolt-remotes\/wyvern\n/);
    expect(text).toContain('4 databases: 3 managed, 1 unmanaged');
    expect(text).toContain('Not served (on disk only, remotes unknown): old');
    expect(text).not.toContain('s3cret');
  });
});
