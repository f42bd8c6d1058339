import { decideFailover, type FailoverInputs } from '../../../src/plan/failover.js';
import { clusterSettings } from './fixtures.js';

const twoPeers = clusterSettings({
  peers: [
    { name: 'standby1', remotesapi: 'http://127.0.0.1:50052', sql: { host: '127.0.0.1', port: 3318 } },
    { name: 'standby2', remotesapi: 'http://127.0.0.1:50053', sql: null },
  ],
});

function inputs(overrides: Partial<FailoverInputs> = {}): FailoverInputs {
  return {
    cluster: twoPeers,
    to: 'standby1',
    local: { state: 'observed', role: 'primary', epoch: 4, replicas: [] },
    peers: [
      { name: 'standby1', unreachable: null },
      { name: 'standby2', unreachable: null },
    ],
    target: { role: 'standby', epoch: 4 },
    force: false,
    ...overrides,
  };
}

describe('decideFailover', () => {
  it('goes from the primary at epoch e to the peer at e+1, every peer caught up', () => {
    expect(decideFailover(inputs())).toEqual({
      go: true,
      target: { name: 'standby1', remotesapi: 'http://127.0.0.1:50052', sql: { host: '127.0.0.1', port: 3318 } },
      fromEpoch: 4,
      epoch: 5,
      demotion: { kind: 'all-caught-up' },
    });
  });

  it('refuses while a peer is unreachable, and with --force requires the reachable ones caught up', () => {
    const peers = [
      { name: 'standby1', unreachable: null },
      { name: 'standby2', unreachable: '127.0.0.1:50053: connect ECONNREFUSED' },
    ];
    expect(decideFailover(inputs({ peers }))).toEqual({
      go: false,
      reason: 'a peer does not answer: standby2 (127.0.0.1:50053: connect ECONNREFUSED)',
      hint: 'bring it back, or pass --force to fail over without it (it catches up from the new primary when it returns)',
    });
    expect(decideFailover(inputs({ peers, force: true }))).toMatchObject({
      go: true,
      demotion: { kind: 'reachable-caught-up', minCaughtUp: 1, skipped: ['standby2'] },
    });
  });

  it('never fails over to a peer it cannot reach, even with --force', () => {
    const peers = [
      { name: 'standby1', unreachable: 'refused' },
      { name: 'standby2', unreachable: null },
    ];
    expect(decideFailover(inputs({ peers, force: true }))).toMatchObject({ go: false, reason: "standby1's remotesapi does not answer: refused" });
    expect(decideFailover(inputs({ target: { error: 'connect ECONNREFUSED' }, force: true }))).toMatchObject({
      go: false,
      reason: "standby1's SQL server does not answer: connect ECONNREFUSED",
    });
  });

  it.each([
    [{ to: 'nobody' }, 'no peer named nobody (declared: standby1, standby2)'],
    [{ to: 'standby2' }, 'peer standby2 declares no sql endpoint'],
    [{ cluster: null }, 'the town declares no replication'],
    [{ local: null }, "this town's server is not running"],
    [{ local: { state: 'not-configured' as const } }, 'the server runs without its cluster: section'],
    [{ local: { state: 'observed' as const, role: 'standby', epoch: 4, replicas: [] } }, "this town's server is standby at epoch 4, not the primary"],
    [{ target: { role: 'primary', epoch: 4 } }, 'standby1 is primary at epoch 4, not a standby'],
    [{ target: { role: 'standby', epoch: 6 } }, "standby1 is at epoch 6, ahead of this server's 4"],
  ])('refuses: %j', (overrides, reason) => {
    expect(decideFailover(inputs(overrides))).toMatchObject({ go: false, reason: expect.stringContaining(reason) });
  });
});
