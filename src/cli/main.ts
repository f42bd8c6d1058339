import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerApplyCommand } from './apply.js';
import { registerDaemonCommand } from './daemon.js';
import { registerDemoCommand } from './demo.js';
import { registerDiffCommand } from './diff.js';
import { addGlobalOptions } from './global-options.js';
import { registerInitCommand } from './init.js';
import { registerStatusCommand } from './status.js';
import { registerValidateCommand } from './validate.js';
import { registerVersionCommand } from './version.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = addGlobalOptions(
  new Command('gt')
    .version(version, '-V, --version', 'print the gt version')
    .showHelpAfterError(),
);

registerDiffCommand(program);
registerApplyCommand(program);
registerStatusCommand(program);
registerVersionCommand(program, version);
registerDemoCommand(program);
registerValidateCommand(program);
registerInitCommand(program);
registerDaemonCommand(program);

await program.parseAsync(process.argv);
