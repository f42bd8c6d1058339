import type { Diagnostic } from '../config/diagnostics.js';
import type { LoadResult, TownFiles } from '../config/load.js';
import { formatLocation, relativeInside } from '../lib/location.js';
import { formatDiagnosticForCli, printError, type CommandIO } from './output.js';

/** A config error as `-o json` prints it on stdout: the shape of the plan document's `errors` entries, located. */
export interface ConfigProblem {
  code: string;
  message: string;
  /** `file:line:col` as the text diagnostics print it; absent when it is about no file. */
  at?: string;
}

/** Builds the `-o json` document a command prints when its config cannot be loaded. */
export type ConfigErrorDocument = (problems: ConfigProblem[]) => string;

/** `{ "version": 1, "errors": [...] }`, for commands whose own document has no `errors`. */
const errorsOnlyDocument: ConfigErrorDocument = (problems) => `${JSON.stringify({ version: 1, errors: problems }, null, 2)}\n`;

function problemOf(diagnostic: Diagnostic, cwd: string): ConfigProblem {
  const file = relativeInside(cwd, diagnostic.location.file);
  const at = file === '' ? {} : { at: formatLocation({ ...diagnostic.location, file }) };
  return { code: diagnostic.code, message: diagnostic.message, ...at };
}

/**
 * Loads the desired state for a command. Warnings go to stderr; on bad config every diagnostic is printed (and with
 * -o json a document with `errors` on stdout) and null is returned: the command changes nothing and exits 2.
 * Imported lazily: ajv and yaml stay out of the start-up of commands that do not read the config.
 */
export async function loadConfigForCommand(
  io: CommandIO,
  options: { town?: TownFiles; errorDocument?: ConfigErrorDocument } = {},
): Promise<LoadResult | null> {
  const { loadDesiredState } = await import('../config/load.js');
  const { ConfigError } = await import('../config/diagnostics.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const cwd = process.cwd();
  try {
    const loaded = loadDesiredState(
      { town: io.options.town, files: io.options.file, env: io.env, cwd, yamlCache: diskYamlCache(io.env) },
      options.town,
    );
    for (const warning of loaded.diagnostics) io.stderr.write(`${formatDiagnosticForCli(warning, cwd)}\n`);
    return loaded;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const errors = error.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    for (const diagnostic of error.diagnostics) io.stderr.write(`${formatDiagnosticForCli(diagnostic, cwd)}\n`);
    printError(io.stderr, 'the config has errors; nothing was changed');
    if (io.output === 'json') io.stdout.write((options.errorDocument ?? errorsOnlyDocument)(errors.map((d) => problemOf(d, cwd))));
    return null;
  }
}
