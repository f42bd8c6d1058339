import type { DesiredState } from '../config/desired.js';
import { observe } from '../observe/observe.js';
import { plan } from '../plan/plan.js';
import type { Action, TownFileAction } from '../plan/types.js';
import { executePlan, type ActionResult } from './execute.js';

/** Files every rig is listed in: the registry, the routes, and the databases the server's state file records. */
const SHARED_ROLES = new Set<TownFileAction['role']>(['rigs', 'routes', 'server-state']);

function concernsRig(action: Action, rig: string): action is TownFileAction {
  return action.kind === 'town-file' && (SHARED_ROLES.has(action.role) || action.path.startsWith(`${rig}/`));
}

/**
 * A new rig's share of Gas Town's files, for `gt dolt init-rig`: the town-file actions a plan of the town has for the
 * rig's own files (config.json, metadata.json) and the shared ones, executed as gt apply executes them. The caller
 * holds the applier lock.
 */
export async function convergeRigTownFiles(desired: DesiredState, rig: string): Promise<ActionResult[]> {
  const planned = plan(desired, await observe(desired), { prune: false, force: false });
  if (planned.errors.length > 0) throw new Error(planned.errors.map((error) => error.message).join('\n'));
  const actions = planned.actions.filter((action) => concernsRig(action, rig));
  return executePlan({ actions, blocked: [], unmanaged: [], notes: [], errors: [] }, desired);
}
