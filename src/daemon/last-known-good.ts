import { executePlan, type ActionResult, type ExecuteHooks } from '../apply/execute.js';
import type { DesiredState } from '../config/desired.js';
import { acquireLock } from '../lib/lock.js';
import { townPaths } from '../lib/town-layout.js';
import type { ObservedServer } from '../observe/observed.js';
import { observeServerRoot } from '../observe/server-root.js';
import { planServer } from '../plan/plan-server.js';

/**
 * Brings back a crashed or hung server with the settings of the last config that loaded, while the config on disk
 * does not: the town's agents need their server more than they need the operator's half-made edit. Only the server
 * action runs (under the applier lock, like any reconcile); nothing else is planned, and daemon.json, which the
 * operator is editing, is not written.
 */
export async function restartWithLastKnownGood(
  desired: DesiredState,
  observed: ObservedServer,
  options: { lockTimeoutMs: number; hooks: ExecuteHooks },
): Promise<ActionResult[]> {
  const serverRoot = observeServerRoot(desired.server.rootPath.value, null, process.env);
  const facts = { observed, serverConfig: 'absent' as const, serverRoot, portConflicts: [], unserved: [], incomplete: [] };
  const { action } = planServer(desired.townRoot, desired.server, facts);
  if (action === null) return [];
  const release = await acquireLock(townPaths(desired.townRoot).applierLock, { command: 'gt daemon run', timeoutMs: options.lockTimeoutMs });
  try {
    return await executePlan({ actions: [action], blocked: [], unmanaged: [], notes: [], errors: [] }, desired, options.hooks);
  } finally {
    release();
  }
}
