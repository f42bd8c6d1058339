import { Command, CommanderError } from 'commander';
import { registerApplyCommand } from './apply.js';
import { registerDaemonCommand } from './daemon.js';
import { registerDemoCommand } from './demo.js';
import { registerDiffCommand } from './diff.js';
import { registerDoctorCommand } from './doctor.js';
import { registerDoltCommand } from './dolt.js';
import { addGlobalOptions } from './global-options.js';
import { registerInitCommand } from './init.js';
import { registerLedgerCommand } from './ledger.js';
import { EXIT, type Session } from './output.js';
import { registerStatusCommand } from './status.js';
import { registerValidateCommand } from './validate.js';
import { registerVersionCommand } from './version.js';
import { gtVersion as version } from '../lib/version.js';

/**
 * The `gt` command line with every command registered, writing to the session's streams. Usage errors throw a
 * CommanderError instead of exiting (subcommands inherit this from the program they are created on).
 */
function buildProgram(session: Session): Command {
  const program = addGlobalOptions(
    new Command('gt')
      .description("Declarative reconciler for a Gas Town's Dolt storage")
      .version(version, '-V, --version', 'print the gt version')
      .exitOverride()
      .configureOutput({ writeOut: (text) => session.stdout.write(text), writeErr: (text) => session.stderr.write(text) })
      .showHelpAfterError(),
  );

  registerDiffCommand(program, session);
  registerApplyCommand(program, session);
  registerStatusCommand(program, session);
  registerVersionCommand(program, session, version);
  registerDemoCommand(program, session);
  registerValidateCommand(program, session);
  registerInitCommand(program, session);
  registerDaemonCommand(program, session);
  registerDoltCommand(program, session);
  registerDoctorCommand(program, session);
  registerLedgerCommand(program, session);
  return program;
}

/**
 * Runs `gt ARGS` and returns its exit code. A usage error (unknown command or flag, a bad flag value) is exit 2 like
 * every other error: commander's 1 would read as "differences" to a script running gt diff.
 */
export async function runGt(args: readonly string[], session: Session): Promise<number> {
  const run: Session = { ...session, exitCode: undefined };
  try {
    await buildProgram(run).parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    throw error;
  }
  return run.exitCode ?? EXIT.ok;
}
