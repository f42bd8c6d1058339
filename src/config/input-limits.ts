import { diagnostic, wholeFile } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';

/**
 * A town's config files are a few kilobytes. A file far beyond that is not a config file, and parsing it would only
 * burn the daemon's memory and time.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Deeper than any config needs, and far below the depth at which the JSON and YAML parsers' recursion exhausts the
 * stack (in YAML that is a fatal out-of-memory abort, not a catchable error).
 */
export const MAX_NESTING = 100;

/** The GT-E004 error for a config file of `bytes` bytes, or null when it is small enough to read. */
export function oversizeFile(path: string, bytes: number): Diagnostic | null {
  if (bytes <= MAX_CONFIG_BYTES) return null;
  const mib = (bytes / (1024 * 1024)).toFixed(1);
  return diagnostic(
    'GT-E004',
    wholeFile(path),
    `the file is ${mib} MiB; gt reads config files of at most ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB (a town's config is a few KB) — is this the right file?`,
  );
}

/** The message for input nested deeper than MAX_NESTING. */
export function tooDeep(): string {
  return `nested more than ${MAX_NESTING} levels deep; a config needs a handful of levels`;
}
