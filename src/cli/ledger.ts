import type { Command } from 'commander';
import type { DesiredState } from '../config/desired.js';
import type { Plan } from '../plan/types.js';
import { addLockTimeoutOption, addManifestOption, collect } from './global-options.js';
import { runWithDesiredState, withApplierLock } from './dolt/run.js';
import { EXIT, type CommandIO, runCommand, type Session } from './output.js';

interface LedgerExportOptions {
  db?: string[];
  acceptSpike?: string[];
  /** Milliseconds. */
  lockTimeout: number;
}

/** The plan's ledger part: its export and push actions and what blocks them; nothing else of the town is touched. */
export function ledgerPart(plan: Plan): Plan {
  return {
    actions: plan.actions.filter((action) => action.kind === 'ledger' || action.kind === 'ledger-push'),
    blocked: plan.blocked.filter((blocked) => blocked.id === 'ledger' || blocked.id.startsWith('ledger/')),
    unmanaged: [],
    notes: [],
    errors: plan.errors,
  };
}

/** Why `gt ledger export` cannot run with this config; null when it can. */
function refusal(desired: DesiredState, databases: readonly string[]): string | null {
  const ledger = desired.ledger;
  if (ledger === null) return 'the Town manifest declares no spec.ledger: there is nothing to export';
  if (desired.lifecycle.executor !== 'gt') {
    return (
      "spec.lifecycle.executor is gastown, so Gas Town's jsonl_git_backup patrol exports the ledger; gt does not export " +
      'next to it (two exporters would commit to one archive). Set executor: gt in the Town manifest'
    );
  }
  const unknown = databases.filter((name) => !ledger.databases.includes(name));
  return unknown.length === 0 ? null : `--db ${unknown.join(', ')}: not in spec.ledger.databases (${ledger.databases.join(', ')})`;
}

/**
 * `gt ledger export`: the ledger's part of gt apply, now rather than by its interval: under the applier lock, observe
 * (every listed database, or the --db ones), plan, execute the ledger's actions. Exit 0: the archive holds every
 * database's current data and is pushed; 1: something is blocked (a spike, uncommitted files) or failed (a push).
 */
async function runLedgerExport(io: CommandIO, options: LedgerExportOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const only = options.db ?? [];
    const refused = refusal(desired, only);
    if (refused !== null) throw new Error(refused);
    const { observe } = await import('../observe/observe.js');
    const { plan } = await import('../plan/plan.js');
    const { executePlan } = await import('../apply/execute.js');
    const { renderPlanText } = await import('../plan/render-text.js');
    const { diskYamlCache } = await import('../config/yaml-documents.js');
    const { hungServerMsFrom } = await import('../lib/deadline.js');
    const hungServerMs = hungServerMsFrom(process.env);
    return withApplierLock(desired.townRoot, options.lockTimeout, async () => {
      const scope = { ignoreInterval: true, databases: only.length > 0 ? only : null };
      const observed = await observe(desired, { yamlCache: diskYamlCache(io.env), hungServerMs, ledger: scope });
      if (observed.ledger === null) throw new Error('the Dolt server does not answer, so gt cannot read the databases: start it (gt apply, or gt dolt start) and run again');
      const planned = ledgerPart(plan(desired, observed, { prune: false, force: false, acceptSpike: options.acceptSpike ?? [] }));
      const results = await executePlan(planned, desired, { hungServerMs });
      if (io.output === 'json') {
        const { printable } = await import('../plan/printable.js');
        const shown = results.map((result) => ({ ...result, action: printable(result.action) }));
        io.stdout.write(`${JSON.stringify({ version: 1, results: shown, blocked: planned.blocked, errors: planned.errors }, null, 2)}\n`);
      } else {
        io.stdout.write(renderPlanText(planned, io.color));
        for (const result of results) io.stdout.write(`  ${result.action.id} ... ${result.status}${result.message ? `: ${result.message}` : ''}\n`);
      }
      if (planned.errors.length > 0) return EXIT.error;
      const clean = planned.blocked.length === 0 && results.every((result) => result.status === 'done');
      return clean ? EXIT.ok : EXIT.differences;
    });
  });
}

/** `gt ledger …`: the ledger plane's imperative commands, on gt apply's code paths. */
export function registerLedgerCommand(program: Command, session: Session): void {
  const ledger = program.command('ledger').description("the ledger plane: scrubbed JSONL exports of each database's permanent tables to a git archive");
  const exportCommand = addManifestOption(ledger.command('export'))
    .description('export now (not waiting for spec.ledger.interval), commit and push (exit 0: done, 1: blocked or failed, 2: error)')
    .option('--db <db>', 'only this database (repeatable; default: every one spec.ledger lists)', collect)
    .option('--accept-spike <db>', "export the database although a table's record count spiked (repeatable)", collect);
  addLockTimeoutOption(exportCommand, '60s', 'how long to wait for another applier to finish (e.g. 30s, 2m)').action(
    runCommand(session, (io, options: LedgerExportOptions) => runLedgerExport(io, options)),
  );
}
