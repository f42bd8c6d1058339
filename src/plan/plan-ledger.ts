import type { DesiredState, LedgerSpec } from '../config/desired.js';
import { formatLocation } from '../lib/location.js';
import type { ArchiveFacts } from '../observe/ledger-archive.js';
import type { LedgerDatabaseFacts, LedgerTableFacts, ObservedLedger, ObservedState } from '../observe/observed.js';
import { describeSpike, spikeOf, type Spike } from './ledger-spike.js';
import { relativeToTown } from './source-label.js';
import type { BlockedChange, LedgerAction, LedgerExportAction, LedgerPushAction, PlanOptions } from './types.js';

/** What the ledger asks of the town now: table files to rewrite (one commit), a push, what is blocked. */
export interface LedgerPlan {
  actions: LedgerAction[];
  blocked: BlockedChange[];
}

const grouped = (count: number): string => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "+3 −0 ~1 records (71 → 74)"; "records reordered" when only the order of lines differs. */
export function ledgerSummary(table: Pick<LedgerTableFacts, 'before' | 'after' | 'added' | 'removed' | 'changed'>): string {
  const counts = `+${grouped(table.added)} −${grouped(table.removed)} ~${grouped(table.changed)} records`;
  if (table.before === null) return `${counts} (new file, ${grouped(table.after)})`;
  if (table.added + table.removed + table.changed === 0) return `records reordered (${grouped(table.after)})`;
  return `${counts} (${grouped(table.before)} → ${grouped(table.after)})`;
}

function where(desired: DesiredState, ledger: LedgerSpec): string {
  return formatLocation({ ...ledger.site, file: relativeToTown(desired.townRoot, ledger.site.file) });
}

function exportAction(
  desired: DesiredState,
  ledger: LedgerSpec,
  database: string,
  facts: Extract<LedgerDatabaseFacts, { state: 'read' }>,
  table: LedgerTableFacts,
  context: { archiveHead: string | null; spikeAccepted: boolean },
): LedgerExportAction {
  return {
    kind: 'ledger',
    id: `ledger/${database}/${table.table}`,
    verb: table.before === null ? 'create' : 'update',
    code: 'ledger-export-due',
    database,
    table: table.table,
    repo: ledger.repo,
    path: table.path,
    hash: facts.hash,
    archiveHead: context.archiveHead,
    before: table.before === null ? null : { records: table.before },
    after: { records: table.after },
    added: table.added,
    removed: table.removed,
    changed: table.changed,
    spikeAccepted: context.spikeAccepted,
    summary: ledgerSummary(table),
    reason:
      `spec.ledger (${where(desired, ledger)}): ${table.path} in ${ledger.repo} holds ${database}.${table.table} as of Dolt commit ` +
      `${facts.hash.slice(0, 8)}, exported at most every ${ledger.interval.text}` +
      (context.spikeAccepted ? '; the spike is accepted by --accept-spike' : ''),
    destructive: false,
    needsRestart: false,
  };
}

function spikeBlock(database: string, table: LedgerTableFacts, spike: Spike): BlockedChange {
  return {
    id: `ledger/${database}/${table.table}`,
    verb: 'update',
    code: 'ledger-spike',
    reason:
      `${table.path}: ${describeSpike(spike)} since the archive's HEAD; a spike holds back ${database}'s whole export ` +
      '(possible data loss or pollution)',
    hint: `inspect ${database}; if the change is real, run gt apply --accept-spike ${database} (or gt ledger export --accept-spike ${database})`,
  };
}

function databaseBlock(database: string, facts: Exclude<LedgerDatabaseFacts, { state: 'read' }>, repo: string): BlockedChange {
  if (facts.state === 'failed') {
    return {
      id: `ledger/${database}`,
      verb: 'update',
      code: 'ledger-export-failed',
      reason: `the export of ${database} failed, so nothing is written for it (no partial snapshot): ${facts.reason}`,
      hint: `fix what the reason names (a beads database has the tables issues, comments, config, dependencies, events, labels and metadata), or leave ${database} out of spec.ledger.databases`,
    };
  }
  return {
    id: `ledger/${database}`,
    verb: 'update',
    code: 'ledger-uncommitted',
    reason: `${repo} has uncommitted changes to files gt writes: ${facts.paths.join(', ')}`,
    hint: `commit or revert them (git -C ${repo} status), then gt exports ${database} again`,
  };
}

function repoBlock(ledger: LedgerSpec, archive: Extract<ArchiveFacts, { state: 'invalid' }>): BlockedChange {
  return {
    id: 'ledger',
    verb: 'update',
    code: 'ledger-repo-invalid',
    reason: `gt exports the ledger only into the top of a git work tree on a branch: ${archive.reason}`,
    hint: `create it (git init ${ledger.repo}, or clone the archive there), or point spec.ledger.repo at one`,
  };
}

/** One read database: its changed tables as actions, or every spike as a blocked change (a spike holds back them all). */
function planDatabase(
  desired: DesiredState,
  ledger: LedgerSpec,
  database: string,
  facts: Extract<LedgerDatabaseFacts, { state: 'read' }>,
  context: { archiveHead: string | null; accepted: boolean },
  plan: LedgerPlan,
): void {
  const changed = facts.tables.filter((table) => !table.identical);
  const spikes = changed.flatMap((table) => {
    const spike = spikeOf(table.before, table.after, ledger.spike);
    return spike === null ? [] : [{ table, spike }];
  });
  if (spikes.length > 0 && !context.accepted) {
    plan.blocked.push(...spikes.map(({ table, spike }) => spikeBlock(database, table, spike)));
    return;
  }
  const spiked = new Set(spikes.map(({ table }) => table.table));
  plan.actions.push(
    ...changed.map((table) => exportAction(desired, ledger, database, facts, table, { archiveHead: context.archiveHead, spikeAccepted: spiked.has(table.table) })),
  );
}

function pushAction(ledger: LedgerSpec, branch: string, observed: ObservedLedger, exporting: boolean): LedgerPushAction {
  return {
    kind: 'ledger-push',
    id: `ledger/push/${ledger.remote}`,
    verb: 'update',
    code: 'ledger-push-due',
    repo: ledger.repo,
    remote: ledger.remote,
    branch,
    before: { failedPushes: observed.pushFailures },
    after: { failedPushes: 0 },
    reason: exporting
      ? `spec.ledger.remote: the export's commit is pushed to ${ledger.remote} (${branch})`
      : `the last push of ${branch} to ${ledger.remote} failed (${observed.pushFailures} in a row): the archive has commits ${ledger.remote} lacks`,
    destructive: false,
    needsRestart: false,
  };
}

/**
 * Pure: the ledger export the observation calls for. Each read database's changed tables become actions (one commit
 * for all of them), unless a table spikes: then the database's whole export is blocked until `acceptSpike` names it
 * or the data settles back. Failed and uncommitted databases are blocked; an archive gt may not commit to blocks all.
 * A push follows an export, or retries one that failed, when the repository has the remote.
 */
export function planLedger(desired: DesiredState, observed: Pick<ObservedState, 'ledger'>, options: Pick<PlanOptions, 'acceptSpike'>): LedgerPlan {
  const plan: LedgerPlan = { actions: [], blocked: [] };
  const found = observed.ledger;
  const ledger = desired.ledger;
  if (found === null || ledger === null || found.archive.state === 'not-read') return plan;
  if (found.archive.state === 'invalid') {
    plan.blocked.push(repoBlock(ledger, found.archive));
    return plan;
  }
  const accepted = new Set(options.acceptSpike ?? []);
  const archiveHead = found.archive.head;
  for (const [database, facts] of Object.entries(found.databases)) {
    if (facts.state === 'read') planDatabase(desired, ledger, database, facts, { archiveHead, accepted: accepted.has(database) }, plan);
    else plan.blocked.push(databaseBlock(database, facts, ledger.repo));
  }
  const exporting = plan.actions.length > 0;
  if (found.archive.remoteExists && (exporting || found.pushPending)) plan.actions.push(pushAction(ledger, found.archive.branch, found, exporting));
  return plan;
}
