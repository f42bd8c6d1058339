import { listDatabases, renderListText, type ListingFacts } from '../../../src/cli/dolt/list.js';
import { desiredTown, hq, rig } from '../plan/fixtures.js';

describe('gt dolt list', () => {
  const desired = desiredTown([hq(), rig('wyvern'), rig('old', { ensure: 'absent', remotes: null })]);
  const names: ListingFacts = { served: ['hq', 'legacy', 'wyvern'], onDisk: ['hq', 'legacy', 'old', 'wyvern'], remotes: null };
  const withRemotes: ListingFacts = {
    ...names,
    remotes: new Map([
      ['hq', []],
      ['legacy', [{ name: 'origin', url: 'https://bot:s3cret@dolthub.example/legacy?token=abc' }]],
      ['wyvern', [{ name: 'origin', url: 'file:///srv/dolt-remotes/wyvern' }]],
    ]),
  };

  it('lists every database, served or only on disk, with the manifest that manages it', () => {
    expect(listDatabases(desired, names).map((db) => [db.name, db.managed, db.rig, db.declaredAt, db.served, db.onDisk, db.remotes])).toEqual([
      ['hq', true, 'hq', null, true, true, null],
      ['legacy', false, null, null, true, true, null],
      ['old', true, 'old', 'mayor/rigs.d/old.yaml:1:1', false, true, null],
      ['wyvern', true, 'wyvern', 'mayor/rigs.d/wyvern.yaml:1:1', true, true, null],
    ]);
  });

  it('without --remotes: no remotes column, and what is not served', () => {
    const text = renderListText(listDatabases(desired, names), { withRemotes: false, server: 'running' });
    expect(text.split('\n')[0]).toMatch(/^DATABASE +MANAGED BY$/);
    expect(text).toMatch(/\nhq +town\n/);
    expect(text).toMatch(/\nold +rig old \(ensure: absent\), mayor\/rigs.d\/old.yaml:1:1\n/);
    expect(text).toContain('4 databases: 3 managed, 1 unmanaged');
    expect(text).toContain('Not served (on disk only): old — a restart loads them (gt apply)');
  });

  it('the server down: the data dir, said so', () => {
    const down = listDatabases(desired, { served: [], onDisk: ['hq', 'old'], remotes: null });
    const text = renderListText(down, { withRemotes: false, server: 'stopped' });
    expect(text).toContain('2 databases: 2 managed, 0 unmanaged\nThe server is not running: these are the databases in the data dir\n');
    expect(renderListText(down, { withRemotes: false, server: 'imposter' })).toContain('The server does not answer (imposter)');
  });

  it('with --remotes: the remotes column, credentials masked', () => {
    const listed = listDatabases(desired, withRemotes);
    expect(listed.find((db) => db.name === 'legacy')?.remotes).toEqual([{ name: 'origin', url: 'https://bot:***@dolthub.example/legacy?token=***' }]);
    expect(listed.find((db) => db.name === 'old')?.remotes).toBeNull();
    const text = renderListText(listed, { withRemotes: true, server: 'running' });
    expect(text.split('\n')[0]).toMatch(/^DATABASE +MANAGED BY +REMOTES$/);
    expect(text).toMatch(/\nhq +town +-\n/);
    expect(text).toMatch(/\nlegacy +unmanaged +origin https:\/\/bot:\*\*\*@dolthub.example\/legacy\?token=\*\*\*\n/);
    expect(text).toMatch(/\nwyvern +rig wyvern, mayor\/rigs.d\/wyvern.yaml:1:1 +origin file:\/\/\/srv\/dolt-remotes\/wyvern\n/);
    expect(text).toContain('Not served (on disk only, remotes unknown): old');
    expect(text).not.toContain('s3cret');
  });
});
