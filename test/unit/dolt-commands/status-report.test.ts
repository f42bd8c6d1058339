import { doltStatus, formatBytes, renderDoltStatusText } from '../../../src/cli/dolt/status-report.js';
import { plan } from '../../../src/plan/plan.js';
import { clusterSettings, convergedObserved, desiredTown, emptyObserved, hq, NO_FLAGS, rig, TOWN, withServed } from '../plan/fixtures.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1000, '1000 B'],
    [1536, '1.5 KB'],
    [88_290_099, '84.2 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('gt dolt status', () => {
  const desired = desiredTown([hq(), rig('wyvern')]);

  it('running: pid, port, data dir, databases with their rigs, connection, metrics, no drift', () => {
    // legacy: created by someone else before the server started, which recorded it
    const observed = withServed(convergedObserved(desired), { name: 'legacy', remotes: [], ignore: [], beadsPrefix: null, unpushed: null });
    const status = doltStatus(desired, observed, plan(desired, observed, NO_FLAGS), {
      metrics: { queryLatencyMs: 3, connections: { used: 7, max: 1000 } },
      endpointConnections: null,
      diskUsageBytes: 88_290_099,
      gtDaemonRunning: true,
    });
    const text = renderDoltStatusText(status, false);
    expect(text).toContain('● Dolt server is running (PID 4242)');
    expect(text).toContain('  Port:       3317');
    expect(text).toContain(`  Data dir:   ${TOWN}/.dolt-data`);
    expect(text).toMatch(/- hq +\(town\)\n +- legacy +\(unmanaged\)\n +- wyvern +\(rig wyvern\)/);
    expect(text).toContain('  Connection: root@tcp(127.0.0.1:3317)/');
    expect(text).toContain('Query latency: 3ms');
    expect(text).toContain('Connections:   7 / 1000 (1%)');
    expect(text).toContain('Disk usage:    84.2 MB');
    expect(text).toContain('Drift: none, the town matches its config');
    expect(text).not.toContain('hunter2');
    expect(status.databases.find((db) => db.name === 'legacy')).toEqual({ name: 'legacy', rig: null, managed: false, served: true, onDisk: true });
  });

  it("with a metrics endpoint: connections from it, against the server's max_connections; replication by peer", () => {
    const replicated = desiredTown([hq()], {});
    replicated.server = { ...replicated.server, metrics: { host: '127.0.0.1', port: 9309 }, cluster: clusterSettings() };
    const observed = {
      ...convergedObserved(replicated),
      cluster: {
        state: 'observed' as const,
        role: 'primary',
        epoch: 2,
        replicas: [{ database: 'hq', peer: 'standby1', lagMillis: 0, lastUpdate: '2026-12-03T15:21:06.000Z', error: null }],
      },
    };
    const status = doltStatus(replicated, observed, plan(replicated, observed, NO_FLAGS), {
      metrics: { queryLatencyMs: 3, connections: { used: 3, max: 151 } },
      endpointConnections: { used: 2, max: 1000, error: null },
      diskUsageBytes: 0,
      gtDaemonRunning: false,
    });
    const text = renderDoltStatusText(status, false);
    expect(text).toContain('Connections:   2 / 1000 (0%), from the metrics endpoint');
    expect(text).toContain('  Replication: primary, epoch 2 (from the server)\n    standby1  http://127.0.0.1:50052  lag 0 ms, 1 database, no error\n');
    expect(status.replication?.peers[0]).toMatchObject({ name: 'standby1', lagMillis: 0, lastError: null });
  });

  it('running but not serving a database on disk: says so and how a restart loads it', () => {
    const observed = convergedObserved(desired);
    observed.databases = observed.databases?.filter((db) => db.name !== 'wyvern') ?? null;
    const text = renderDoltStatusText(doltStatus(desired, observed, plan(desired, observed, NO_FLAGS), { metrics: null, endpointConnections: null, diskUsageBytes: 0, gtDaemonRunning: false }), false);
    expect(text).toMatch(/!!! NOT SERVED.*\n +- wyvern/);
    expect(text).toContain('A restart loads them: gt apply');
  });

  it('stopped: the databases on disk, the drift, and how to start it', () => {
    const observed = { ...emptyObserved(), onDisk: ['hq', 'wyvern'] };
    const status = doltStatus(desired, observed, plan(desired, observed, NO_FLAGS), { metrics: null, endpointConnections: null, diskUsageBytes: 2048, gtDaemonRunning: false });
    const text = renderDoltStatusText(status, false);
    expect(text).toMatch(/^○ Dolt server is not running\n/);
    expect(text).toContain(`Available databases in ${TOWN}/.dolt-data:`);
    expect(text).not.toContain('Query latency');
    expect(text).toMatch(/Drift: \d+ to create/);
    expect(text).toMatch(/\nStart with: gt dolt start\n$/);
    expect(status.metrics).toEqual({ queryLatencyMs: null, connections: null, connectionsFrom: null, endpointError: null, diskUsageBytes: 2048 });
  });
});
