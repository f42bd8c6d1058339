import { InvalidArgumentError, type Command } from 'commander';

export type OutputFormat = 'text' | 'json';

/** Flags every command accepts (DESIGN §5). */
export interface GlobalOptions {
  town?: string;
  /** -f PATH, repeatable: rig manifest files or directories instead of mayor/rigs.d/. */
  file: string[];
  output: OutputFormat;
  logLevel: string;
  color: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--town <dir>', 'town root (default: $GT_TOWN_ROOT, else the nearest ancestor with mayor/)')
    .option('-f, --file <path>', 'rig manifest file or directory (repeatable; default mayor/rigs.d/)', collect, [])
    .option('-o, --output <format>', 'output format: text or json', parseOutputFormat, 'text')
    .option('--log-level <level>', 'error, warn, info or debug', 'info')
    .option('--no-color', 'never colour the output');
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseOutputFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new InvalidArgumentError('expected "text" or "json"');
}
