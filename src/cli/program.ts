import { Command } from 'commander';
import { registerApplyCommand } from './apply.js';
import { registerDaemonCommand } from './daemon.js';
import { registerDemoCommand } from './demo.js';
import { registerDiffCommand } from './diff.js';
import { registerDoltCommand } from './dolt.js';
import { addGlobalOptions } from './global-options.js';
import { registerInitCommand } from './init.js';
import { registerStatusCommand } from './status.js';
import { registerValidateCommand } from './validate.js';
import { registerVersionCommand } from './version.js';
import { gtVersion as version } from '../lib/version.js';

/** The `gt` command line with every command registered; main.ts parses process.argv with it. */
export function buildProgram(): Command {
  const program = addGlobalOptions(
    new Command('gt')
      .description("Declarative reconciler for a Gas Town's Dolt storage")
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
  registerDoltCommand(program);
  return program;
}
