import { InvalidArgumentError, type Command } from 'commander';

export type OutputFormat = 'text' | 'json';

/** Flags every command accepts (DESIGN §5), and the manifest sources of the commands that read them. */
export interface GlobalOptions {
  town?: string;
  /** -f PATH, repeatable: rig manifest files or directories instead of mayor/rigs.d/; empty where not given. */
  file: string[];
  output: OutputFormat;
  logLevel: string;
  color: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--town <dir>', 'town root (default: $GT_TOWN_ROOT, else the nearest ancestor with mayor/)')
    .option('-o, --output <format>', 'output format: text or json', parseOutputFormat, 'text')
    .option('--log-level <level>', 'error, warn, info or debug', 'info')
    .option('--no-color', 'never colour the output');
}

const MANIFEST_HELP = 'rig manifest file or directory (repeatable; default mayor/rigs.d/)';

/**
 * `-f PATH` belongs to the commands that read rig manifests, as in kubectl, not to gt as a whole: `gt dolt logs -f`
 * follows the log, as operators type it for Gas Town's gt, kubectl and tail. There the manifests are `--file`.
 */
export function addManifestOption(command: Command, flags: '-f, --file <path>' | '--file <path>' = '-f, --file <path>'): Command {
  return command.option(flags, MANIFEST_HELP, collect, []);
}

export function globalOptions(command: Command): GlobalOptions {
  return { file: [], ...command.optsWithGlobals<Partial<GlobalOptions>>() } as GlobalOptions;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseOutputFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new InvalidArgumentError('expected "text" or "json"');
}
