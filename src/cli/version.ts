import type { Command } from 'commander';
import { globalOptions } from './global-options.js';

/** `gt version`: gt's version and the Dolt it runs (path, version, the pinned one). */
export function registerVersionCommand(program: Command, gtVersion: string): void {
  program
    .command('version')
    .description('print the gt version and the dolt binary gt uses')
    .action(async (_options: unknown, command: Command) => {
      const { execa } = await import('execa');
      const { doltBinary, readDoltPin } = await import('../lib/dolt-binary.js');
      const binary = doltBinary();
      const pin = readDoltPin();
      const result = await execa(binary, ['version'], { reject: false, env: { DOLT_DISABLE_EVENT_FLUSH: '1' } });
      const found = /dolt version (\S+)/.exec(result.stdout)?.[1] ?? null;
      if (globalOptions(command).output === 'json') {
        console.log(JSON.stringify({ gt: gtVersion, dolt: { path: binary, version: found, pinned: pin.version } }, null, 2));
      } else {
        console.log(`gt ${gtVersion}`);
        console.log(found ? `dolt ${found} (${binary}; pinned ${pin.version})` : `dolt: not found (${binary}); run scripts/ensure-dolt.sh`);
      }
      if (!found) process.exitCode = 2;
    });
}
