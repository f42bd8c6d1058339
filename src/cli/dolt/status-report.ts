import type { DesiredState, ServerSettings } from '../../config/desired.js';
import { clientHost } from '../../lib/connect.js';
import { painter } from '../../lib/paint.js';
import type { ObservedState } from '../../observe/observed.js';
import type { ServerMetrics } from '../../observe/server-metrics.js';
import { summarizePlan } from '../../plan/summary.js';
import type { Plan } from '../../plan/types.js';
import { ownerLabel } from '../database-owner.js';
import { describeSupervisor, supervisorReport, type SupervisorReport } from '../supervisor-report.js';
import { replicationLines, replicationReport, type ConnectionsReport, type ReplicationReport } from '../replication-report.js';

/** `gt dolt status -o json`. */
export interface DoltStatus {
  version: 1;
  server: {
    state: ObservedState['server']['state'];
    external: boolean;
    supervisor: SupervisorReport;
    pid: number | null;
    port: number;
    /** The address clients dial. */
    address: string;
    version: string | null;
    startedAt: string | null;
    /** running: how gt knows it is this town's server; unhealthy or imposter: what is wrong. */
    detail: string | null;
    /** imposter: the command line of the process holding the port, when gt can read it. */
    command: string | null;
  };
  dataDir: string;
  logFile: string;
  /** Go-driver style, as Gas Town prints it; never with the password. */
  connection: string;
  /** Served or on disk; rig null when no manifest declares it. */
  databases: { name: string; rig: string | null; managed: boolean; served: boolean; onDisk: boolean }[];
  /**
   * queryLatencyMs and connections only while the server runs; connections from Dolt's metrics endpoint when the town
   * declares one (against the server's max_connections), else from information_schema.processlist.
   */
  metrics: {
    queryLatencyMs: number | null;
    connections: ServerMetrics['connections'] | null;
    connectionsFrom: 'metrics-endpoint' | 'processlist' | null;
    /** The endpoint is declared but did not answer. */
    endpointError: string | null;
    diskUsageBytes: number;
  };
  /** Cluster replication; null when the town declares none. */
  replication: ReplicationReport | null;
  drift: { inSync: boolean; create: number; update: number; delete: number; blocked: number; errors: string[] };
}

/** `root@tcp(127.0.0.1:3307)/`. */
export function connectionString(settings: ServerSettings): string {
  return `${settings.user.value}@tcp(${clientHost(settings)}:${settings.port.value})/`;
}

/** What `gt dolt status` reports besides the config, the observation and the plan. */
export interface DoltStatusFacts {
  metrics: ServerMetrics | null;
  /** From Dolt's metrics endpoint, when the town declares one and the server runs. */
  endpointConnections: ConnectionsReport | null;
  diskUsageBytes: number;
  /** Whether gt's daemon runs (it restarts a crashed server when gt supervises it). */
  gtDaemonRunning: boolean;
}

export function doltStatus(desired: DesiredState, observed: ObservedState, plan: Plan, facts: DoltStatusFacts): DoltStatus {
  const { metrics, diskUsageBytes } = facts;
  const { server } = observed;
  const settings = desired.server;
  const declared = new Map(desired.databases.map((db) => [db.name, db]));
  const served = new Set((observed.databases ?? []).map((db) => db.name));
  const onDisk = new Set(observed.onDisk);
  const names = [...new Set([...served, ...onDisk])].sort();
  const summary = summarizePlan(plan);
  return {
    version: 1,
    server: {
      state: server.state,
      external: settings.external.value,
      supervisor: supervisorReport(settings, facts.gtDaemonRunning),
      pid: server.state === 'stopped' ? null : server.pid,
      port: server.port,
      address: `${clientHost(settings)}:${server.port}`,
      version: server.state === 'running' ? server.version : null,
      startedAt: server.state === 'running' ? server.startedAt : null,
      detail: server.state === 'running' ? server.identity : server.state === 'stopped' ? null : server.reason,
      command: server.state === 'imposter' ? server.command : null,
    },
    dataDir: settings.dataDir.value,
    logFile: settings.logFile.value,
    connection: connectionString(settings),
    databases: names.map((name) => ({
      name,
      rig: declared.get(name)?.rig ?? null,
      managed: declared.has(name),
      served: served.has(name),
      onDisk: onDisk.has(name),
    })),
    metrics: { queryLatencyMs: metrics?.queryLatencyMs ?? null, ...connections(facts), diskUsageBytes },
    replication: replicationReport(desired, observed),
    drift: {
      inSync: plan.errors.length === 0 && plan.actions.length === 0 && plan.blocked.length === 0,
      create: summary.create,
      update: summary.update,
      delete: summary.delete,
      blocked: summary.blocked,
      errors: plan.errors.map((error) => error.message),
    },
  };
}

/** Connections in use: from the metrics endpoint when declared (and answering), else from the processlist. */
function connections(facts: DoltStatusFacts): Pick<DoltStatus['metrics'], 'connections' | 'connectionsFrom' | 'endpointError'> {
  const endpoint = facts.endpointConnections;
  if (endpoint?.used != null) return { connections: { used: endpoint.used, max: endpoint.max }, connectionsFrom: 'metrics-endpoint', endpointError: null };
  const fromProcesslist = facts.metrics?.connections ?? null;
  return { connections: fromProcesslist, connectionsFrom: fromProcesslist === null ? null : 'processlist', endpointError: endpoint?.error ?? null };
}

/** `84.2 MB`, in binary units as Gas Town prints disk usage. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `2026-04-30 09:02:38` in local time. */
function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

function databaseLines(databases: DoltStatus['databases']): string[] {
  return databases.map((db) => `    - ${db.name.padEnd(20)} (${ownerLabel(db)})`);
}

function driftLine(status: DoltStatus, paint: ReturnType<typeof painter>, gt: string): string {
  const { drift } = status;
  if (status.server.state === 'imposter') return `  Drift: ${paint('red', 'not planned')}: gt does not act on a town while another process holds its port`;
  if (drift.errors.length > 0) return `  Drift: ${paint('red', 'not planned')}: ${drift.errors.join('; ')}`;
  if (drift.inSync) return `  Drift: ${paint('green', 'none')}, the town matches its config`;
  const blocked = drift.blocked > 0 ? `, ${drift.blocked} blocked` : '';
  const counts = `${drift.create} to create, ${drift.update} to update, ${drift.delete} to delete${blocked}`;
  return `  Drift: ${paint('yellow', counts)} (see: ${gt} diff; converge with: ${gt} apply)`;
}

/** The resource metrics, then the cluster's replication when the town declares it. */
function metricsLines(status: DoltStatus, paint: ReturnType<typeof painter>): string[] {
  const { metrics } = status;
  const lines = ['', '  Resource Metrics:'];
  if (metrics.queryLatencyMs !== null) lines.push(`    Query latency: ${metrics.queryLatencyMs}ms`);
  if (metrics.connections !== null) {
    const { used, max } = metrics.connections;
    const percent = max > 0 ? ` (${Math.round((used / max) * 100)}%)` : '';
    const from = metrics.connectionsFrom === 'metrics-endpoint' ? ', from the metrics endpoint' : '';
    lines.push(`    Connections:   ${used} / ${max}${percent}${from}`);
  }
  if (metrics.endpointError !== null) lines.push(`    Metrics:       ${paint('yellow', `not answering: ${metrics.endpointError}`)}`);
  lines.push(`    Disk usage:    ${formatBytes(metrics.diskUsageBytes)}`);
  if (status.replication !== null) {
    const [head, ...peers] = replicationLines(status.replication, paint);
    lines.push('', `  Replication: ${head}`, ...peers.map((line) => `    ${line}`));
  }
  return lines;
}

/** The text of `gt dolt status`, in the shape of Gas Town's own `gt dolt status` (gastownhall/gastown); hints name gt as `gt`. */
export function renderDoltStatusText(status: DoltStatus, color: boolean, gt = 'gt'): string {
  const paint = painter(color);
  const { server } = status;
  const lines: string[] = [];
  const hints: string[] = [];
  const where = server.external ? ` (external: ${server.address})` : '';
  const supervisedByGt = server.supervisor.by === 'gt';
  switch (server.state) {
    case 'running':
      lines.push(`${paint('green', '●')} Dolt server is running${server.pid === null ? '' : ` (PID ${server.pid})`}${where}`);
      if (server.startedAt !== null) lines.push(`  Started:    ${formatTime(server.startedAt)}`);
      lines.push(`  Version:    ${server.version ?? 'unknown'}`);
      break;
    case 'stopped':
      lines.push(`${paint('dim', '○')} Dolt server is not running${where}`);
      if (supervisedByGt) hints.push(`Start with: ${gt} dolt start`);
      break;
    case 'unhealthy':
      lines.push(`${paint('red', '✗')} Dolt server is not healthy${server.pid === null ? '' : ` (PID ${server.pid})`}${where}`);
      lines.push(`  Problem:    ${server.detail ?? 'unknown'}`);
      if (supervisedByGt) hints.push(`Restart with: ${gt} dolt stop && ${gt} dolt start`);
      break;
    case 'imposter':
      lines.push(`${paint('red', '✗')} Port ${server.port} is held by a process that is not this town's Dolt server`);
      lines.push(`  Problem:    ${server.detail ?? 'unknown'}`);
      if (server.command !== null) lines.push(`  Held by:    ${server.command}`);
      hints.push('Stop that process, or give this town another port (env.GT_DOLT_PORT in mayor/daemon.json)');
      break;
  }
  lines.push(`  Port:       ${server.port}`);
  lines.push(`  Supervisor: ${describeSupervisor(server.supervisor, gt)}`);
  lines.push(`  Data dir:   ${status.dataDir}`);
  const running = server.state === 'running';
  if (status.databases.length === 0) {
    lines.push(`  Databases:  none yet (gt apply creates hq; gt dolt init-rig NAME adds a rig)`);
  } else {
    lines.push(running ? '  Databases:' : `  Available databases in ${status.dataDir}:`);
    lines.push(...databaseLines(status.databases));
  }
  if (running) lines.push(`  Connection: ${status.connection}`);

  const unserved = running ? status.databases.filter((db) => db.onDisk && !db.served) : [];
  if (unserved.length > 0) {
    lines.push('', `  ${paint('red', '!!! NOT SERVED')}: on disk, but the server does not serve them:`);
    lines.push(...databaseLines(unserved));
    hints.push(`A restart loads them: ${gt} apply (or ${gt} dolt stop && ${gt} dolt start)`);
  }

  lines.push(...metricsLines(status, paint));
  lines.push('', driftLine(status, paint, gt));
  if (hints.length > 0) lines.push('', ...hints);
  return `${lines.join('\n')}\n`;
}
