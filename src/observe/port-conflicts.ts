import type { ServerSettings } from '../config/desired.js';
import type { PortConflict } from './observed.js';
import { findPortListeners, processArgs } from './proc.js';

/** The ports the Town manifest declares for the server besides its SQL port, with the setting that declares each. */
export function declaredServerPorts(server: Pick<ServerSettings, 'metrics' | 'cluster'>): { setting: string; port: number }[] {
  return [
    ...(server.metrics === null ? [] : [{ setting: 'spec.server.metrics.port', port: server.metrics.port }]),
    ...(server.cluster === null ? [] : [{ setting: 'spec.replication.remotesapi.port', port: server.cluster.remotesapi.port }]),
  ];
}

/**
 * The declared metrics and remotesapi ports that a process other than this town's server (`ownPid`) listens on:
 * Dolt refuses to start when it cannot bind them, so a start or restart would leave the town without its server.
 */
export function findPortConflicts(server: Pick<ServerSettings, 'metrics' | 'cluster'>, ownPid: number | null): PortConflict[] {
  return declaredServerPorts(server).flatMap(({ setting, port }) =>
    findPortListeners(port, ownPid === null ? [] : [ownPid])
      .filter((listener) => listener.pid === null || listener.pid !== ownPid)
      .slice(0, 1)
      .map((listener) => ({
        setting,
        port,
        pid: listener.pid,
        command: listener.pid === null ? null : (processArgs(listener.pid)?.join(' ') ?? null),
      })),
  );
}
