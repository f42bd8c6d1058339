import { git } from '../lib/git.js';
import { updateLedgerState } from '../lib/ledger-state.js';
import type { LedgerPushAction } from '../plan/types.js';

/** After this many failed pushes in a row, `gt status` warns (Gas Town escalates at the same count). */
export const PUSH_FAILURES_WARNING = 3;

/**
 * Pushes the archive's branch to its remote, never forced (gt never rewrites the archive's history: a remote that
 * diverged is the operator's to reconcile). Success or failure is recorded for the next run and `gt status`; a
 * failure rejects, so apply reports it in its exit code.
 */
export async function runLedgerPush(action: LedgerPushAction, statePath: string): Promise<string> {
  const ref = `refs/heads/${action.branch}`;
  try {
    await git(action.repo, ['push', '--quiet', action.remote, `${ref}:${ref}`]);
  } catch (error) {
    const message = (error as Error).message;
    let failures = 0;
    updateLedgerState(statePath, (state) => {
      failures = state.pushFailures + 1;
      Object.assign(state, { pushFailures: failures, pushPending: true, lastPushError: message });
    });
    throw new Error(`${message} (${failures} failed push${failures === 1 ? '' : 'es'} in a row; the next run pushes again)`);
  }
  updateLedgerState(statePath, (state) => Object.assign(state, { pushFailures: 0, pushPending: false, lastPushError: null }));
  return `pushed ${action.branch} to ${action.remote}`;
}
