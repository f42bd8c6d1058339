import type { ServerEndpointSettings } from '../config/desired.js';
import { dropConnection } from '../lib/connect.js';
import { isTownDatabaseName } from '../lib/sql.js';
import { scanDataDir } from './databases-on-disk.js';
import type { ObservedServer } from './observed.js';
import { probeAndKeep } from './server-health.js';
import { inspectServerWith } from './server-process.js';

/** The town's databases by name: served (null when no server of this town answers) and on disk. */
export interface DatabaseNames {
  server: ObservedServer;
  served: string[] | null;
  onDisk: string[];
}

/**
 * The databases a town has, without what is inside them: the health probe's one statement names the served ones (none
 * is sent when no server of this town answers), the data dir the ones on disk. For listings that need no more; what
 * is inside them (remotes, ignore patterns) is the snapshot's work (observe).
 */
export async function observeDatabaseNames(townRoot: string, settings: ServerEndpointSettings): Promise<DatabaseNames> {
  const inspection = inspectServerWith(townRoot, settings, probeAndKeep);
  const onDisk = scanDataDir(settings.dataDir.value).databases; // while the server answers the probe
  const { server, probe } = await inspection;
  if (probe?.ok !== true) return { server, served: null, onDisk };
  await probe.connection.end().catch(() => dropConnection(probe.connection));
  return { server, served: probe.databases.filter(isTownDatabaseName).sort(), onDisk };
}
