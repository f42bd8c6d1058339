import type { Command } from 'commander';
import { EXIT, runCommand, type CommandIO, type Session } from './output.js';

/** Prints gt's version and the Dolt it runs (path, version, the pinned one); exit 2 when there is no dolt. */
async function runVersion(io: CommandIO, gtVersion: string): Promise<number> {
  const { execa } = await import('execa');
  const { doltBinary, readDoltPin } = await import('../lib/dolt-binary.js');
  const binary = doltBinary();
  const pin = readDoltPin();
  const result = await execa(binary, ['version'], { reject: false, env: { DOLT_DISABLE_EVENT_FLUSH: '1' } });
  const found = /dolt version (\S+)/.exec(result.stdout)?.[1] ?? null;
  if (io.output === 'json') {
    io.stdout.write(`${JSON.stringify({ gt: gtVersion, dolt: { path: binary, version: found, pinned: pin.version } }, null, 2)}\n`);
  } else {
    io.stdout.write(`gt ${gtVersion}\n`);
    io.stdout.write(found ? `dolt ${found} (${binary}; pinned ${pin.version})\n` : `dolt: not found (${binary}); run scripts/ensure-dolt.sh\n`);
  }
  return found ? EXIT.ok : EXIT.error;
}

/** `gt version`: gt's version and the dolt binary gt uses. */
export function registerVersionCommand(program: Command, session: Session, gtVersion: string): void {
  program
    .command('version')
    .description('print the gt version and the dolt binary gt uses')
    .action(runCommand(session, (io) => runVersion(io, gtVersion)));
}
