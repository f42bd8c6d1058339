import { isAbsolute, relative } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostics.js';
import type { GlobalOptions } from './global-options.js';

/** Colour only on a terminal, and never with --no-color or NO_COLOR set. */
export function useColor(options: GlobalOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  return options.color && stream.isTTY === true && !process.env.NO_COLOR;
}

/** Exit codes shared by every command (documented in the README). */
export const EXIT = {
  ok: 0,
  /** diff: differences found; apply: the town still differs after executing; validate: errors found. */
  differences: 1,
  error: 2,
} as const;

/** Prints an error the way every command does: one line per message, no stack trace. */
export function printError(message: string): void {
  for (const line of message.split('\n')) process.stderr.write(`gt: ${line}\n`);
}

/** Relative to cwd when inside it, as compilers print paths. */
function displayPath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(cwd, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

/** `file:line:col: error CODE: message`, the path relative to cwd when inside it. */
export function formatDiagnosticForCli(diagnostic: Diagnostic, cwd = process.cwd()): string {
  return formatDiagnostic({ ...diagnostic, location: { ...diagnostic.location, file: displayPath(cwd, diagnostic.location.file) } });
}
