import type { DesiredState } from '../../config/desired.js';
import { loadConfigForCommand } from '../load-config.js';
import { EXIT, type CommandIO } from '../output.js';
import { townPaths } from '../../lib/town-layout.js';

/** Loads the config (bad config: diagnostics, exit 2), then runs the command; it throws to fail (exit 2). */
export async function runWithDesiredState(io: CommandIO, body: (desired: DesiredState) => Promise<number | void>): Promise<number> {
  const loaded = await loadConfigForCommand(io);
  if (!loaded) return EXIT.error;
  return (await body(loaded.desired)) ?? EXIT.ok;
}

/**
 * Runs `body` holding the applier lock that gt apply and the daemon take, so an imperative command never races
 * them; waits up to `timeoutMs` for the current holder.
 */
export async function withApplierLock<T>(townRoot: string, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  const { acquireLock } = await import('../../lib/lock.js');
  const release = await acquireLock(townPaths(townRoot).applierLock, { command: `gt ${process.argv.slice(2).join(' ')}`, timeoutMs });
  try {
    return await body();
  } finally {
    release();
  }
}
