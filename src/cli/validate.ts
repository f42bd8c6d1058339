import { relative } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, type Diagnostic } from '../config/diagnostics.js';
import { addManifestOption } from './global-options.js';
import { EXIT, formatDiagnosticForCli, runCommand, type CommandIO, type Session } from './output.js';

/** Schema and semantic checks of every config source, printed as diagnostics (or one JSON document). */
async function runValidate(io: CommandIO): Promise<number> {
  const { loadDesiredState } = await import('../config/load.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const cwd = process.cwd();
  let diagnostics: Diagnostic[];
  let summary: string;
  try {
    const { desired, diagnostics: warnings } = loadDesiredState({
      town: io.options.town,
      files: io.options.file,
      env: io.env,
      cwd,
      yamlCache: diskYamlCache(io.env),
    });
    diagnostics = warnings;
    summary = `${relative(cwd, desired.townRoot) || '.'} is valid (databases: ${desired.databases.map((d) => d.name).join(', ')})`;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    diagnostics = error.diagnostics;
    summary = 'the config is invalid';
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (io.output === 'json') {
    const items = diagnostics.map(({ location, ...rest }) => ({ ...rest, ...location }));
    io.stdout.write(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: items }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.stdout.write(`${formatDiagnosticForCli(d, cwd)}\n`);
    io.stdout.write(`${summary}: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`);
  }
  return errors > 0 ? EXIT.invalidConfig : EXIT.ok;
}

/** `gt validate`: schema and semantic checks of every config source. Exit 0: no errors; 1: errors; 2: gt failed. */
export function registerValidateCommand(program: Command, session: Session): void {
  addManifestOption(program.command('validate'))
    .description('check daemon.json and the rig manifests (exit 0: valid, 1: errors)')
    .action(runCommand(session, (io) => runValidate(io)));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
