import type { LedgerSpec } from '../../../src/config/desired.js';
import type { LedgerTableFacts, ObservedLedger } from '../../../src/observe/observed.js';
import { planLedger } from '../../../src/plan/plan-ledger.js';
import { desiredTown, hq, rig, TOWN } from './fixtures.js';

const LEDGER: LedgerSpec = {
  repo: '/srv/ledger',
  remote: 'origin',
  interval: { text: '15m', ms: 900_000 },
  databases: ['hq', 'wyvern'],
  spike: { threshold: 0.5, minAbsolute: 20 },
  site: { file: `${TOWN}/mayor/rigs.d/town.yaml`, line: 4, column: 3 },
};
const desired = desiredTown([hq(), rig('wyvern')], { ledger: LEDGER, lifecycle: { declared: true, declaresDecay: false, declaresCompaction: false, executor: 'gt' } });

function table(name: string, before: number | null, after: number, changes: Partial<LedgerTableFacts> = {}): LedgerTableFacts {
  return { table: name, path: `db/${name}.jsonl`, before, after, added: Math.max(0, after - (before ?? 0)), removed: Math.max(0, (before ?? 0) - after), changed: 0, identical: before === after, ...changes };
}

function observed(databases: ObservedLedger['databases'], overrides: Partial<ObservedLedger> = {}): { ledger: ObservedLedger } {
  return { ledger: { archive: { state: 'ok', head: 'abc', branch: 'main', remoteExists: true }, databases, pushPending: false, pushFailures: 0, ...overrides } };
}

describe('the ledger planner (pure)', () => {
  it('one action per changed table, with counts; then the push', () => {
    const planned = planLedger(desired, observed({ hq: { state: 'read', hash: 'h1', tables: [table('issues', 71, 74, { changed: 1 }), table('labels', 10, 10)] } }), {});
    expect(planned.actions.map((a) => [a.id, a.verb, a.kind === 'ledger' ? a.summary : a.reason])).toEqual([
      ['ledger/hq/issues', 'update', '+3 −0 ~1 records (71 → 74)'],
      ['ledger/push/origin', 'update', "spec.ledger.remote: the export's commit is pushed to origin (main)"],
    ]);
    expect(planned.blocked).toEqual([]);
  });

  it("a spiking table holds back its database's whole export, not the others; --accept-spike lets it through", () => {
    const facts = observed({
      hq: { state: 'read', hash: 'h1', tables: [table('labels', 60, 90)] },
      wyvern: { state: 'read', hash: 'h2', tables: [table('issues', 51, 20), table('config', 2, 3)] },
    });
    const halted = planLedger(desired, facts, {});
    expect(halted.actions.map((a) => a.id)).toEqual(['ledger/hq/labels', 'ledger/push/origin']);
    expect(halted.blocked.map((b) => [b.id, b.code, b.hint])).toEqual([
      ['ledger/wyvern/issues', 'ledger-spike', 'inspect wyvern; if the change is real, run gt apply --accept-spike wyvern (or gt ledger export --accept-spike wyvern)'],
    ]);
    const accepted = planLedger(desired, facts, { acceptSpike: ['wyvern'] });
    expect(accepted.blocked).toEqual([]);
    expect(accepted.actions.filter((a) => a.kind === 'ledger').map((a) => [a.id, a.kind === 'ledger' && a.spikeAccepted])).toEqual([
      ['ledger/hq/labels', false],
      ['ledger/wyvern/issues', true],
      ['ledger/wyvern/config', false],
    ]);
  });

  it('failed and uncommitted databases are blocked with their reason; an invalid archive blocks the ledger', () => {
    const planned = planLedger(
      desired,
      observed({ hq: { state: 'failed', hash: null, reason: 'hq has no branch main' }, wyvern: { state: 'uncommitted', hash: 'h2', paths: ['wyvern/issues.jsonl'] } }),
      {},
    );
    expect(planned.actions).toEqual([]);
    expect(planned.blocked.map((b) => [b.id, b.code])).toEqual([
      ['ledger/hq', 'ledger-export-failed'],
      ['ledger/wyvern', 'ledger-uncommitted'],
    ]);
    const invalid = planLedger(desired, observed({}, { archive: { state: 'invalid', reason: '/srv/ledger is not a git work tree' } }), {});
    expect(invalid.blocked.map((b) => [b.id, b.code])).toEqual([['ledger', 'ledger-repo-invalid']]);
  });

  it('a push that failed is retried without an export; nothing without a remote', () => {
    const retry = planLedger(desired, observed({}, { pushPending: true, pushFailures: 2 }), {});
    expect(retry.actions.map((a) => [a.id, a.before])).toEqual([['ledger/push/origin', { failedPushes: 2 }]]);
    const noRemote = planLedger(desired, observed({}, { pushPending: true, archive: { state: 'ok', head: 'abc', branch: 'main', remoteExists: false } }), {});
    expect(noRemote.actions).toEqual([]);
  });
});
