import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, printError } from './output.js';

/** `gt init [DIR]`: scaffold a town config (mayor/daemon.json and one example rig manifest); never overwrites. */
export function registerInitCommand(program: Command): void {
  program
    .command('init [dir]')
    .description('create mayor/daemon.json (lifecycle defaults, dolt_server) and mayor/rigs.d/example.yaml in DIR')
    .option('--port <port>', "the town's Dolt port (default: the first free port from 3310; never production's 3307 unless given)")
    .action(async (dir: string | undefined, options: { port?: string }) => {
      const { freeInitPort, scaffoldTown, ScaffoldConflictError } = await import('../config/scaffold.js');
      const townRoot = resolve(process.cwd(), dir ?? '.');
      const port = options.port === undefined ? await freeInitPort() : Number(options.port);
      if (!/^[0-9]+$/.test(options.port ?? '0') || port < 1024 || port > 65535) {
        printError(`--port ${options.port ?? ''}: use a port number from 1024 to 65535 (as \`gt config set dolt.port\` requires); nothing was written`);
        process.exitCode = EXIT.error;
        return;
      }
      try {
        for (const file of scaffoldTown(townRoot, { port, platform: process.platform })) console.log(`created ${file}`);
        console.log(`the town's Dolt server port is ${port} (env.GT_DOLT_PORT and patrols.dolt_server.port in mayor/daemon.json)`);
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
