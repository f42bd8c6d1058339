import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, gtCommand, printError, runCommand, type CommandIO, type Session } from './output.js';

/** Scaffolds the town config in DIR on `portOption` (else the first free port from 3310); on a conflict writes nothing. */
async function runInit(io: CommandIO, dir: string | undefined, portOption: string | undefined): Promise<number> {
  const { freeInitPort, scaffoldTown, ScaffoldConflictError } = await import('../config/scaffold.js');
  const townRoot = resolve(process.cwd(), dir ?? '.');
  const port = portOption === undefined ? await freeInitPort() : Number(portOption);
  if (!/^[0-9]+$/.test(portOption ?? '0') || port < 1024 || port > 65535) {
    printError(io.stderr, `--port ${portOption ?? ''}: use a port number from 1024 to 65535 (as \`gt config set dolt.port\` requires); nothing was written`);
    return EXIT.error;
  }
  try {
    for (const file of scaffoldTown(townRoot, { port, platform: process.platform })) io.stdout.write(`created ${file}\n`);
    io.stdout.write(`the town's Dolt server port is ${port} (env.GT_DOLT_PORT and patrols.dolt_server.port in mayor/daemon.json)\n`);
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
    .option('--port <port>', "the town's Dolt port (default: the first free port from 3310; never production's 3307 unless given)")
    .action(runCommand(session, (io, dir: string | undefined, options: { port?: string }) => runInit(io, dir, options.port)));
}
