import type { Command } from 'commander';
import { addManifestOption } from './global-options.js';

const LOCK_TIMEOUT_HELP = 'how long to wait for gt apply or the daemon to finish, in seconds';

/**
 * `gt dolt …`: the imperative commands operators know from Gas Town, on the code paths of gt apply (the same
 * server control, lock, resolver and safety checks), so a command and the declarative config never disagree.
 * Each handler is imported only when its command runs.
 */
export function registerDoltCommand(program: Command): void {
  const dolt = program
    .command('dolt')
    .description("the town's Dolt server: start, stop, status, logs, sql, init-rig, list");

  addManifestOption(dolt.command('start'))
    .description('start the server (the server part of gt apply); already running: says so, exit 0')
    .option('--lock-timeout <seconds>', LOCK_TIMEOUT_HELP, '60')
    .action(async (options: { lockTimeout: string }, command: Command) => {
      await (await import('./dolt/start.js')).runStart(options, command);
    });

  addManifestOption(dolt.command('stop'))
    .description('stop the server: wait until clients are between transactions (up to 10 s), SIGTERM, SIGKILL after 30 s')
    .option('--force', "also stop a process on the port that is not this town's server")
    .option('--lock-timeout <seconds>', LOCK_TIMEOUT_HELP, '60')
    .action(async (options: { force?: boolean; lockTimeout: string }, command: Command) => {
      await (await import('./dolt/stop.js')).runStop(options, command);
    });

  addManifestOption(dolt.command('status'))
    .description('server, databases and their rigs, connection, resource metrics, drift (works when stopped)')
    .action(async (options: unknown, command: Command) => {
      await (await import('./dolt/status.js')).runStatus(options, command);
    });

  addManifestOption(dolt.command('logs'), '--file <path>')
    .description('the tail of the server log')
    .option('-n, --lines <n>', 'how many lines', '50')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .action(async (options: { lines: string; follow?: boolean }, command: Command) => {
      await (await import('./dolt/logs.js')).runLogs(options, command);
    });

  addManifestOption(dolt.command('sql'))
    .description("an interactive SQL shell on the town's server (the dolt client), or -q QUERY")
    .option('-q, --query <sql>', 'run the statements and print their results (tables; JSON lines with -o json)')
    .option('-d, --database <name>', 'the database to use')
    .action(async (options: { query?: string; database?: string }, command: Command) => {
      await (await import('./dolt/sql.js')).runSql(options, command);
    });

  addManifestOption(dolt.command('init-rig'))
    .argument('<name>', 'rig name: lowercase letters, digits and _, not "hq"')
    .description("create the rig's database now and declare it in mayor/rigs.d/<name>.yaml")
    .option('--prefix <prefix>', "beads prefix (default: derived from the name, as Gas Town's gt rig add does)")
    .option('--lock-timeout <seconds>', LOCK_TIMEOUT_HELP, '60')
    .action(async (name: string, options: { prefix?: string; lockTimeout: string }, command: Command) => {
      await (await import('./dolt/init-rig.js')).runInitRig(name, options, command);
    });

  addManifestOption(dolt.command('list'))
    .description('databases, managed (by which manifest) or unmanaged, with their remotes')
    .action(async (options: unknown, command: Command) => {
      await (await import('./dolt/list.js')).runList(options, command);
    });
}
