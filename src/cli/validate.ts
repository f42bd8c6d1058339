import { relative } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, type Diagnostic } from '../config/diagnostics.js';
import { addManifestOption, globalOptions } from './global-options.js';
import { EXIT, formatDiagnosticForCli, printError } from './output.js';

/** `gt validate`: schema and semantic checks of every config source. Exit 0: no errors; 1: errors; 2: gt failed. */
export function registerValidateCommand(program: Command): void {
  addManifestOption(program.command('validate'))
    .description('check daemon.json and the rig manifests (exit 0: valid, 1: errors)')
    .action(async (_options: unknown, command: Command) => {
      const { loadDesiredState } = await import('../config/load.js');
      const { diskYamlCache } = await import('../config/yaml-documents.js');
      const options = globalOptions(command);
      const cwd = process.cwd();
      let diagnostics: Diagnostic[];
      let summary: string;
      try {
        const { desired, diagnostics: warnings } = loadDesiredState({
          town: options.town,
          files: options.file,
          env: process.env,
          cwd,
          yamlCache: diskYamlCache(process.env),
        });
        diagnostics = warnings;
        summary = `${relative(cwd, desired.townRoot) || '.'} is valid (databases: ${desired.databases.map((d) => d.name).join(', ')})`;
      } catch (error) {
        if (!(error instanceof ConfigError)) {
          printError(error instanceof Error ? error.message : String(error));
          process.exitCode = EXIT.error;
          return;
        }
        diagnostics = error.diagnostics;
        summary = 'the config is invalid';
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (options.output === 'json') {
        const items = diagnostics.map(({ location, ...rest }) => ({ ...rest, ...location }));
        console.log(JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: items }, null, 2));
      } else {
        for (const d of diagnostics) console.log(formatDiagnosticForCli(d, cwd));
        console.log(`${summary}: ${count(errors, 'error')}, ${count(warnings, 'warning')}`);
      }
      process.exitCode = errors > 0 ? EXIT.differences : EXIT.ok;
    });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
