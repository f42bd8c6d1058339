import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDaemonFile } from '../config/daemon-file.js';
import type { DesiredState } from '../config/desired.js';
import { ConfigError, hasErrors } from '../config/diagnostics.js';
import { connectToServer, dropConnection } from '../lib/connect.js';
import { HUNG_SERVER_MS, withDeadline } from '../lib/deadline.js';
import { listDatabasesOnDisk, listIncompleteDatabases } from './databases-on-disk.js';
import type { ObservedDatabase, ObservedState } from './observed.js';
import { inspectServer } from './server-process.js';
import { readSqlSnapshot } from './sql-snapshot.js';

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The live town as gt sees it: the server process, the SQL snapshot when it answers, the data dir on disk. */
export async function observe(desired: DesiredState): Promise<ObservedState> {
  const dataDir = desired.server.dataDir.value;
  const daemonFile = readDaemonFile(desired.daemonConfig.path);
  if (hasErrors(daemonFile.diagnostics)) throw new ConfigError(daemonFile.diagnostics);
  const server = await inspectServer(desired.townRoot, desired.server);
  const incomplete = listIncompleteDatabases(dataDir);
  let databases: ObservedDatabase[] | null = null;
  let roundTrips = 0;
  if (server.state === 'running') {
    const dropCandidates = desired.databases.filter((db) => db.ensure === 'absent').map((db) => db.name);
    const connection = await connectToServer(desired.server);
    let answered = true;
    try {
      const snapshot = await withDeadline(readSqlSnapshot(connection, dropCandidates, incomplete), HUNG_SERVER_MS, () => {
        answered = false;
        dropConnection(connection);
        return new Error(`the Dolt server stopped answering while gt read its state (no reply within ${HUNG_SERVER_MS / 1000} s)`);
      });
      databases = snapshot.databases;
      roundTrips = snapshot.roundTrips;
    } finally {
      if (answered) await connection.end();
    }
  }
  return {
    server,
    daemonConfig: daemonFile.file,
    databases,
    onDisk: listDatabasesOnDisk(dataDir),
    incomplete,
    serverConfigText: readIfExists(join(dataDir, 'config.yaml')),
    roundTrips,
  };
}
