import { describeDrain } from '../../apply/drain-decision.js';
import { DRAIN_BOUND_MS, stopServer } from '../../apply/server-control.js';
import { readDaemonPid } from '../../daemon/pid-file.js';
import type { CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';

/**
 * `gt dolt stop`: waits until the clients are between transactions (up to 10 s; idle connections do not hold it up,
 * and it says what it waits for), SIGTERM, SIGKILL after 30 s; removes the pid file and marks the
 * state stopped. A server that is not this town's is refused unless --force. Stopping a stopped server says so and
 * succeeds: the goal, a stopped server, holds.
 */
export async function runStop(io: CommandIO, options: { force?: boolean; lockTimeout: number }): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const port = desired.server.port.value;
    await withApplierLock(desired.townRoot, options.lockTimeout, async () => {
      const result = await stopServer(desired.townRoot, desired.server, {
        force: options.force === true,
        drainMs: DRAIN_BOUND_MS,
        onWaiting: (message) => io.stdout.write(`… ${message}\n`),
      });
      const drained = result.drain === null ? null : describeDrain(result.drain, DRAIN_BOUND_MS);
      io.stdout.write(
        result.stopped
          ? `✓ Dolt server stopped (PID ${result.pid ?? '?'}, port ${port})${drained === null ? '' : `: ${drained}`}\n`
          : `○ Dolt server is not running (port ${port}); nothing to stop\n`,
      );
    });
    const daemonPid = readDaemonPid(desired.townRoot);
    if (daemonPid !== null) {
      io.stdout.write(
        `! gt daemon (PID ${daemonPid}) keeps this town converged and starts the server again at its next health check;\n` +
          `  to keep it stopped, stop the daemon first: ${io.invocation} daemon stop\n`,
      );
    }
  });
}
