import type { Command } from 'commander';
import { ConfigError, formatDiagnostic, type Diagnostic } from '../config/diagnostics.js';
import { relativeInside } from '../lib/location.js';
import { globalOptions, type GlobalOptions, type OutputFormat } from './global-options.js';

/** Where a command writes: process.stdout in bin/gt.js, a buffer in tests. isTTY decides colour. */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/**
 * What one run of gt is given by whoever runs it (bin/gt.js or a test): its streams, its environment, and how the
 * user invoked gt, for the hints it prints. The exit code of the command it ran is recorded here.
 */
export interface Session {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** The command line prefix that runs this gt again (`gt`, `npx gt`, `node /abs/bin/gt.js`), shell-quoted. */
  invocation: string;
  exitCode?: number;
}

/** What a command handler gets: the session's streams, and the output mode and colour its flags chose. */
export interface CommandIO extends Session {
  options: GlobalOptions;
  output: OutputFormat;
  color: boolean;
}

/** Exit codes shared by every command (documented in the README). */
export const EXIT = {
  ok: 0,
  /** diff: differences found; apply: the town still differs after executing. */
  differences: 1,
  /** validate: the config has errors (gt itself worked). */
  invalidConfig: 1,
  /** daemon status: no daemon runs for this town. */
  notRunning: 1,
  /** gt failed, or was used wrongly (an unknown flag or command, a bad flag value). */
  error: 2,
} as const;

/** Colour only on a terminal, and never with --no-color or NO_COLOR set. */
function useColor(options: GlobalOptions, stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  return options.color && stream.isTTY === true && !env.NO_COLOR;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Prints an error the way every command does: one `gt: ` line per line of the message, no stack trace. A line
 * that already carries the prefix (quoted from another gt's stderr) is not prefixed twice.
 */
export function printError(stream: OutputStream, message: string): void {
  for (const line of message.split('\n')) stream.write(line.startsWith('gt: ') ? `${line}\n` : `gt: ${line}\n`);
}

/**
 * The one seam between commander and a command: the handler gets the session's streams and its output mode and
 * returns an exit code; a thrown error becomes `gt: message` (a config error: its diagnostics) on stderr and exit 2.
 * Commander passes the command last, after the arguments and options.
 */
export function runCommand<A extends unknown[]>(session: Session, handler: (io: CommandIO, ...args: A) => Promise<number>) {
  return async (...args: A): Promise<void> => {
    const options = globalOptions(args[args.length - 1] as Command);
    const io: CommandIO = { ...session, options, output: options.output, color: useColor(options, session.stdout, session.env) };
    try {
      session.exitCode = await handler(io, ...args);
    } catch (error) {
      if (error instanceof ConfigError) {
        for (const diagnostic of error.diagnostics) session.stderr.write(`${formatDiagnosticForCli(diagnostic, process.cwd())}\n`);
      } else {
        printError(session.stderr, errorMessage(error));
      }
      session.exitCode = EXIT.error;
    }
  };
}


/**
 * `file:line:col: error CODE: message`, the path relative to cwd when inside it. A diagnostic about the current
 * directory itself (no town found from here) has no file to point at: `error CODE: message`.
 */
export function formatDiagnosticForCli(diagnostic: Diagnostic, cwd: string): string {
  const file = relativeInside(cwd, diagnostic.location.file);
  if (file === '') return `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
  return formatDiagnostic({ ...diagnostic, location: { ...diagnostic.location, file } });
}

/** An argument as a POSIX shell reads it back: as is when it is plain, else in single quotes. */
export function shellQuote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

/** A command line to suggest: the way the user runs gt, then the arguments, quoted for the shell. */
export function gtCommand(io: Pick<Session, 'invocation'>, args: readonly string[]): string {
  return [io.invocation, ...args.map(shellQuote)].join(' ');
}
