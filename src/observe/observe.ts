import { readFileSync } from 'node:fs';
import type mysql from 'mysql2/promise';
import { readDaemonFile } from '../config/daemon-file.js';
import type { DesiredState, ServerEndpointSettings } from '../config/desired.js';
import { ConfigError, hasErrors } from '../config/diagnostics.js';
import { flattenServerConfig } from '../config/server-config-yaml.js';
import { YamlParseCache } from '../config/yaml-documents.js';
import { connectToServer, dropConnection } from '../lib/connect.js';
import { HUNG_SERVER_MS, withDeadline } from '../lib/deadline.js';
import { scanDataDir } from './databases-on-disk.js';
import { observeBd } from './bd.js';
import { lifecycleDatabases, observeLifecycle } from './history-facts.js';
import { DAEMON_SCOPE, observeLedger, type LedgerScope } from './observe-ledger.js';
import type { ObservedBd, ObservedDatabase, ObservedLedger, ObservedLifecycle, ObservedServerConfig, ObservedState, ObservedSync } from './observed.js';
import { probeAndKeep } from './server-health.js';
import { inspectServerWith } from './server-process.js';
import { townPaths } from '../lib/town-layout.js';
import { rootFactsFile, sendSnapshotQuery, type PendingSnapshot } from './sql-snapshot.js';
import { observeSync, syncDatabases } from './sync-facts.js';
import { readTownFiles } from './town-files.js';
import { serverConfigIn } from '../lib/town-layout.js';
import { gtSupervises } from '../config/server-settings.js';
import { readClusterStatus } from './cluster-status.js';
import { findPortConflicts } from './port-conflicts.js';
import { observeServerRoot } from './server-root.js';
import type { ObservedServer } from './observed.js';

/** The pid of this town's own server process, when one runs (hung or not). */
function ownServerPid(server: ObservedServer): number | null {
  return server.state === 'running' || server.state === 'unhealthy' ? server.pid : null;
}

/**
 * What only a server gt supervises needs looked at: the root it runs with (gt gives it its own) and the declared
 * ports another process holds. File reads only.
 */
function supervisedFacts(desired: DesiredState, server: ObservedServer): Pick<ObservedState, 'serverRoot' | 'portConflicts'> {
  const supervised = gtSupervises(desired.server);
  const pid = supervised ? ownServerPid(server) : null;
  return {
    serverRoot: observeServerRoot(desired.server.rootPath.value, pid, process.env),
    portConflicts: supervised ? findPortConflicts(desired.server, pid) : [],
  };
}

/** config.yaml as the server reads it: parsed (through the cache the config load used, so usually not parsed again). */
function readServerConfig(path: string, yamlCache: YamlParseCache): ObservedServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return 'absent';
  }
  const { documents, diagnostics } = yamlCache.parse(path, text);
  const settings = diagnostics.length > 0 ? null : flattenServerConfig(documents[0]?.value);
  return settings === null ? 'unparseable' : { settings };
}

/** An observation under way: the server inspected and, when it runs, the SQL snapshot requested. */
export interface Observation {
  /** Waits for the snapshot and reads the rest; `desired` names the databases whose unpushed work a drop needs. */
  complete(desired: DesiredState): Promise<ObservedState>;
  /** Ends it unread (the config turned out invalid). */
  cancel(): void;
}

/** The connection that sends the snapshot; `answered` is cleared when the server stopped answering and it was dropped. */
interface SnapshotConnection {
  connection: mysql.Connection;
  answered: boolean;
  /** The databases the server serves (its own list). */
  served: string[];
  /** Opens another connection to the same server, on a database. */
  open(database: string): Promise<mysql.Connection>;
}

function hung(sql: SnapshotConnection, pending: PendingSnapshot, waitedMs: number): () => Error {
  return () => {
    sql.answered = false;
    dropConnection(sql.connection);
    pending.abandon();
    return new Error(`the Dolt server stopped answering while gt read its state (no reply within ${waitedMs / 1000} s)`);
  };
}

export interface ObserveOptions {
  /** How long the snapshot may take before the server is called hung; HUNG_SERVER_MS unless given. */
  hungServerMs?: number;
  /** Read Gas Town's registry and beads files (default); false for a command that acts on the server alone. */
  townFiles?: boolean;
  /** Where GT_BD_BIN and PATH are read to find bd; process.env unless given. */
  env?: NodeJS.ProcessEnv;
  /** Fetch every pushed remote before reading where it stands (--refresh); default: gt's last look. */
  refreshRemotes?: boolean;
  /** Which ledger databases to consider for export; by their interval (the daemon's way) unless given. */
  ledger?: LedgerScope;
}

/** A declared database bd has not initialized, or whose state gt cannot see: only then is bd looked for. */
function needsBd(desired: DesiredState, databases: ObservedDatabase[] | null): boolean {
  const initialized = new Set((databases ?? []).filter((db) => db.beadsPrefix !== null).map((db) => db.name));
  return desired.databases.some((db) => db.ensure === 'present' && !initialized.has(db.name));
}

/**
 * Starts observing the town's server: inspects the process and, when it runs, sends the snapshot query. Needs only
 * the server settings, so `gt diff` starts it before it reads the manifests and Dolt computes the snapshot meanwhile.
 * `yamlCache` parses config.yaml: pass the one the config load used, which has usually parsed that text already.
 */
export async function beginObservation(
  townRoot: string,
  settings: ServerEndpointSettings,
  yamlCache: YamlParseCache,
  options: ObserveOptions = {},
): Promise<Observation> {
  const hungServerMs = options.hungServerMs ?? HUNG_SERVER_MS;
  const dataDir = settings.dataDir.value;
  const inspection = inspectServerWith(townRoot, settings, probeAndKeep);
  const onDisk = scanDataDir(dataDir); // while the server answers the probe
  const { server, probe } = await inspection;
  let sql: SnapshotConnection | null = null;
  let pending: PendingSnapshot | null = null;
  if (probe?.ok) {
    // the probe's connection, which has already asked for the databases, and two more opened for the snapshot
    const answered = probe;
    sql = { connection: probe.connection, answered: true, served: probe.databases, open: (database) => connectToServer(answered.settings, { database }) };
    pending = sendSnapshotQuery(
      { primary: probe.connection, open: () => connectToServer(answered.settings) },
      probe.databases,
      onDisk.incomplete,
      rootFactsFile(townPaths(townRoot).rootFactsCache),
    );
  }
  const close = async (): Promise<void> => {
    await pending?.release();
    if (sql?.answered) await sql.connection.end();
  };
  return {
    async complete(desired) {
      let databases: ObservedDatabase[] | null = null;
      let lifecycle: ObservedLifecycle | null = null;
      let sync: ObservedSync | null = null;
      let beadsUnreadable: string | null = null;
      let ledger: ObservedLedger | null = null;
      try {
        const daemonFile = readDaemonFile(desired.daemonConfig.path);
        if (hasErrors(daemonFile.diagnostics)) throw new ConfigError(daemonFile.diagnostics);
        let cluster: ObservedState['cluster'] = null;
        // read while Dolt computes the snapshot
        const townFiles = options.townFiles === false ? null : readTownFiles(desired);
        const now = new Date();
        const observedAt = now.toISOString();
        if (sql !== null && pending !== null) {
          // only a town that declares replication asks the server about it: one more statement, on the probe's connection
          const clusterRead = desired.server.cluster === null ? null : readClusterStatus(sql.connection, hungServerMs);
          const dropCandidates = desired.databases.filter((db) => db.ensure === 'absent').map((db) => db.name);
          const servedNow = sql.served.filter((name) => !onDisk.incomplete.includes(name));
          const open = sql.open;
          const reading = Promise.all([
            pending.read(dropCandidates),
            lifecycleDatabases(desired).length === 0 ? null : observeLifecycle(sql.connection, desired, servedNow, now),
            syncDatabases(desired).length === 0 ? null : observeSync(sql.connection, desired, servedNow, now, { refresh: options.refreshRemotes === true, open }),
          ]);
          const [snapshot, facts, positions] = await withDeadline(reading, hungServerMs, hung(sql, pending, hungServerMs));
          databases = snapshot.databases;
          cluster = await clusterRead;
          lifecycle = facts;
          sync = positions;
          beadsUnreadable = snapshot.beadsUnreadable;
          // after the snapshot, each statement bounded on its own: an export of many databases may take longer than
          // the snapshot's deadline as a whole
          ledger = await observeLedger(sql.connection, desired, servedNow, now, options.ledger ?? DAEMON_SCOPE, hungServerMs);
        }
        const bd: ObservedBd = needsBd(desired, databases) ? await observeBd(townRoot, options.env ?? process.env) : { state: 'not-checked' };
        return {
          observedAt,
          ...supervisedFacts(desired, server),
          cluster,
          server,
          daemonConfig: daemonFile.file,
          databases,
          beadsUnreadable,
          onDisk: onDisk.databases,
          incomplete: onDisk.incomplete,
          serverConfig: readServerConfig(serverConfigIn(dataDir), yamlCache),
          lifecycle,
          sync,
          townFiles,
          bd,
          ledger,
        };
      } finally {
        await close();
      }
    },
    cancel() {
      pending?.abandon();
      if (sql?.answered) dropConnection(sql.connection);
    },
  };
}

/**
 * The live town as gt sees it: the server process, the SQL snapshot when it answers, the data dir on disk, config.yaml,
 * Gas Town's registry and beads files, and bd when a declared database is not initialized for beads. Without a
 * `yamlCache`, config.yaml is parsed afresh.
 */
export async function observe(desired: DesiredState, options: ObserveOptions & { yamlCache?: YamlParseCache } = {}): Promise<ObservedState> {
  const yamlCache = options.yamlCache ?? new YamlParseCache(null);
  return (await beginObservation(desired.townRoot, desired.server, yamlCache, options)).complete(desired);
}
