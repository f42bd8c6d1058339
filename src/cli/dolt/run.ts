import type { Command } from 'commander';
import type { DesiredState } from '../../config/desired.js';
import { loadConfigForCommand } from '../load-config.js';
import { EXIT, printError } from '../output.js';
import { townPaths } from '../../lib/town-layout.js';

/** Loads the config (bad config: diagnostics, exit 2), runs the command; any failure becomes `gt: message`, exit 2. */
export async function runWithDesiredState(
  command: Command,
  body: (desired: DesiredState) => Promise<void>,
): Promise<void> {
  const loaded = await loadConfigForCommand(command);
  if (!loaded) return;
  try {
    await body(loaded.desired);
  } catch (error) {
    printError(error instanceof Error ? error.message : String(error));
    process.exitCode = EXIT.error;
  }
}

/**
 * Runs `body` holding the applier lock that gt apply and the daemon take, so an imperative command never races
 * them; waits up to `lockTimeout` seconds for the current holder.
 */
export async function withApplierLock<T>(townRoot: string, lockTimeout: string, body: () => Promise<T>): Promise<T> {
  const seconds = Number(lockTimeout);
  if (lockTimeout.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`--lock-timeout must be a number of seconds, got "${lockTimeout}"`);
  }
  const { acquireLock } = await import('../../lib/lock.js');
  const release = await acquireLock(townPaths(townRoot).applierLock, {
    command: `gt ${process.argv.slice(2).join(' ')}`,
    timeoutMs: seconds * 1000,
  });
  try {
    return await body();
  } finally {
    release();
  }
}
