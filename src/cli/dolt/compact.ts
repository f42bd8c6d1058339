import type { RowDataPacket } from 'mysql2/promise';
import type { DesiredDatabase, DesiredState } from '../../config/desired.js';
import { compactionNow } from '../../config/lifecycle-spec.js';
import { CompactionNotDoneError, runCompactionStep } from '../../apply/compaction-step.js';
import { connectToServer } from '../../lib/connect.js';
import { quoteIdentifier } from '../../lib/sql.js';
import { inspectServer } from '../../observe/server-process.js';
import { compactionNowAction, remotesToCheck } from '../../plan/plan-lifecycle.js';
import { EXIT, type CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';
import { assertServerRunning } from './server-required.js';

export interface CompactOptions {
  mode?: 'flatten' | 'surgical';
  lockTimeout: number;
}

/** The declared database to compact; a clear refusal for one gt does not manage or must not rewrite. */
function compactable(desired: DesiredState, name: string): DesiredDatabase {
  const database = desired.databases.find((db) => db.name === name && db.ensure === 'present');
  if (database === undefined) throw new Error(`${name} is not a database the manifests declare present; gt compacts only those`);
  if (database.protect) throw new Error(`${name} has protect: true, which refuses every history rewrite; nothing was changed`);
  return database;
}

/** Main's commit count and the database's remotes (the declared ones, or what it has when its remotes are unmanaged). */
async function historyOf(desired: DesiredState, database: DesiredDatabase): Promise<{ commits: number; remotes: string[] }> {
  const connection = await connectToServer(desired.server, { database: database.name });
  try {
    const [counted] = await connection.query<RowDataPacket[]>(`SELECT COUNT(*) AS commits FROM ${quoteIdentifier(database.name)}.dolt_log`);
    const [remotes] = await connection.query<RowDataPacket[]>('SELECT name FROM dolt_remotes');
    const observed = [{ name: database.name, remotes: remotes.map((row) => ({ name: String(row.name), url: '' })), ignore: [], beadsPrefix: null, unpushed: null }];
    return { commits: Number(counted[0]?.commits ?? 0), remotes: remotesToCheck(database, { databases: observed }) };
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/** The mode asked for, else the declared one, else flatten (a database that declares none, or `mode: off`). */
function modeOf(database: DesiredDatabase, asked: CompactOptions['mode']): 'flatten' | 'surgical' {
  const declared = database.lifecycle.compaction?.mode;
  return asked ?? (declared === 'surgical' ? 'surgical' : 'flatten');
}

/**
 * `gt dolt compact DB [--mode flatten|surgical]`: compacts DB's history now, whatever its threshold, interval and
 * window, with the action and engine `gt apply` uses (restore point, the race-free swap, integrity check, gc and
 * keepRecent as declared), under the applier lock. Exit 1 when it did not compact (busy, blocked, or an integrity failure, which keeps the restore
 * point and prints how to restore).
 */
export async function runCompact(io: CommandIO, name: string, options: CompactOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const database = compactable(desired, name);
    assertServerRunning(desired.server, await inspectServer(desired.townRoot, desired.server), io.invocation);
    const spec = compactionNow(database.lifecycle.compaction, modeOf(database, options.mode));
    return withApplierLock(desired.townRoot, options.lockTimeout, async () => {
      const { commits, remotes } = await historyOf(desired, database);
      const action = compactionNowAction(database, spec, commits, remotes);
      io.stdout.write(`~ compaction/${name}: ${action.summary}\n`);
      try {
        const done = await runCompactionStep(action, desired.townRoot, desired.server, (step) => io.stderr.write(`  ${step} done\n`));
        io.stdout.write(`✓ compaction/${name}: ${done}\n`);
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof CompactionNotDoneError)) throw error;
        io.stdout.write(`✗ compaction/${name}: ${error.message}\n`);
        return EXIT.differences;
      }
    });
  });
}
