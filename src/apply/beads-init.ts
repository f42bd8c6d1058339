import { mkdirSync } from 'node:fs';
import { execa } from 'execa';
import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import type { ServerSettings } from '../config/desired.js';
import { clientHost } from '../lib/connect.js';
import { isTownDatabaseName } from '../lib/sql.js';
import { beadsDirIn } from '../lib/town-layout.js';
import { readIssuePrefix } from '../observe/beads-prefixes.js';
import type { BeadsAction } from '../plan/types.js';
import { keepMetadataFields } from './beads-metadata-keeper.js';

/** One bd call normally takes well under a second; this bounds a bd that hangs (e.g. waiting for a lock). */
const BD_COMMAND_TIMEOUT_MS = 120_000;

/** Lines of bd's stderr kept in a failure message: its error is at the end, after its warnings. */
const STDERR_LINES = 12;

/**
 * bd's environment for one database: its server auto-start off (bd would otherwise start a server of its own on a
 * free port when it cannot connect), the town server's address and credentials, the database, and the `.beads/` of
 * the work dir (which also keeps bd from running `git init`, and from using a `.beads/` of a parent directory). The
 * caller's BEADS_* variables are dropped: one such as BEADS_DOLT_SHARED_SERVER would send bd elsewhere.
 */
export function bdEnvironment(action: BeadsAction, server: ServerSettings, inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(inherited).filter(([name]) => !name.startsWith('BEADS_')));
  return {
    ...kept,
    BEADS_DIR: beadsDirIn(action.workDir),
    BEADS_DOLT_AUTO_START: '0',
    BEADS_DOLT_SERVER_HOST: clientHost(server),
    BEADS_DOLT_SERVER_PORT: String(server.port.value),
    BEADS_DOLT_SERVER_USER: server.user.value,
    BEADS_DOLT_PASSWORD: server.password.value,
    BEADS_DOLT_SERVER_DATABASE: action.database,
  };
}

async function serverDatabases(connection: mysql.Connection): Promise<Set<string>> {
  const [rows] = await connection.query<RowDataPacket[]>({
    sql: 'SELECT schema_name FROM information_schema.schemata',
    rowsAsArray: true,
  });
  return new Set((rows as unknown as [string][]).map(([name]) => name).filter(isTownDatabaseName));
}

/** What ended a bd call that did not succeed: how it ended and the end of its stderr, the password masked. */
interface BdOutcome {
  exitCode?: number | undefined;
  signal?: string | undefined;
  timedOut: boolean;
  stderr: string;
}

/** A failed bd call as the step's failure message: the command, how it ended, the end of bd's stderr (its error). */
export function bdFailureMessage(args: readonly string[], outcome: BdOutcome, password: string): string {
  const how = outcome.timedOut
    ? `did not finish within ${BD_COMMAND_TIMEOUT_MS / 1000} s`
    : `exited ${outcome.exitCode ?? `on ${outcome.signal ?? 'a signal'}`}`;
  const masked = password === '' ? outcome.stderr : outcome.stderr.split(password).join('***');
  const tail = masked.trim().split('\n').slice(-STDERR_LINES).join('\n') || '(no output)';
  return `\`bd ${args.join(' ')}\` ${how}: ${tail}`;
}

async function runBd(action: BeadsAction, args: readonly string[], env: NodeJS.ProcessEnv, password: string): Promise<void> {
  const result = await execa(action.bd.path, args, {
    cwd: action.workDir,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: BD_COMMAND_TIMEOUT_MS,
  });
  if (result.exitCode === 0) return;
  const outcome = { exitCode: result.exitCode, signal: result.signal, timedOut: result.timedOut, stderr: String(result.stderr) };
  throw new Error(bdFailureMessage(args, outcome, password));
}

/** Files staged in the git repository the work dir is in; empty when none, or when it is in no repository. */
async function stagedInGit(workDir: string): Promise<string[]> {
  const result = await execa('git', ['diff', '--cached', '--name-only'], { cwd: workDir, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) return [];
  return String(result.stdout).split('\n').filter((line) => line !== '');
}

/**
 * bd init, in a git repository, stages `.beads/` and commits: the commit would take whatever else is staged. So,
 * as with dolt_ignore, gt runs it only when nothing is staged.
 */
async function refuseStagedGitChanges(workDir: string): Promise<void> {
  const staged = await stagedInGit(workDir);
  if (staged.length === 0) return;
  const shown = staged.length > 5 ? `${staged.slice(0, 5).join(', ')} and ${staged.length - 5} more` : staged.join(', ');
  throw new Error(
    `${workDir} is in a git repository with staged changes (${shown}); bd init commits its .beads/ files, and the ` +
      'commit would take them too, so gt runs it only when nothing is staged: commit or unstage them, then apply again',
  );
}

/**
 * Initializes the database for beads as the action says: re-reads its issue_prefix first (someone may have
 * initialized it since the plan: then nothing runs), refuses while the work dir's git repository has staged changes,
 * runs each bd command in the work dir, then checks that bd set the prefix and created no database. A database bd
 * created is never dropped here: the step fails and names it.
 */
export async function initializeBeads(
  action: BeadsAction,
  server: ServerSettings,
  connection: mysql.Connection,
  inherited: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const already = await readIssuePrefix(connection, action.database);
  if (already !== null) return `already initialized (issue_prefix ${already}); nothing run`;
  mkdirSync(action.workDir, { recursive: true });
  await refuseStagedGitChanges(action.workDir);
  const before = await serverDatabases(connection);
  const env = bdEnvironment(action, server, inherited);
  const restoreDroppedFields = keepMetadataFields(beadsDirIn(action.workDir));
  let failure: Error | null = null;
  try {
    for (const args of action.commands) await runBd(action, args, env, server.password.value);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  const kept = restoreDroppedFields();
  const appeared = [...(await serverDatabases(connection))].filter((name) => !before.has(name));
  if (appeared.length > 0) {
    throw new Error(
      `bd created ${appeared.join(', ')} while initializing ${action.database}; gt drops no database: check ` +
        `${appeared.length === 1 ? 'it' : 'them'} and drop by hand what is stray (DROP DATABASE keeps it restorable)` +
        (failure === null ? '' : `. bd also failed: ${failure.message}`),
    );
  }
  if (failure !== null) throw failure;
  const prefix = await readIssuePrefix(connection, action.database);
  if (prefix === null) throw new Error(`bd exited 0, but ${action.database} still has no issue_prefix`);
  const keptNote = kept.length === 0 ? '' : `; kept the metadata.json fields bd dropped (${kept.join(', ')})`;
  return `issue_prefix ${prefix} (${action.commands.length} bd commands)${keptNote}`;
}
