import type { Command } from 'commander';
import { loadConfigForCommand } from './load-config.js';
import { globalOptions } from './global-options.js';
import { EXIT, printError, useColor } from './output.js';

export interface DiffOptions {
  explain?: boolean;
  prune?: boolean;
  force?: boolean;
}

/** `gt diff`: observe, plan, print. Changes nothing. Exit 0 no differences, 1 differences, 2 error. */
export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('show what gt apply would change (exit 0: none, 1: differences, 2: error)')
    .option('--explain', 'also show which config source won each server setting')
    .option('--prune', 'plan the drops that gt apply --prune would make')
    .option('--force', 'plan drops even of databases with unpushed commits, as gt apply --force would')
    .action(runDiff);
}

/** Observe, plan, print; shared by `gt diff` and `gt apply --dry-run`. */
export async function runDiff(options: DiffOptions, command: Command): Promise<void> {
  const loaded = await loadConfigForCommand(command);
  if (!loaded) return;
  const { desired } = loaded;
  const { observe } = await import('../observe/observe.js');
  const { plan } = await import('../plan/plan.js');
  const output = globalOptions(command).output;
  try {
    const current = plan(desired, await observe(desired), { prune: options.prune === true, force: options.force === true });
    if (output === 'json') {
      const { renderPlanJson } = await import('../plan/render-json.js');
      process.stdout.write(`${renderPlanJson(current, options.explain ? desired.server : undefined)}\n`);
    } else {
      const { renderPlanText } = await import('../plan/render-text.js');
      const color = useColor(globalOptions(command));
      if (options.explain) {
        const { renderExplainText } = await import('../plan/render-explain.js');
        process.stdout.write(`${renderExplainText(desired.server, color)}\n`);
      }
      process.stdout.write(renderPlanText(current, color));
    }
    if (current.errors.length > 0) process.exitCode = EXIT.error;
    else if (current.actions.length > 0 || current.blocked.length > 0) process.exitCode = EXIT.differences;
  } catch (error) {
    printError(error instanceof Error ? error.message : String(error));
    process.exitCode = EXIT.error;
  }
}
