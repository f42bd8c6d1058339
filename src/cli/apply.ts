import type { Command } from 'commander';
import type { ActionResult } from '../apply/execute.js';
import type { ReconcileReport } from '../apply/reconcile.js';
import { painter } from '../lib/paint.js';
import { symbolOf } from '../plan/summary.js';
import type { Action } from '../plan/types.js';
import { runDiff } from './diff.js';
import { addManifestOption, globalOptions } from './global-options.js';
import { loadConfigForCommand } from './load-config.js';
import { EXIT, printError, useColor } from './output.js';

interface ApplyOptions {
  dryRun?: boolean;
  prune?: boolean;
  force?: boolean;
  lockTimeout: string;
}

/** `daemon-config/patrols.{handler, wisp_reaper}`: the ids of a step that ran as one, folded. */
function stepId(actions: readonly Action[]): string {
  const ids = actions.map((action) => action.id);
  if (ids.length === 1) return ids[0] as string;
  const prefix = (ids[0] as string).slice(0, (ids[0] as string).search(/[^/.]*$/));
  return ids.every((id) => id.startsWith(prefix)) ? `${prefix}{${ids.map((id) => id.slice(prefix.length)).join(', ')}}` : ids.join(', ');
}

function formatStep(results: readonly ActionResult[], color: boolean): string {
  const paint = painter(color);
  const first = results[0] as ActionResult;
  const status =
    first.status === 'done' ? paint('green', 'done') : first.status === 'failed' ? paint('red', 'FAILED') : paint('dim', 'skipped');
  const detail = first.message ? `: ${first.message}` : '';
  const verb = first.action.verb;
  return `  ${symbolOf(verb)} ${verb.padEnd(7)} ${stepId(results.map((r) => r.action))} ... ${status} (${first.durationMs} ms)${detail}\n`;
}

function jsonReport(report: ReconcileReport): unknown {
  const actionJson = (action: Action): Record<string, unknown> => ({
    id: action.id,
    kind: action.kind,
    verb: action.verb,
    code: action.code,
    before: action.before,
    after: action.after,
    reason: action.reason,
  });
  const { done, failed, skipped } = report.counts;
  return {
    version: 1,
    converged: report.converged,
    durationMs: report.durationMs,
    summary: { done, failed, skipped },
    results: report.results.map((result) => ({
      ...actionJson(result.action),
      status: result.status,
      durationMs: result.durationMs,
      message: result.message,
    })),
    remaining: {
      actions: report.remaining.actions.map(actionJson),
      blocked: report.remaining.blocked,
      errors: report.remaining.errors,
      unmanaged: report.remaining.unmanaged,
    },
  };
}

/** `gt apply`: lock, observe, plan, execute in order, observe again and report. */
export function registerApplyCommand(program: Command): void {
  addManifestOption(program.command('apply'))
    .description('converge the town to its config (exit 0: converged, 1: still differs, 2: error)')
    .option('--dry-run', 'only show the plan (same as gt diff)')
    .option('--prune', 'drop databases declared ensure: absent (never protected ones; restorable with dolt_undrop)')
    .option('--force', 'with --prune: drop even databases with unpushed commits')
    .option('--lock-timeout <seconds>', 'how long to wait for another applier to finish', '60')
    .action(async (options: ApplyOptions, command: Command) => {
      if (options.dryRun) {
        await runDiff({ prune: options.prune, force: options.force }, command);
        return;
      }
      const lockTimeoutSeconds = Number(options.lockTimeout);
      if (!Number.isFinite(lockTimeoutSeconds) || lockTimeoutSeconds < 0) {
        printError(`--lock-timeout must be a number of seconds, got "${options.lockTimeout}"`);
        process.exitCode = EXIT.error;
        return;
      }
      const loaded = await loadConfigForCommand(command);
      if (!loaded) return;
      const { reconcile } = await import('../apply/reconcile.js');
      const { renderPlanText } = await import('../plan/render-text.js');
      const json = globalOptions(command).output === 'json';
      const color = useColor(globalOptions(command));
      const print = (text: string): void => {
        if (!json) process.stdout.write(text);
      };
      try {
        const report = await reconcile(loaded.desired, {
          command: `gt ${process.argv.slice(2).join(' ')}`,
          lockTimeoutMs: lockTimeoutSeconds * 1000,
          prune: options.prune === true,
          force: options.force === true,
          hooks: {
            onPlan: (plan, pass) => {
              if (pass === 1) print(`${renderPlanText(plan, color)}${plan.actions.length > 0 ? '\n' : ''}`);
              else if (plan.actions.length > 0) print(`\nThe server is up; planning what it reveals:\n${renderPlanText(plan, color)}`);
            },
            onStep: (results) => print(formatStep(results, color)),
            onProgress: (action, message) => print(`  ${symbolOf(action.verb)} ${action.verb.padEnd(7)} ${action.id}: ${message}\n`),
          },
        });
        const { counts, converged } = report;
        if (json) {
          process.stdout.write(`${JSON.stringify(jsonReport(report), null, 2)}\n`);
        } else if (report.results.length > 0) {
          print(
            `\nApply finished in ${(report.durationMs / 1000).toFixed(1)} s: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped.\n`,
          );
          print(converged ? 'The town matches its config.\n' : `Still differs:\n${renderPlanText(report.remaining, color)}`);
        }
        if (report.remaining.errors.length > 0) process.exitCode = EXIT.error;
        else if (!converged) process.exitCode = EXIT.differences;
      } catch (error) {
        printError(error instanceof Error ? error.message : String(error));
        process.exitCode = EXIT.error;
      }
    });
}
