import type { ServerSettings } from '../../config/desired.js';
import { gtSupervises } from '../../config/server-settings.js';
import { clientHost } from '../../lib/connect.js';
import type { ObservedServer } from '../../observe/observed.js';

function notRunning(settings: ServerSettings, address: string, gt: string): string {
  const { value, source } = settings.supervisor;
  if (value === 'external') return `Dolt server not reachable at ${address}: the external server is not running (gt does not start it; from ${source})`;
  if (value === 'gastown') {
    return `Dolt server not reachable at ${address}: it is not running, and Gas Town's daemon supervises it (gt does not start it; supervisor from ${source})\n\nStart Gas Town's daemon (Gas Town's gt daemon start, or gt up)`;
  }
  return `Dolt server not reachable at ${address}: it is not running\n\nStart with: ${gt} dolt start`;
}

/**
 * Commands that need the server fail fast when it is not this town's running server, with what to do about it
 * (the wording of gastownhall/gastown's internal/doltserver), naming gt as `gt` runs it. Nothing waits for a server
 * to appear.
 */
export function assertServerRunning(settings: ServerSettings, observed: ObservedServer, gt: string): void {
  const address = `${clientHost(settings)}:${settings.port.value}`;
  switch (observed.state) {
    case 'running':
      return;
    case 'stopped':
      throw new Error(notRunning(settings, address, gt));
    case 'unhealthy':
      throw new Error(
        `Dolt server not reachable at ${address}: it does not answer (${observed.reason})` +
          (gtSupervises(settings) ? `\n\nRestart with: ${gt} dolt stop && ${gt} dolt start` : ''),
      );
    case 'imposter':
      throw new Error(
        `Dolt server not reachable at ${address}: ${observed.reason}; gt talks only to this town's server\n\n` +
          'Stop that process, or give this town another port (env.GT_DOLT_PORT in mayor/daemon.json)',
      );
  }
}
