import type { Command } from 'commander';
import type { LoadResult, TownFiles } from '../config/load.js';
import { globalOptions } from './global-options.js';
import { EXIT, formatDiagnosticForCli, printError } from './output.js';

/**
 * Loads the desired state for a command. Warnings go to stderr; on bad config every diagnostic is printed, the exit
 * code is set to 2 and null is returned, so the command changes nothing. Imported lazily: ajv and yaml stay out of
 * the start-up of commands that do not read the config.
 */
export async function loadConfigForCommand(command: Command, town?: TownFiles): Promise<LoadResult | null> {
  const { loadDesiredState } = await import('../config/load.js');
  const { ConfigError } = await import('../config/diagnostics.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const options = globalOptions(command);
  try {
    const yamlCache = diskYamlCache(process.env);
    const loaded = loadDesiredState({ town: options.town, files: options.file, env: process.env, cwd: process.cwd(), yamlCache }, town);
    for (const warning of loaded.diagnostics) process.stderr.write(`${formatDiagnosticForCli(warning)}\n`);
    return loaded;
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const diagnostic of error.diagnostics) process.stderr.write(`${formatDiagnosticForCli(diagnostic)}\n`);
      printError('the config has errors; nothing was changed');
    } else {
      printError(error instanceof Error ? error.message : String(error));
    }
    process.exitCode = EXIT.error;
    return null;
  }
}
