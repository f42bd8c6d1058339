import { relative } from 'node:path';
import type { DesiredState } from '../../config/desired.js';
import { gtSupervises } from '../../config/server-settings.js';
import { startOptionsFor, startServer } from '../../apply/server-control.js';
import { listDatabasesOnDisk } from '../../observe/databases-on-disk.js';
import { diskYamlCache } from '../../config/yaml-documents.js';
import { observe } from '../../observe/observe.js';
import { plan } from '../../plan/plan.js';
import type { CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';
import { connectionString } from './status-report.js';

function details(desired: DesiredState): string {
  const settings = desired.server;
  const databases = listDatabasesOnDisk(settings.dataDir.value);
  return [
    `  Data dir:   ${settings.dataDir.value}`,
    `  Databases:  ${databases.length > 0 ? databases.join(', ') : 'none yet (gt apply creates hq; gt dolt init-rig NAME adds a rig)'}`,
    `  Connection: ${connectionString(settings)}`,
    `  Log:        ${settings.logFile.value}`,
    '',
  ].join('\n');
}

/**
 * `gt dolt start`: the server part of gt apply. Observes and plans as apply does; starts the server when the plan
 * would, says so when it already runs (and whether apply would restart it). Unlike Gas Town it also starts with no
 * database on disk: gt apply creates hq on it.
 */
export async function runStart(io: CommandIO, options: { lockTimeout: number }): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const { townRoot, server: settings } = desired;
    const gt = io.invocation;
    await withApplierLock(townRoot, options.lockTimeout, async () => {
      // the server alone: a Gas Town file gt could not read must not keep the town's server down
      const observed = await observe(desired, { yamlCache: diskYamlCache(io.env), townFiles: false });
      const current = plan(desired, observed, { prune: false, force: false });
      if (current.errors.length > 0) throw new Error(current.errors.map((error) => error.message).join('\n'));
      const server = observed.server;
      const pending = current.actions.find((action) => action.kind === 'server');
      if (server.state === 'running') {
        const pid = server.pid === null ? '' : `PID ${server.pid}, `;
        io.stdout.write(`✓ Dolt server is already running (${pid}port ${settings.port.value})\n${details(desired)}`);
        if (pending !== undefined) {
          io.stdout.write(`! ${pending.reason}\n  ${gt} apply restarts it (or: ${gt} dolt stop && ${gt} dolt start)\n`);
        }
        return;
      }
      if (server.state === 'unhealthy' && gtSupervises(settings)) {
        throw new Error(
          `Dolt server${server.pid === null ? '' : ` PID ${server.pid}`} is running but not healthy: ${server.reason}\n\n` +
            `Restart with: ${gt} dolt stop && ${gt} dolt start`,
        );
      }
      const { pid, movedAside } = await startServer(townRoot, settings, startOptionsFor(desired.databases));
      io.stdout.write(`✓ Dolt server started (PID ${pid}, port ${settings.port.value})\n${details(desired)}`);
      for (const path of movedAside) io.stdout.write(`! moved what an interrupted create left to ${relative(townRoot, path)}\n`);
    });
  });
}
