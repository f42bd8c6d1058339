import type { DeclaredDuration, DesiredState } from '../../config/desired.js';
import { painter } from '../../lib/paint.js';
import { inspectServer } from '../../observe/server-process.js';
import { EXIT, type CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';
import { assertServerRunning } from './server-required.js';
import { pushesWithoutRemote, syncOutcome, type SyncLine, type SyncOutcome } from './sync-outcome.js';

export interface SyncOptions {
  db?: string;
  dryRun?: boolean;
  force?: boolean;
  refresh?: boolean;
  timeout?: DeclaredDuration;
  lockTimeout: number;
}

const MARK: Record<SyncLine['outcome'], string> = { pushed: '✓', 'to-push': '→', skipped: '○', failed: '✗' };

function renderText(outcome: SyncOutcome, dryRun: boolean, color: boolean): string {
  const paint = painter(color);
  const style = { pushed: 'green', 'to-push': 'yellow', skipped: 'dim', failed: 'red' } as const;
  const lines = outcome.lines.map((line) => {
    const target = line.remote === null ? line.database : `${line.database} → ${line.remote}`;
    return `  ${paint(style[line.outcome], MARK[line.outcome])} ${target}: ${line.detail}`;
  });
  const pushed = dryRun ? `${outcome.pushed} to push` : `${outcome.pushed} pushed`;
  return `${[...lines, '', `Summary: ${pushed}, ${outcome.skipped} skipped, ${outcome.failed} failed${dryRun ? ' (dry run: nothing pushed)' : ''}`].join('\n')}\n`;
}

/** The databases `gt dolt sync` covers: the one named, else every declared present one (hq first, as declared). */
function scopeOf(desired: DesiredState, db: string | undefined): string[] {
  const present = desired.databases.filter((database) => database.ensure === 'present').map((database) => database.name);
  if (db === undefined) return present;
  if (!present.includes(db)) throw new Error(`no manifest declares the database ${db} (present); gt dolt sync pushes declared databases only`);
  return [db];
}

/**
 * `gt dolt sync`: Gas Town's imperative push, on gt apply's path: observe (--refresh fetches first), plan with every
 * push due now, execute only the pushes (over SQL, the server keeps running; no commit is made), under the applier
 * lock. `--db` names one database (its .no-sync marker then does not hold it back); `--force` overwrites remotes that
 * have commits main lacks, after checking they did not move since the plan. A failed or blocked push fails the exit.
 */
export async function runSync(io: CommandIO, options: SyncOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const scope = scopeOf(desired, options.db);
    assertServerRunning(desired.server, await inspectServer(desired.townRoot, desired.server), io.invocation);
    const outcome = await withApplierLock(desired.townRoot, options.lockTimeout, async () => {
      const { observe } = await import('../../observe/observe.js');
      const { plan } = await import('../../plan/plan.js');
      const observed = await observe(desired, { townFiles: false, refreshRemotes: options.refresh === true });
      const planned = plan(desired, observed, {
        prune: false,
        force: false,
        forcePush: options.force === true,
        syncNow: true,
        syncDatabase: options.db,
        syncTimeout: options.timeout,
      });
      if (options.dryRun === true) return syncOutcome(desired, observed.sync, planned, null, scope);
      const unconfigured = new Set(pushesWithoutRemote(planned).map((action) => action.id));
      const pushes = planned.actions.filter((action) => action.kind === 'push' && !unconfigured.has(action.id));
      const { executePlan } = await import('../../apply/execute.js');
      const results = await executePlan({ ...planned, actions: pushes }, desired);
      return syncOutcome(desired, observed.sync, planned, results, scope);
    });
    const json = { summary: { pushed: outcome.pushed, skipped: outcome.skipped, failed: outcome.failed }, dryRun: options.dryRun === true, results: outcome.lines };
    io.stdout.write(io.output === 'json' ? `${JSON.stringify(json, null, 2)}\n` : renderText(outcome, options.dryRun === true, io.color));
    return outcome.failed > 0 ? EXIT.differences : EXIT.ok;
  });
}
