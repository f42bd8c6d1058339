import { Option, type Command } from 'commander';
import type { DeclaredDuration } from '../config/desired.js';
import { addLockTimeoutOption, addManifestOption, addSyncTimeoutOption, parseDurationMs } from './global-options.js';
import { runCommand, type Session } from './output.js';

const LOCK_TIMEOUT_HELP = 'how long to wait for gt apply or the daemon to finish (e.g. 30s, 2m)';
const LOCK_TIMEOUT_DEFAULT = '60s';

/**
 * `gt dolt …`: the imperative commands operators know from Gas Town, on the code paths of gt apply (the same
 * server control, lock, resolver and safety checks), so a command and the declarative config never disagree.
 * Each handler is imported only when its command runs.
 */
export function registerDoltCommand(program: Command, session: Session): void {
  const dolt = program
    .command('dolt')
    .description("the town's Dolt server: start, stop, status, logs, sql, init-rig, list, sync, compact, restore, failover");

  addLockTimeoutOption(addManifestOption(dolt.command('start')), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP)
    .description('start the server (the server part of gt apply); already running: says so, exit 0')
    .action(
      runCommand(session, async (io, options: { lockTimeout: number }) => (await import('./dolt/start.js')).runStart(io, options)),
    );

  addLockTimeoutOption(addManifestOption(dolt.command('stop')), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP)
    .description('stop the server: wait until clients are between transactions (up to 10 s), SIGTERM, SIGKILL after 30 s')
    .option('--force', "also stop a process on the port that is not this town's server")
    .action(
      runCommand(session, async (io, options: { force?: boolean; lockTimeout: number }) => (await import('./dolt/stop.js')).runStop(io, options)),
    );

  addManifestOption(dolt.command('status'))
    .description('server, databases and their rigs, connection, resource metrics, drift (works when stopped)')
    .action(runCommand(session, async (io) => (await import('./dolt/status.js')).runStatus(io)));

  addManifestOption(dolt.command('logs'), '--file <path>')
    .description('the tail of the server log')
    .option('-n, --lines <n>', 'how many lines', '50')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .action(
      runCommand(session, async (io, options: { lines: string; follow?: boolean }) => (await import('./dolt/logs.js')).runLogs(io, options)),
    );

  addManifestOption(dolt.command('sql'))
    .description("an interactive SQL shell on the town's server (the dolt client), or -q QUERY")
    .option('-q, --query <sql>', 'run the statements and print their results (tables; JSON lines with -o json)')
    .option('-d, --database <name>', 'the database to use')
    .action(
      runCommand(session, async (io, options: { query?: string; database?: string }) => (await import('./dolt/sql.js')).runSql(io, options)),
    );

  addLockTimeoutOption(addManifestOption(dolt.command('init-rig')), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP)
    .argument('<name>', 'rig name: lowercase letters, digits and _, not "hq"')
    .description("create the rig's database now and declare it in mayor/rigs.d/<name>.yaml")
    .option('--prefix <prefix>', "beads prefix (default: derived from the name, as Gas Town's gt rig add does)")
    .action(
      runCommand(session, async (io, name: string, options: { prefix?: string; lockTimeout: number }) =>
        (await import('./dolt/init-rig.js')).runInitRig(io, name, options),
      ),
    );

  addLockTimeoutOption(addManifestOption(dolt.command('failover')), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP)
    .description(
      'planned role swap of a replicated town: this primary becomes a standby at epoch+1 and PEER the primary at epoch+1, ' +
        'then it waits until replication is caught up (gt never fails over by itself)',
    )
    .requiredOption('--to <peer>', 'the peer to make primary (a name from spec.replication.peers, with an sql endpoint)')
    .option('--force', 'fail over although another peer does not answer (it catches up from the new primary when it returns)')
    .addOption(
      new Option('--timeout <duration>', "how long to wait for the new primary's replication to catch up")
        .argParser(parseDurationMs)
        .default(parseDurationMs('30s'), '30s'),
    )
    .action(
      runCommand(session, async (io, options: { to: string; force?: boolean; timeout: number; lockTimeout: number }) =>
        (await import('./dolt/failover.js')).runFailover(io, options),
      ),
    );

  const sync = addManifestOption(dolt.command('sync'))
    .description('push every database to its remotes with push: true now, over SQL (the server keeps running; no commit is made)')
    .option('--db <database>', 'only this database (pushed even with a .no-sync marker)')
    .option('--dry-run', 'show what would be pushed, push nothing')
    .option('--force', 'overwrite remotes that have commits main lacks (after checking they did not move since gt looked)')
    .option('--refresh', 'fetch every pushed remote first, to see where it stands now');
  addLockTimeoutOption(addSyncTimeoutOption(sync, '--timeout <duration>'), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP).action(
    runCommand(session, async (io, options: { db?: string; dryRun?: boolean; force?: boolean; refresh?: boolean; timeout?: DeclaredDuration; lockTimeout: number }) =>
      (await import('./dolt/sync.js')).runSync(io, options),
    ),
  );

  addManifestOption(dolt.command('list'))
    .description('databases, served or on disk, managed (by which manifest) or unmanaged (works when stopped)')
    .option('--remotes', "also each database's remotes (reads them from the server, as gt diff does)")
    .action(
      runCommand(session, async (io, options: { remotes?: boolean }) => (await import('./dolt/list.js')).runList(io, options)),
    );

  addLockTimeoutOption(addManifestOption(dolt.command('compact')), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP)
    .argument('<database>', 'the database whose history to compact now')
    .description('compact the database\'s history now, as gt apply does when it is due: restore point, swap, integrity check, gc')
    .addOption(new Option('--mode <mode>', 'flatten, or surgical (keeps the declared keepRecent newest commits); default: the declared mode, else flatten').choices(['flatten', 'surgical']))
    .action(
      runCommand(session, async (io, database: string, options: { mode?: 'flatten' | 'surgical'; lockTimeout: number }) =>
        (await import('./dolt/compact.js')).runCompact(io, database, options),
      ),
    );

  addLockTimeoutOption(addManifestOption(dolt.command('restore')), LOCK_TIMEOUT_DEFAULT, LOCK_TIMEOUT_HELP)
    .argument('<database>', 'the database whose restore points or backup to list or restore (it is never touched)')
    .description(
      'list the restore points compaction took (--list), or restore one (--from …) or a Dolt backup (--from-backup …) as a new database (--as …)',
    )
    .option('--list', 'list the restore points, oldest first')
    .option('--from <restorePoint>', 'the restore point to restore (its name, as --list shows it)')
    .option('--from-backup <name>', 'the backup to restore (a name in its spec.backups, or in its dolt_backups)')
    .option('--as <newDatabase>', 'the new database to restore it as (never an existing one)')
    .action(
      runCommand(session, async (io, database: string, options: { list?: boolean; from?: string; fromBackup?: string; as?: string; lockTimeout: number }) => {
        if (options.fromBackup === undefined) return (await import('./dolt/restore.js')).runRestore(io, database, options);
        if (options.list === true || options.from !== undefined) throw new Error('--from-backup restores a backup; leave out --list and --from');
        return (await import('./dolt/restore-backup.js')).runRestoreFromBackup(io, database, options);
      }),
    );
}
