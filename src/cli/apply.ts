import type { Command } from 'commander';
import type { ActionResult } from '../apply/execute.js';
import { painter } from '../lib/paint.js';
import { symbolOf } from '../plan/summary.js';
import type { Action } from '../plan/types.js';
import { runDiff } from './diff.js';
import { addLockTimeoutOption, addManifestOption, addSyncTimeoutOption, collect } from './global-options.js';
import { loadConfigForCommand } from './load-config.js';
import { EXIT, runCommand, type CommandIO, type Session } from './output.js';

interface ApplyOptions {
  dryRun?: boolean;
  prune?: boolean;
  force?: boolean;
  refresh?: boolean;
  forcePush?: boolean;
  syncTimeout?: { text: string; ms: number };
  acceptSpike?: string[];
  /** Milliseconds. */
  lockTimeout: number;
}

/** `daemon-config/patrols.{handler, wisp_reaper}`: the ids of a step that ran as one, folded. */
function stepId(actions: readonly Action[]): string {
  const ids = actions.map((action) => action.id);
  if (ids.length === 1) return ids[0] as string;
  const prefix = (ids[0] as string).slice(0, (ids[0] as string).search(/[^/.]*$/));
  return ids.every((id) => id.startsWith(prefix)) ? `${prefix}{${ids.map((id) => id.slice(prefix.length)).join(', ')}}` : ids.join(', ');
}

/** A step's results as one: failed if any action failed (the ledger's databases end each on their own), every message once. */
function formatStep(results: readonly ActionResult[], color: boolean): string {
  const paint = painter(color);
  const first = results.find((result) => result.status === 'failed') ?? (results[0] as ActionResult);
  const status =
    first.status === 'done' ? paint('green', 'done') : first.status === 'failed' ? paint('red', 'FAILED') : paint('dim', 'skipped');
  const messages = [...new Set(results.map((result) => result.message).filter((message) => message !== null))];
  const detail = messages.length > 0 ? `: ${messages.join('; ')}` : '';
  const verb = (results[0] as ActionResult).action.verb;
  return `  ${symbolOf(verb)} ${verb.padEnd(7)} ${stepId(results.map((r) => r.action))} ... ${status} (${first.durationMs} ms)${detail}\n`;
}

/** Lock, observe, plan, execute, observe again; prints the plan and each step as it runs (or one JSON report). */
async function runApply(io: CommandIO, options: ApplyOptions): Promise<number> {
  if (options.dryRun) return runDiff(io, { prune: options.prune, force: options.force, refresh: options.refresh, forcePush: options.forcePush, acceptSpike: options.acceptSpike });
  const { applyErrorsDocument, renderApplyJson } = await import('../plan/render-apply-json.js');
  const loaded = await loadConfigForCommand(io, { errorDocument: applyErrorsDocument });
  if (!loaded) return EXIT.error;
  const { reconcile } = await import('../apply/reconcile.js');
  const { hungServerMsFrom } = await import('../lib/deadline.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const { renderPlanText } = await import('../plan/render-text.js');
  const json = io.output === 'json';
  const print = (text: string): void => {
    if (!json) io.stdout.write(text);
  };
  const report = await reconcile(loaded.desired, {
    command: `gt ${process.argv.slice(2).join(' ')}`,
    yamlCache: diskYamlCache(process.env),
    lockTimeoutMs: options.lockTimeout,
    hungServerMs: hungServerMsFrom(process.env),
    prune: options.prune === true,
    force: options.force === true,
    refreshRemotes: options.refresh === true,
    forcePush: options.forcePush === true,
    syncTimeout: options.syncTimeout,
    acceptSpike: options.acceptSpike ?? [],
    hooks: {
      onPlan: (plan, pass) => {
        if (pass === 1) print(`${renderPlanText(plan, io.color)}${plan.actions.length > 0 ? '\n' : ''}`);
        else if (plan.actions.length > 0) print(`\nThe server is up; planning what it reveals:\n${renderPlanText(plan, io.color)}`);
      },
      onStep: (results) => print(formatStep(results, io.color)),
      onProgress: (action, message) => print(`  ${symbolOf(action.verb)} ${action.verb.padEnd(7)} ${action.id}: ${message}\n`),
    },
  });
  const { counts, converged } = report;
  if (json) {
    io.stdout.write(renderApplyJson(report));
  } else if (report.results.length > 0) {
    print(
      `\nApply finished in ${(report.durationMs / 1000).toFixed(1)} s: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped.\n`,
    );
    print(converged ? 'The town matches its config.\n' : `Still differs:\n${renderPlanText(report.remaining, io.color)}`);
  }
  if (report.remaining.errors.length > 0) return EXIT.error;
  return converged ? EXIT.ok : EXIT.differences;
}

/** `gt apply`: lock, observe, plan, execute in order, observe again and report. */
export function registerApplyCommand(program: Command, session: Session): void {
  const apply = addManifestOption(program.command('apply'))
    .description('converge the town to its config (exit 0: converged, 1: still differs, 2: error)')
    .option('--dry-run', 'only show the plan (same as gt diff)')
    .option('--prune', 'drop databases declared ensure: absent (never protected ones; restorable with dolt_undrop)')
    .option('--force', 'with --prune: drop even databases with unpushed commits')
    .option('--refresh', 'fetch every pushed remote before planning its push')
    .option('--force-push', 'push with --force over remotes that have commits main lacks (after checking they did not move since the plan)')
    .option('--accept-spike <db>', "export the database's ledger files although a table's record count spiked (repeatable)", collect);
  addSyncTimeoutOption(apply);
  addLockTimeoutOption(apply, '60s', 'how long to wait for another applier to finish (e.g. 30s, 2m)').action(
    runCommand(session, (io, options: ApplyOptions) => runApply(io, options)),
  );
}
