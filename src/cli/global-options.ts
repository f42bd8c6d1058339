import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseGoDuration } from '../lib/go-duration.js';

export type OutputFormat = 'text' | 'json';

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Flags every command accepts, and the manifest sources of the commands that read them. */
export interface GlobalOptions {
  town?: string;
  /** -f PATH, repeatable: rig manifest files or directories instead of mayor/rigs.d/; empty where not given. */
  file: string[];
  output: OutputFormat;
  logLevel: LogLevel;
  color: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--town <dir>', 'town root (default: $GT_TOWN_ROOT, else the nearest ancestor with mayor/)')
    .option('-o, --output <format>', 'output format: text or json', parseOutputFormat, 'text')
    .option('--log-level <level>', 'error, warn, info or debug', parseLogLevel, 'info')
    .option('--no-color', 'never colour the output');
}

/**
 * `-f PATH` belongs to the commands that read rig manifests, as in kubectl, not to gt as a whole: `gt dolt logs -f`
 * follows the log, as operators type it for Gas Town's gt, kubectl and tail. There the manifests are `--file`.
 */
export function addManifestOption(command: Command, flags: '-f, --file <path>' | '--file <path>' = '-f, --file <path>'): Command {
  return command.addOption(
    new Option(flags, 'rig manifest file or directory (repeatable)').argParser(collect).default([], 'mayor/rigs.d/'),
  );
}

/**
 * `--lock-timeout`: how long to wait for another applier (gt apply, the daemon, a gt dolt command) to release the
 * town's lock. A Go duration (`10s`, `1m30s`), the unit Gas Town's daemon.json and gt daemon use; a plain number is
 * seconds, as gt apply took it before.
 */
export function addLockTimeoutOption(command: Command, defaultText: string, description: string): Command {
  return command.addOption(
    new Option('--lock-timeout <duration>', description).argParser(parseLockTimeout).default(parseLockTimeout(defaultText), defaultText),
  );
}

/** A Go duration, or a plain number of seconds, as milliseconds; commander reports the error as a usage error. */
export function parseLockTimeout(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  return parseDurationMs(trimmed);
}

/** A Go duration ("500ms", "2s", "5m") as milliseconds. */
export function parseDurationMs(text: string): number {
  const nanos = parseGoDuration(text);
  if (nanos === null || nanos < 0) throw new InvalidArgumentError('expected a duration such as 500ms, 30s or 5m');
  return nanos / 1e6;
}

/**
 * `--sync-timeout`: how long each push and backup sync may take, over every manifest's pushTimeout and timeout (a Go
 * duration, more than 0).
 */
export function addSyncTimeoutOption(command: Command, flags = '--sync-timeout <duration>'): Command {
  return command.addOption(
    new Option(flags, "how long each push and backup sync may take, over the manifests' pushTimeout and timeout (e.g. 4h)").argParser(parseSyncTimeout),
  );
}

function parseSyncTimeout(text: string): { text: string; ms: number } {
  const ms = parseDurationMs(text.trim());
  if (ms <= 0) throw new InvalidArgumentError('expected a duration longer than 0, such as 30m or 4h');
  return { text: text.trim(), ms: Math.round(ms) };
}

export function globalOptions(command: Command): GlobalOptions {
  return { file: [], ...command.optsWithGlobals<Partial<GlobalOptions>>() } as GlobalOptions;
}

/** A repeatable option's values, in the order given (no default: undefined before the first). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseOutputFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new InvalidArgumentError('expected "text" or "json"');
}

function parseLogLevel(value: string): LogLevel {
  const level = LOG_LEVELS.find((known) => known === value);
  if (level === undefined) throw new InvalidArgumentError('expected error, warn, info or debug');
  return level;
}
