import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, printError } from './output.js';

/** `gt init [DIR]`: scaffold a town config (mayor/daemon.json and one example rig manifest); never overwrites. */
export function registerInitCommand(program: Command): void {
  program
    .command('init [dir]')
    .description('create mayor/daemon.json (lifecycle defaults, dolt_server) and mayor/rigs.d/example.yaml in DIR')
    .action(async (dir: string | undefined) => {
      const { scaffoldTown, ScaffoldConflictError } = await import('../config/scaffold.js');
      const townRoot = resolve(process.cwd(), dir ?? '.');
      try {
        for (const file of scaffoldTown(townRoot)) console.log(`created ${file}`);
        console.log(`next: edit the rig manifest, then \`gt validate --town ${dir ?? '.'}\` and \`gt diff\``);
      } catch (error) {
        printError(error instanceof Error ? error.message : String(error));
        if (error instanceof ScaffoldConflictError) {
          printError('nothing was written; remove those files or pick another DIR');
        }
        process.exitCode = EXIT.error;
      }
    });
}
