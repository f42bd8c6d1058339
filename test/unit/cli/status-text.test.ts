import { renderStatusText, type TownStatus } from '../../../src/cli/status.js';

function statusWith(server: Partial<TownStatus['server']>, daemon: Partial<TownStatus['daemon']> = {}): TownStatus {
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
    daemon: { running: false, pid: null, health: null, sync: null, lastReconcile: null, lastError: null, doctor: null, ...daemon },
    drift: { inSync: true, create: 0, update: 0, delete: 0, blocked: 0, errors: [] },
    replication: null,
    connections: null,
    pushes: [],
    ledger: null,
    restorePoints: [],
  };
}

describe('gt status text', () => {
  it('shows the role and epoch, each peer with its lag and last error, and connections against the maximum', () => {
    const status: TownStatus = {
      ...statusWith({ state: 'running', pid: 7 }),
      connections: { used: 12, max: 1000, error: null },
      replication: {
        role: 'primary',
        epoch: 3,
        roleSource: 'the server',
        bootstrapRole: 'standby',
        unobserved: null,
        peers: [
          { name: 'standby1', remotesapi: 'http://127.0.0.1:50052', lagMillis: 0, lastUpdate: null, lastError: null, databases: [] },
          {
            name: 'standby2',
            remotesapi: 'http://10.0.0.7:50052',
            lagMillis: 5120,
            lastUpdate: null,
            lastError: { database: 'hq', message: 'connection refused' },
            databases: [{ database: 'hq', lagMillis: 5120, lastUpdate: null, error: 'connection refused' }],
          },
        ],
      },
    };
    const text = renderStatusText(status, false);
    expect(text).toContain('          Connections: 12 / 1000 (1%), from the metrics endpoint\n');
    expect(text).toContain('Replication primary, epoch 3 (from the server, bootstrap role standby)\n');
    expect(text).toContain('          standby1  http://127.0.0.1:50052  lag 0 ms, 0 databases, no error\n');
    expect(text).toContain('          standby2  http://10.0.0.7:50052  lag 5120 ms, 1 database, error (hq): connection refused\n');
  });

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

  it('shows where each pushed remote stands', () => {
    const status = { ...statusWith({}), pushes: [{ database: 'wyvern', remote: 'origin', position: '14 commits ahead' }] };
    expect(renderStatusText(status, false)).toContain('Pushes    wyvern → origin: 14 commits ahead\n');
  });

  it('labels the town database town', () => {
    expect(renderStatusText(statusWith({}), false)).toMatch(/^ {2}hq +town +remotes unknown/m);
  });

  it("shows the daemon's last gt doctor run: the checks that are not ok, and how to see the evidence", () => {
    const checks = [
      { id: 'town-server', status: 'ok' as const, summary: 'running' },
      { id: 'server-processes', status: 'error' as const, summary: '3 Dolt servers: 1 town, 1 duplicate, 1 foreign' },
      { id: 'port-files', status: 'warning' as const, summary: '1 file names another port than 3317' },
    ];
    const doctor = { enabled: true, intervalMs: 300_000, reason: null, lastError: null, lastRun: { at: '2026-01-01T00:05:00.000Z', durationMs: 40, status: 'error' as const, checks } };
    const text = renderStatusText(statusWith({}, { running: true, pid: 9, doctor }), false, 'npx gt');
    expect(text).toContain('Doctor    2 checks not ok at 2026-01-01T00:05:00.000Z (every 5m; see: npx gt doctor)\n');
    expect(text).toContain('          ✗ server-processes: 3 Dolt servers: 1 town, 1 duplicate, 1 foreign\n');
    expect(text).toContain('          ! port-files: 1 file names another port than 3317\n');
    expect(text).not.toContain('town-server');
  });

  it('says when the daemon does not run gt doctor, and why', () => {
    const doctor = { enabled: false, intervalMs: 300_000, reason: 'patrols.doctor_dog is not enabled in mayor/daemon.json', lastError: null, lastRun: null };
    const text = renderStatusText(statusWith({}, { running: true, pid: 9, doctor }), false);
    expect(text).toContain('Doctor    not run by the daemon: patrols.doctor_dog is not enabled in mayor/daemon.json (run: gt doctor)\n');
  });

  it("names each database's restore points, with the newest and where to list them", () => {
    const text = renderStatusText({ ...statusWith({}), restorePoints: [{ database: 'wyvern', count: 2, newest: '20261203T030000.000Z' }] }, false);
    expect(text).toContain('Restore   wyvern 2 (newest 20261203T030000.000Z) (see: gt dolt restore DB --list)\n');
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
