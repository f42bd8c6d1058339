import type { DesiredDatabase } from '../../../src/config/desired.js';
import type { ObservedDatabaseSync, ObservedSync, RemotePosition } from '../../../src/observe/observed.js';
import { remotePosition } from '../../../src/observe/remote-position.js';
import { plan } from '../../../src/plan/plan.js';
import { planSync } from '../../../src/plan/plan-sync.js';
import { renderPlanText } from '../../../src/plan/render-text.js';
import { parseDocument } from '../../helpers/json-schemas.js';
import { renderPlanJson } from '../../../src/plan/render-json.js';
import { convergedObserved, desiredTown, hq, NO_FLAGS, OBSERVED_AT, rig } from './fixtures.js';

const MINUTE = 60_000;
const declared = (text: string, ms: number) => ({ text, ms });
const PUSH = { interval: declared('15m', 15 * MINUTE), timeout: declared('2h', 120 * MINUTE) };

function pushedRig(name: string, overrides: Partial<DesiredDatabase> = {}): DesiredDatabase {
  return rig(name, {
    remotes: [{ name: 'origin', url: `https://user:s3cret@example.com/${name}`, push: PUSH }],
    backups: [{ name: 'local', url: `file:///srv/backups/${name}`, interval: declared('1h', 60 * MINUTE), timeout: declared('2h', 120 * MINUTE) }],
    ...overrides,
  });
}

function live(position: RemotePosition, overrides: Partial<ObservedDatabaseSync> = {}): ObservedDatabaseSync {
  return { main: 'mainhash', positions: { origin: position }, backups: [{ name: 'local', url: 'file:///srv/backups/wyvern' }], noSync: false, ...overrides };
}

function observedSync(databases: Record<string, ObservedDatabaseSync>, overrides: Partial<ObservedSync> = {}): ObservedSync {
  const recent = new Date(Date.parse(OBSERVED_AT) - 5 * MINUTE).toISOString();
  return {
    at: OBSERVED_AT,
    databases,
    lastSuccess: Object.fromEntries(Object.keys(databases).map((name) => [name, { push: {}, backup: { local: recent } }])),
    divergences: {},
    refreshed: false,
    fetchFailures: [],
    ...overrides,
  };
}

const wyvern = pushedRig('wyvern');
const desired = desiredTown([hq(), wyvern]);
const AHEAD: RemotePosition = { state: 'ahead', ahead: 14, remoteHead: 'remotehash' };
const DIVERGED: RemotePosition = { state: 'diverged', remoteHead: 'remotehash' };

describe('remotePosition', () => {
  it('needs no heights when the remote-tracking ref is main', () => {
    expect(remotePosition('h', 'h', null)).toEqual({ state: 'even', remoteHead: 'h' });
  });
  it('is ahead by the height difference when main holds the remote main', () => {
    expect(remotePosition('m', 'r', { head: 20, trackedOnMain: 6, tracked: 6, mainOnTracked: null })).toEqual({ state: 'ahead', ahead: 14, remoteHead: 'r' });
  });
  it('is behind when the remote history holds main, and diverged when neither holds the other', () => {
    expect(remotePosition('m', 'r', { head: 5, trackedOnMain: null, tracked: 8, mainOnTracked: 5 })).toEqual({ state: 'behind', behind: 3, remoteHead: 'r' });
    expect(remotePosition('m', 'r', { head: 1, trackedOnMain: null, tracked: 800, mainOnTracked: null })).toEqual({ state: 'diverged', remoteHead: 'r' });
  });
  it('is untracked without a remote-tracking ref, with main\'s commits', () => {
    expect(remotePosition('m', null, { head: 3, trackedOnMain: null, tracked: null, mainOnTracked: null })).toEqual({ state: 'untracked', commits: 3 });
  });
});

describe('planSync', () => {
  it('plans nothing where the remote is even and the backup synced within its interval', () => {
    const planned = planSync(desired, observedSync({ wyvern: live({ state: 'even', remoteHead: 'mainhash' }) }), NO_FLAGS);
    expect([...planned.backups, ...planned.pushes, ...planned.backupSyncs, ...planned.blocked]).toEqual([]);
  });

  it('pushes a remote main is ahead of, never forced, with its timeout, and masks nothing it does not show', () => {
    const planned = planSync(desired, observedSync({ wyvern: live(AHEAD) }), NO_FLAGS);
    expect(planned.pushes).toEqual([
      expect.objectContaining({ id: 'push/wyvern/origin', force: null, expectedRemoteHead: 'remotehash', timeout: '2h', timeoutMs: 7_200_000, summary: '14 commits ahead' }),
    ]);
    expect(JSON.stringify(planned)).not.toContain('s3cret');
  });

  it('waits for pushInterval since the last push, and says when it pushes next', () => {
    const lastPush = new Date(Date.parse(OBSERVED_AT) - 5 * MINUTE).toISOString();
    const found = observedSync({ wyvern: live(AHEAD) }, { lastSuccess: { wyvern: { push: { origin: lastPush }, backup: { local: lastPush } } } });
    const planned = planSync(desired, found, NO_FLAGS);
    expect(planned.pushes).toEqual([]);
    expect(planned.notes).toEqual([`push/wyvern/origin: 14 commits ahead; next push at ${new Date(Date.parse(lastPush) + 15 * MINUTE).toISOString()} (pushInterval 15m)`]);
    expect(planSync(desired, found, { ...NO_FLAGS, syncNow: true }).pushes).toHaveLength(1);
  });

  it('blocks a diverged remote with the reason and the fix, and forces only with the flag', () => {
    const planned = planSync(desired, observedSync({ wyvern: live(DIVERGED) }), NO_FLAGS);
    expect(planned.pushes).toEqual([]);
    expect(planned.blocked).toEqual([expect.objectContaining({ id: 'push/wyvern/origin', code: 'diverged', hint: expect.stringContaining('gt dolt sync --db wyvern --force') })]);
    const forced = planSync(desired, observedSync({ wyvern: live(DIVERGED) }), { ...NO_FLAGS, forcePush: true });
    expect(forced.pushes).toEqual([expect.objectContaining({ force: 'flag', expectedRemoteHead: 'remotehash' })]);
    expect(forced.blocked).toEqual([]);
  });

  it('forces over the divergence gt\'s compaction recorded, only while the remote holds the head from before', () => {
    const divergence = { remoteHeadBefore: 'remotehash', rewrittenHead: 'flat', at: '2026-12-03T13:00:00.000Z' };
    const recorded = planSync(desired, observedSync({ wyvern: live(DIVERGED) }, { divergences: { wyvern: { origin: divergence } } }), NO_FLAGS);
    expect(recorded.pushes).toEqual([expect.objectContaining({ force: 'compaction' })]);
    const moved = { ...divergence, remoteHeadBefore: 'somethingelse' };
    const refused = planSync(desired, observedSync({ wyvern: live(DIVERGED) }, { divergences: { wyvern: { origin: moved } } }), NO_FLAGS);
    expect(refused.pushes).toEqual([]);
    expect(refused.blocked).toEqual([expect.objectContaining({ code: 'diverged' })]);
  });

  it('blocks a remote that is only ahead of main (remote-ahead)', () => {
    const planned = planSync(desired, observedSync({ wyvern: live({ state: 'behind', behind: 2, remoteHead: 'r' }) }), NO_FLAGS);
    expect(planned.blocked).toEqual([expect.objectContaining({ code: 'remote-ahead' })]);
  });

  it("honours Gas Town's .no-sync marker unless the database is named", () => {
    const marked = observedSync({ wyvern: live(AHEAD, { noSync: true }) });
    expect(planSync(desired, marked, NO_FLAGS).pushes).toEqual([]);
    expect(planSync(desired, marked, NO_FLAGS).notes[0]).toContain(".no-sync marker");
    expect(planSync(desired, marked, { ...NO_FLAGS, syncNow: true, syncDatabase: 'wyvern' }).pushes).toHaveLength(1);
  });

  it('refuses to push or back up a test database', () => {
    const test = pushedRig('testdb_wy');
    const planned = planSync(desiredTown([hq(), test]), observedSync({ testdb_wy: live(AHEAD) }), NO_FLAGS);
    expect(planned.pushes).toEqual([]);
    expect(planned.backupSyncs).toEqual([]);
    expect(planned.blocked).toEqual([expect.objectContaining({ id: 'push/testdb_wy', code: 'test-database' })]);
  });

  it('converges the declared backups as a set and syncs one never synced', () => {
    const found = observedSync({ wyvern: live({ state: 'even', remoteHead: 'mainhash' }, { backups: [{ name: 'old', url: 'file:///srv/old' }] }) }, { lastSuccess: {} });
    const planned = planSync(desired, found, NO_FLAGS);
    expect(planned.backups.map((action) => [action.verb, action.id])).toEqual([
      ['create', 'backup/wyvern/local'],
      ['delete', 'backup/wyvern/old'],
    ]);
    expect(planned.backupSyncs).toEqual([expect.objectContaining({ id: 'backup-sync/wyvern/local', before: { lastSync: null }, summary: 'never synced by gt' })]);
  });

  it('syncs a backup whose last sync is older than its interval', () => {
    const old = new Date(Date.parse(OBSERVED_AT) - 133 * MINUTE).toISOString();
    const found = observedSync({ wyvern: live({ state: 'even', remoteHead: 'mainhash' }) }, { lastSuccess: { wyvern: { push: {}, backup: { local: old } } } });
    expect(planSync(desired, found, NO_FLAGS).backupSyncs).toEqual([expect.objectContaining({ summary: 'last synced 2h13m ago ≥ interval 1h' })]);
  });

  it('applies --sync-timeout over the declared timeouts', () => {
    const planned = planSync(desired, observedSync({ wyvern: live(AHEAD) }, { lastSuccess: {} }), { ...NO_FLAGS, syncTimeout: declared('4h', 240 * MINUTE) });
    expect([...planned.pushes, ...planned.backupSyncs].map((action) => action.timeout)).toEqual(['4h', '4h']);
  });
});

describe('plan() with sync', () => {
  it('orders backups after remotes and pushes and backup syncs last, and prints them (text and schema-valid JSON)', () => {
    const observed = { ...convergedObserved(desired), sync: observedSync({ wyvern: live(AHEAD, { backups: [] }) }, { lastSuccess: {} }) };
    observed.databases = (observed.databases ?? []).map((db) => (db.name === 'wyvern' ? { ...db, remotes: [] } : db));
    const planned = plan(desired, observed, NO_FLAGS);
    expect(planned.actions.map((action) => action.kind)).toEqual(['remote', 'backup', 'push', 'backup-sync']);
    const text = renderPlanText(planned, false);
    expect(text).toContain('~ update  push/wyvern/origin\n      14 commits ahead');
    expect(text).not.toContain('s3cret');
    const document = parseDocument('plan', renderPlanJson(planned));
    expect(JSON.stringify(document)).not.toContain('toUrl');
  });
});
