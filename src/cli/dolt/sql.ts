import type { ServerSettings } from '../../config/desired.js';
import { clientHost, connectToServer } from '../../lib/connect.js';
import { doltBinary } from '../../lib/dolt-binary.js';
import { inspectServer } from '../../observe/server-process.js';
import { EXIT, type CommandIO } from '../output.js';
import { runWithDesiredState } from './run.js';
import { assertServerRunning } from './server-required.js';
import { renderResultsJson, renderResultsText, statementResults } from './sql-result.js';

interface SqlOptions {
  query?: string;
  database?: string;
}

/**
 * The interactive shell: the dolt binary's own SQL client against the town's server, the password passed in the
 * environment (never on the command line). gt ignores Ctrl-C while it runs: the shell uses it to cancel a query.
 */
async function runShell(settings: ServerSettings, database: string | undefined): Promise<number> {
  const { execa } = await import('execa');
  const args = ['--host', clientHost(settings), '--port', String(settings.port.value), '--user', settings.user.value, '--no-tls'];
  if (database !== undefined) args.push('--use-db', database);
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  try {
    const result = await execa(doltBinary(), [...args, 'sql'], {
      stdio: 'inherit',
      env: { DOLT_CLI_PASSWORD: settings.password.value },
      reject: false,
    });
    if (result.exitCode === undefined) throw new Error(`could not run ${doltBinary()}: ${result.shortMessage}`);
    return result.exitCode === 0 ? EXIT.ok : EXIT.error;
  } finally {
    process.off('SIGINT', ignore);
  }
}

/** `-q`: the statements over one mysql2 connection; a table per result set, or JSON lines with -o json. */
async function runQuery(io: CommandIO, settings: ServerSettings, query: string, database: string | undefined): Promise<number> {
  const connection = await connectToServer(settings, { database, multipleStatements: true });
  try {
    const [rows, fields] = await connection.query({
      sql: query,
      rowsAsArray: true,
      supportBigNumbers: true,
      bigNumberStrings: false, // BIGINT as a number while it is exact, else a string
      dateStrings: true,
    });
    const results = statementResults(rows, fields);
    io.stdout.write(io.output === 'json' ? renderResultsJson(results) : renderResultsText(results));
    return EXIT.ok;
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/** `gt dolt sql`: an interactive SQL shell on the town's server, or `-q QUERY` with table (or JSON) output. */
export async function runSql(io: CommandIO, options: SqlOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    assertServerRunning(desired.server, await inspectServer(desired.townRoot, desired.server), io.invocation);
    if (options.query === undefined) return runShell(desired.server, options.database);
    return runQuery(io, desired.server, options.query, options.database);
  });
}
