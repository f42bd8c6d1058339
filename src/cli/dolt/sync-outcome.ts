import type { ActionResult } from '../../apply/execute.js';
import type { DesiredState } from '../../config/desired.js';
import type { ObservedSync } from '../../observe/observed.js';
import type { Plan, PushAction } from '../../plan/types.js';

/** One line of `gt dolt sync`'s report: a push done (or to do, in a dry run), failed, or a database skipped. */
export interface SyncLine {
  database: string;
  /** null for a database skipped as a whole. */
  remote: string | null;
  outcome: 'pushed' | 'to-push' | 'skipped' | 'failed';
  detail: string;
}

export interface SyncOutcome {
  lines: SyncLine[];
  pushed: number;
  skipped: number;
  failed: number;
}

/** A push whose remote is not configured as declared yet (its remote action is still planned): gt apply comes first. */
export function pushesWithoutRemote(plan: Plan): PushAction[] {
  const pending = new Set(plan.actions.filter((action) => action.kind === 'remote').map((action) => action.id));
  return plan.actions.filter((action): action is PushAction => action.kind === 'push' && pending.has(`remote/${action.database}/${action.remote}`));
}

/** Why a database with nothing to push is skipped, as Gas Town's sync says it. */
function skipReason(desired: DesiredState, name: string, sync: ObservedSync | null, notes: readonly string[]): string {
  const database = desired.databases.find((db) => db.name === name);
  if (!(database?.remotes ?? []).some((remote) => remote.push !== undefined)) return 'no remote with push: true';
  if (sync?.databases[name] === undefined) return 'not served';
  if (sync.databases[name]?.noSync === true) return '.no-sync marker (name it with --db to push it)';
  const note = notes.find((text) => text.startsWith(`${name} has no main branch`));
  return note === undefined ? 'up to date' : 'no main branch';
}

/**
 * Pure: `gt dolt sync`'s report from its plan and what executing its pushes did (`results`: null in a dry run). A
 * planned push is pushed, to push or failed; a blocked push (the remote has commits main lacks) is a failure; a test
 * database and every other declared database with nothing to push is skipped. `scope` names the databases it covers.
 */
export function syncOutcome(desired: DesiredState, sync: ObservedSync | null, plan: Plan, results: readonly ActionResult[] | null, scope: readonly string[]): SyncOutcome {
  const lines: SyncLine[] = [];
  const unconfigured = new Set(pushesWithoutRemote(plan).map((action) => action.id));
  for (const name of scope) {
    const pushes = plan.actions.filter((action): action is PushAction => action.kind === 'push' && action.database === name);
    const blocked = plan.blocked.filter((change) => change.id === `push/${name}` || change.id.startsWith(`push/${name}/`));
    for (const push of pushes) {
      const result = results?.find((found) => found.action.id === push.id);
      if (unconfigured.has(push.id)) {
        lines.push({ database: name, remote: push.remote, outcome: 'failed', detail: `remote ${push.remote} is not configured as declared yet; run gt apply first` });
      } else if (results === null) {
        lines.push({ database: name, remote: push.remote, outcome: 'to-push', detail: push.summary });
      } else {
        const outcome = result?.status === 'done' ? 'pushed' : 'failed';
        lines.push({ database: name, remote: push.remote, outcome, detail: result?.message ?? 'not run' });
      }
    }
    for (const change of blocked) {
      const remote = change.id.split('/')[2] ?? null;
      const outcome = change.code === 'test-database' ? 'skipped' : 'failed';
      lines.push({ database: name, remote, outcome, detail: outcome === 'failed' ? `${change.reason}; ${change.hint}` : change.reason });
    }
    if (pushes.length === 0 && blocked.length === 0) {
      lines.push({ database: name, remote: null, outcome: 'skipped', detail: skipReason(desired, name, sync, plan.notes) });
    }
  }
  const count = (outcome: SyncLine['outcome']): number => lines.filter((line) => line.outcome === outcome).length;
  return { lines, pushed: count('pushed') + count('to-push'), skipped: count('skipped'), failed: count('failed') };
}
