import { renderStatusText, type TownStatus } from '../../../src/cli/status.js';

function statusWith(server: Partial<TownStatus['server']>): TownStatus {
  return {
    version: 1,
    town: '/srv/gt',
    server: {
      state: 'unhealthy',
      pid: null,
      address: '127.0.0.1:55293',
      version: null,
      startedAt: null,
      uptimeSeconds: null,
      detail: null,
      supervisor: { by: 'gt', source: 'default', restartsCrashedServer: false },
      ...server,
    },
    databases: [{ name: 'hq', rig: 'hq', managed: true, remotes: null }],
    daemon: { running: false, pid: null, health: null, sync: null, lastReconcile: null, lastError: null },
    drift: { inSync: true, create: 0, update: 0, delete: 0, blocked: 0, errors: [] },
    ledger: null,
  };
}

describe('gt status text', () => {
  it('names the address once when the failed health check already names it', () => {
    const text = renderStatusText(statusWith({ detail: '127.0.0.1:55293: connect ETIMEDOUT' }), false);
    expect(text).toContain('Server    ✗ unhealthy  127.0.0.1:55293: connect ETIMEDOUT\n');
  });

  it('names the address before a problem that does not', () => {
    const text = renderStatusText(statusWith({ detail: 'Dolt server PID 7 is alive but not listening on port 55293' }), false);
    expect(text).toContain('Server    ✗ unhealthy  127.0.0.1:55293: Dolt server PID 7 is alive but not listening on port 55293\n');
  });

  it('names gt in its hints as the user ran it', () => {
    const text = renderStatusText(statusWith({ state: 'stopped' }), false, 'npx gt');
    expect(text).toContain('(start with: npx gt apply, or npx gt dolt start)');
    expect(text).toContain('Daemon    not running (start with: npx gt daemon start)');
  });

  it('labels the town database town', () => {
    expect(renderStatusText(statusWith({}), false)).toMatch(/^ {2}hq +town +remotes unknown/m);
  });

  it('warns when the pushes of the ledger keep failing', () => {
    const ledger: TownStatus['ledger'] = {
      repo: '/srv/gt-ledger',
      executor: 'gt',
      lastChecked: '2026-12-03T10:00:00.000Z',
      pushFailures: 3,
      lastPushError: 'git push failed (exit 128): fatal: could not read from remote repository',
      warning: '3 pushes of the ledger to origin failed in a row (last: fatal: could not read from remote repository)',
    };
    const text = renderStatusText({ ...statusWith({}), ledger }, false);
    expect(text).toContain('Ledger    /srv/gt-ledger (gt exports it, last checked 2026-12-03T10:00:00.000Z)\n');
    expect(text).toContain('          warning: 3 pushes of the ledger to origin failed in a row');
  });
});
