import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, gtCommand, printError, runCommand, type CommandIO, type Session } from './output.js';

/** Scaffolds the town config in DIR; on a conflict writes nothing and says so. */
async function runInit(io: CommandIO, dir: string | undefined): Promise<number> {
  const { scaffoldTown, ScaffoldConflictError } = await import('../config/scaffold.js');
  const townRoot = resolve(process.cwd(), dir ?? '.');
  try {
    for (const file of scaffoldTown(townRoot)) io.stdout.write(`created ${file}\n`);
    io.stdout.write(
      `next: edit the rig manifest, then \`${gtCommand(io, ['validate', '--town', dir ?? '.'])}\` and \`${gtCommand(io, ['diff'])}\`\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ScaffoldConflictError)) throw error;
    printError(io.stderr, `${error.message}\nnothing was written; remove those files or pick another DIR`);
    return EXIT.error;
  }
}

/** `gt init [DIR]`: scaffold a town config (mayor/daemon.json and one example rig manifest); never overwrites. */
export function registerInitCommand(program: Command, session: Session): void {
  program
    .command('init [dir]')
    .description('create mayor/daemon.json (lifecycle defaults, dolt_server) and mayor/rigs.d/example.yaml in DIR')
    .action(runCommand(session, (io, dir: string | undefined) => runInit(io, dir)));
}
