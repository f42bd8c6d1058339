import type { DesiredState } from '../config/desired.js';
import type { painter } from '../lib/paint.js';
import type { DoltMetrics } from '../observe/dolt-metrics.js';
import type { ObservedReplica, ObservedState } from '../observe/observed.js';
import { effectiveRole } from '../plan/plan-standby.js';

/** One peer of the cluster as gt status shows it: its replication from this server, over every database. */
export interface PeerReport {
  name: string;
  remotesapi: string;
  /** The largest lag over its databases; null when none has replicated yet (or the server was not asked). */
  lagMillis: number | null;
  /** The latest replication between this server and the peer, over its databases; null when none yet. */
  lastUpdate: string | null;
  /** The last error of one of its databases, with the database; null when none reports one. */
  lastError: { database: string; message: string } | null;
  /** Each database's replication, as the server reports it. */
  databases: Omit<ObservedReplica, 'peer'>[];
}

/** `replication` in gt status and gt dolt status (-o json): null when the town declares none. */
export interface ReplicationReport {
  /** The role the server reports; else the one Dolt persisted, else the declared bootstrap role. */
  role: string;
  epoch: number;
  roleSource: string;
  bootstrapRole: string;
  /** Why the server could not say (not running, runs without its cluster: section yet, the query failed); else null. */
  unobserved: string | null;
  peers: PeerReport[];
}

function unobservedReason(observed: ObservedState): string | null {
  const { cluster } = observed;
  if (cluster === null) return 'the server is not running';
  if (cluster.state === 'not-configured') return 'the server runs without its cluster: section (gt apply restarts it with it)';
  return cluster.state === 'unreadable' ? `the cluster status could not be read: ${cluster.reason}` : null;
}

function peerReport(name: string, remotesapi: string, replicas: readonly ObservedReplica[]): PeerReport {
  const own = replicas.filter((replica) => replica.peer === name);
  const lags = own.map((replica) => replica.lagMillis).filter((lag): lag is number => lag !== null);
  const failing = own.find((replica) => replica.error !== null);
  const updates = own.map((replica) => replica.lastUpdate).filter((update): update is string => update !== null).sort();
  return {
    name,
    remotesapi,
    lagMillis: lags.length === 0 ? null : Math.max(...lags),
    lastUpdate: updates.at(-1) ?? null,
    lastError: failing === undefined ? null : { database: failing.database, message: failing.error as string },
    databases: own.map(({ database, lagMillis, lastUpdate, error }) => ({ database, lagMillis, lastUpdate, error })),
  };
}

export function replicationReport(desired: DesiredState, observed: ObservedState): ReplicationReport | null {
  const cluster = desired.server.cluster;
  const role = effectiveRole(desired, observed);
  if (cluster === null || role === null) return null;
  const replicas = observed.cluster?.state === 'observed' ? observed.cluster.replicas : [];
  return {
    role: observed.cluster?.state === 'observed' ? observed.cluster.role : role.role,
    epoch: role.epoch,
    roleSource: role.source,
    bootstrapRole: cluster.bootstrapRole,
    unobserved: unobservedReason(observed),
    peers: cluster.peers.map((peer) => peerReport(peer.name, peer.remotesapi, replicas)),
  };
}

/** Connections in use (from Dolt's metrics endpoint) against the server's max_connections. */
export interface ConnectionsReport {
  used: number | null;
  max: number;
  /** Why `used` is unknown (the endpoint did not answer); null when known. */
  error: string | null;
}

export function connectionsReport(desired: DesiredState, scraped: DoltMetrics | { error: string }): ConnectionsReport {
  const max = desired.server.maxConnections.value;
  return 'error' in scraped ? { used: null, max, error: scraped.error } : { used: scraped.connections, max, error: null };
}

/** Connections in use from Dolt's metrics endpoint, when the town declares one and the server runs. */
export async function scrapedConnections(desired: DesiredState, observed: ObservedState): Promise<ConnectionsReport | null> {
  const { metrics } = desired.server;
  if (metrics === null || observed.server.state !== 'running') return null;
  const { scrapeDoltMetrics } = await import('../observe/dolt-metrics.js');
  return connectionsReport(desired, await scrapeDoltMetrics(metrics));
}

/** A primary replicates to its peers (a lag); a standby receives from the primary (when it last did). */
function peerLine(peer: PeerReport, role: string, paint: ReturnType<typeof painter>): string {
  const received = `last received ${peer.lastUpdate ?? 'nothing yet'}`;
  const lag = role !== 'primary' ? received : peer.lagMillis === null ? 'no replication yet' : `lag ${peer.lagMillis} ms`;
  const count = `${peer.databases.length} database${peer.databases.length === 1 ? '' : 's'}`;
  const error = peer.lastError === null ? paint('green', 'no error') : paint('red', `error (${peer.lastError.database}): ${peer.lastError.message}`);
  return `${peer.name}  ${peer.remotesapi}  ${lag}, ${count}, ${error}`;
}

/** The report as lines: the role line, then one line per peer (each to be indented by the caller). */
export function replicationLines(report: ReplicationReport, paint: ReturnType<typeof painter>): string[] {
  const bootstrap = report.role === report.bootstrapRole ? '' : `, bootstrap role ${report.bootstrapRole}`;
  const head = `${report.role}, epoch ${report.epoch} (from ${report.roleSource}${bootstrap})`;
  const unobserved = report.unobserved === null ? [] : [paint('yellow', `not observed: ${report.unobserved}`)];
  return [head, ...unobserved, ...report.peers.map((peer) => peerLine(peer, report.role, paint))];
}

export function connectionsLine(report: ConnectionsReport): string {
  if (report.used === null) return `? / ${report.max} (${report.error ?? 'unknown'})`;
  const percent = report.max > 0 ? ` (${Math.round((report.used / report.max) * 100)}%)` : '';
  return `${report.used} / ${report.max}${percent}, from the metrics endpoint`;
}
