import { PUSH_FAILURES_WARNING } from '../apply/ledger-push.js';
import type { DesiredState } from '../config/desired.js';
import { readLedgerState } from '../lib/ledger-state.js';
import type { Paint } from '../lib/paint.js';
import { townPaths } from '../lib/town-layout.js';

/** The ledger at a glance: where it goes, who exports it, when gt last checked it, whether its pushes fail. */
export interface LedgerStatus {
  repo: string;
  executor: 'gt' | 'gastown';
  /** The latest export or check of any database (UTC ISO); null before the first. */
  lastChecked: string | null;
  pushFailures: number;
  lastPushError: string | null;
  /** Set once pushes failed PUSH_FAILURES_WARNING times in a row. */
  warning: string | null;
}

export function ledgerStatus(desired: Pick<DesiredState, 'ledger' | 'lifecycle' | 'townRoot'>): LedgerStatus | null {
  if (desired.ledger === null) return null;
  const state = readLedgerState(townPaths(desired.townRoot).ledgerState);
  const checked = Object.values(state.databases).map((entry) => entry.checkedAt).sort();
  const failing = state.pushFailures >= PUSH_FAILURES_WARNING;
  return {
    repo: desired.ledger.repo,
    executor: desired.lifecycle.executor,
    lastChecked: checked[checked.length - 1] ?? null,
    pushFailures: state.pushFailures,
    lastPushError: state.lastPushError,
    warning: failing
      ? `${state.pushFailures} pushes of the ledger to ${desired.ledger.remote} failed in a row (last: ${state.lastPushError ?? 'unknown'}); the archive's newest commits exist only in ${desired.ledger.repo}`
      : null,
  };
}

export function renderLedgerStatus(status: LedgerStatus, paint: Paint): string[] {
  const by = status.executor === 'gt' ? 'gt exports it' : "Gas Town's jsonl_git_backup exports it";
  const checked = status.executor === 'gt' ? `, last checked ${status.lastChecked ?? 'never'}` : '';
  return [`Ledger    ${status.repo} (${by}${checked})`, ...(status.warning === null ? [] : [`          ${paint('yellow', `warning: ${status.warning}`)}`])];
}
