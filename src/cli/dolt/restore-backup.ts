import { connectToServer } from '../../lib/connect.js';
import { restoreFromBackup } from '../../lifecycle/restore-from-backup.js';
import { inspectServer } from '../../observe/server-process.js';
import { EXIT, type CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';
import { assertServerRunning } from './server-required.js';

export interface RestoreFromBackupOptions {
  fromBackup?: string;
  as?: string;
  lockTimeout: number;
}

/**
 * `gt dolt restore DB --from-backup NAME --as NEW_DB`: restores a Dolt backup of DB (every commit, the working set
 * and dolt-ignored tables) as a new database through the running server, holding the applier lock like every
 * imperative command. DB is never touched and NEW_DB must not exist.
 */
export async function runRestoreFromBackup(io: CommandIO, database: string, options: RestoreFromBackupOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const { fromBackup, as } = options;
    if (fromBackup === undefined || as === undefined) {
      throw new Error(`say which backup and the new database's name: ${io.invocation} dolt restore ${database} --from-backup NAME --as NEW_DB`);
    }
    assertServerRunning(desired.server, await inspectServer(desired.townRoot, desired.server), io.invocation);
    const commits = await withApplierLock(desired.townRoot, options.lockTimeout, async () => {
      const connection = await connectToServer(desired.server);
      try {
        return await restoreFromBackup(connection, desired, database, fromBackup, as);
      } finally {
        await connection.end().catch(() => connection.destroy());
      }
    });
    io.stdout.write(
      `✓ Restored ${database}'s backup ${fromBackup} as ${as} (${commits.toLocaleString('en-US')} commits); ${database} was not touched.\n` +
        `  ${as} is not declared in any manifest: gt lists it as unmanaged and leaves it alone.\n`,
    );
    return EXIT.ok;
  });
}
