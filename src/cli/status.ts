import type { Command } from 'commander';
import type { DesiredState } from '../config/desired.js';
import { clientHost } from '../lib/connect.js';
import type { DoctorStatus } from '../daemon/doctor-runner.js';
import type { DaemonStatusReport } from '../daemon/status-file.js';
import { maskUrl } from '../lib/mask.js';
import { painter } from '../lib/paint.js';
import type { ObservedState } from '../observe/observed.js';
import { positionText } from '../plan/plan-sync.js';
import { summarizePlan } from '../plan/summary.js';
import type { Plan } from '../plan/types.js';
import { ownerLabel } from './database-owner.js';
import {
  connectionsLine,
  replicationLines,
  replicationReport,
  scrapedConnections,
  type ConnectionsReport,
  type ReplicationReport,
} from './replication-report.js';
import { listRestorePoints } from '../lifecycle/compaction/restore-points.js';
import { ledgerStatus, renderLedgerStatus, type LedgerStatus } from './ledger-status.js';
import { describeSupervisor, supervisorReport, type SupervisorReport } from './supervisor-report.js';
import { addManifestOption } from './global-options.js';
import { loadConfigForCommand } from './load-config.js';
import { EXIT, runCommand, type CommandIO, type Session } from './output.js';

export interface TownStatus {
  version: 1;
  town: string;
  server: {
    state: ObservedState['server']['state'];
    pid: number | null;
    address: string;
    version: string | null;
    startedAt: string | null;
    uptimeSeconds: number | null;
    detail: string | null;
    supervisor: SupervisorReport;
  };
  /** remotes: null when the server is down and they cannot be read. */
  databases: { name: string; rig: string | null; managed: boolean; remotes: { name: string; url: string }[] | null }[];
  daemon: {
    running: boolean;
    pid: number | null;
    health: string | null;
    sync: string | null;
    lastReconcile: { at: string; result: string; durationMs: number } | null;
    lastError: string | null;
    /** gt doctor's checks as the daemon last ran them (Gas Town's doctor_dog interval); null when it never did. */
    doctor: DoctorStatus | null;
  };
  drift: { inSync: boolean; create: number; update: number; delete: number; blocked: number; errors: string[] };
  /** Cluster replication; null when the town declares none. */
  replication: ReplicationReport | null;
  /** Connections in use, from Dolt's metrics endpoint; null when the town declares none or the server is down. */
  connections: ConnectionsReport | null;
  /** Each remote with push: true against main, as gt last saw it (gt status --refresh is gt diff --refresh's job). */
  pushes: { database: string; remote: string; position: string }[];
  /** null when no spec.ledger is declared. */
  ledger: LedgerStatus | null;
  /** The restore points compaction took, per declared database that has any (`gt dolt restore DB --list` lists them). */
  restorePoints: { database: string; count: number; newest: string }[];
}

/** What gt status shows besides the config, the observation and the plan. */
interface StatusFacts {
  daemon: DaemonStatusReport;
  connections: ConnectionsReport | null;
  now: Date;
}

function townStatus(desired: DesiredState, observed: ObservedState, plan: Plan, facts: StatusFacts): TownStatus {
  const { daemon, now } = facts;
  const server = observed.server;
  const startedAt = server.state === 'running' ? server.startedAt : null;
  const declared = new Map(desired.databases.filter((db) => db.ensure === 'present').map((db) => [db.name, db]));
  const live = observed.databases ?? observed.onDisk.map((name) => ({ name, remotes: null }));
  const summary = summarizePlan(plan);
  const last = daemon.status?.lastReconcile ?? null;
  return {
    version: 1,
    town: desired.townRoot,
    server: {
      state: server.state,
      pid: server.state === 'stopped' ? null : server.pid,
      address: `${clientHost(desired.server)}:${server.port}`,
      version: server.state === 'running' ? server.version : null,
      startedAt,
      uptimeSeconds: startedAt ? Math.max(0, Math.round((now.getTime() - Date.parse(startedAt)) / 1000)) : null,
      detail: server.state === 'unhealthy' || server.state === 'imposter' ? server.reason : null,
      supervisor: supervisorReport(desired.server, daemon.running),
    },
    databases: live.map((db) => ({
      name: db.name,
      rig: declared.get(db.name)?.rig ?? null,
      managed: declared.has(db.name),
      remotes: db.remotes?.map((remote) => ({ name: remote.name, url: maskUrl(remote.url) })) ?? null,
    })),
    daemon: {
      running: daemon.running,
      pid: daemon.pid,
      health: daemon.status?.health ?? null,
      sync: daemon.status?.sync ?? null,
      lastReconcile: last ? { at: last.startedAt, result: last.result, durationMs: last.durationMs } : null,
      lastError: daemon.status?.lastError?.message ?? null,
      doctor: daemon.status?.doctor ?? null,
    },
    drift: {
      inSync: plan.errors.length === 0 && plan.actions.length === 0 && plan.blocked.length === 0,
      ...summary,
      errors: plan.errors.map((error) => error.message),
    },
    replication: replicationReport(desired, observed),
    connections: facts.connections,
    pushes: Object.entries(observed.sync?.databases ?? {}).flatMap(([database, sync]) =>
      Object.entries(sync.positions).map(([remote, position]) => ({ database, remote, position: positionText(position) })),
    ),
    ledger: ledgerStatus(desired),
    restorePoints: restorePointsOf(desired),
  };
}

function restorePointsOf(desired: DesiredState): TownStatus['restorePoints'] {
  return desired.databases.flatMap((db) => {
    const points = listRestorePoints(desired.townRoot, db.name).filter((point) => point.complete);
    const newest = points[points.length - 1];
    return newest === undefined ? [] : [{ database: db.name, count: points.length, newest: newest.name }];
  });
}

function formatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return minutes > 0 ? `${minutes}m` : `${seconds}s`;
}

function formatInterval(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/** The daemon's last gt doctor run: one line, then each check that is not ok. */
function doctorLines(doctor: DoctorStatus | null, paint: ReturnType<typeof painter>, gt: string): string[] {
  if (doctor === null) return [];
  if (!doctor.enabled) return [`Doctor    ${paint('dim', `not run by the daemon: ${doctor.reason ?? 'disabled'}`)} (run: ${gt} doctor)`];
  const last = doctor.lastRun;
  if (last === null) return [`Doctor    ${doctor.lastError === null ? 'not run yet' : paint('red', `cannot check: ${doctor.lastError}`)}`];
  const every = `every ${formatInterval(doctor.intervalMs)}`;
  const problems = last.checks.filter((check) => check.status === 'warning' || check.status === 'error');
  if (problems.length === 0) return [`Doctor    ${paint('green', 'all checks ok')} at ${last.at} (${every})`];
  const style = last.status === 'error' ? 'red' : 'yellow';
  return [
    `Doctor    ${paint(style, `${problems.length} check${problems.length === 1 ? '' : 's'} not ok`)} at ${last.at} (${every}; see: ${gt} doctor)`,
    ...problems.map((check) => `          ${paint(check.status === 'error' ? 'red' : 'yellow', check.status === 'error' ? '✗' : '!')} ${check.id}: ${check.summary}`),
  ];
}

/** The status as text; its hints name gt as `gt` (the invocation) runs it. */
export function renderStatusText(status: TownStatus, color: boolean, gt = 'gt'): string {
  const paint = painter(color);
  const lines = [`Town      ${status.town}`];
  const s = status.server;
  if (s.state === 'running') {
    const uptime = s.uptimeSeconds === null ? '' : `, up ${formatUptime(s.uptimeSeconds)}`;
    lines.push(`Server    ${paint('green', '● running')}  pid ${s.pid ?? '?'}, ${s.address}, dolt ${s.version}${uptime}, healthy`);
  } else if (s.state === 'stopped') {
    const start = s.supervisor.by === 'gt' ? ` (start with: ${gt} apply, or ${gt} dolt start)` : '';
    lines.push(`Server    ${paint('dim', '○ not running')}  ${s.address}${start}`);
  } else {
    // a failed health check already names the address it dialled
    const detail = s.detail?.startsWith(`${s.address}: `) ? s.detail : `${s.address}: ${s.detail ?? 'unknown'}`;
    lines.push(`Server    ${paint('red', `✗ ${s.state}`)}  ${detail}`);
  }
  lines.push(`          Supervisor: ${describeSupervisor(s.supervisor, gt)}`);
  if (status.connections !== null) lines.push(`          Connections: ${connectionsLine(status.connections)}`);
  if (status.replication !== null) {
    const [head, ...rest] = replicationLines(status.replication, paint);
    lines.push(`Replication ${head}`, ...rest.map((line) => `          ${line}`));
  }
  lines.push(`Databases ${status.databases.length}`);
  const width = Math.max(8, ...status.databases.map((db) => db.name.length));
  for (const db of status.databases) {
    const owner = ownerLabel(db).padEnd(16);
    const remotes =
      db.remotes === null ? 'remotes unknown (server down)' : db.remotes.length === 0 ? 'no remotes' : db.remotes.map((r) => `${r.name} ${r.url}`).join(', ');
    lines.push(`  ${db.name.padEnd(width)}  ${db.managed ? owner : paint('yellow', owner)}  ${remotes}`);
  }
  const d = status.daemon;
  if (d.running || d.lastReconcile) {
    const last = d.lastReconcile ? `; last reconcile ${d.lastReconcile.at} ${d.lastReconcile.result} in ${d.lastReconcile.durationMs} ms` : '';
    lines.push(`Daemon    ${d.running ? `running (pid ${d.pid})` : 'not running'}, health ${d.health ?? 'unknown'}${last}`);
    if (d.lastError) lines.push(`          last error: ${d.lastError}`);
  } else {
    lines.push(`Daemon    not running (start with: ${gt} daemon start)`);
  }
  lines.push(...doctorLines(status.daemon.doctor, paint, gt));
  if (status.ledger !== null) lines.push(...renderLedgerStatus(status.ledger, paint));
  const drift = status.drift;
  if (drift.errors.length > 0) lines.push(`Drift     ${paint('red', 'cannot plan')}: ${drift.errors.join('; ')}`);
  else if (drift.inSync) lines.push(`Drift     ${paint('green', 'none')}: the town matches its config`);
  else {
    const blocked = drift.blocked > 0 ? `, ${drift.blocked} blocked` : '';
    lines.push(`Drift     ${paint('yellow', `${drift.create} to create, ${drift.update} to update, ${drift.delete} to delete${blocked}`)} (see: ${gt} diff)`);
  }
  if (status.restorePoints.length > 0) {
    const points = status.restorePoints.map((point) => `${point.database} ${point.count} (newest ${point.newest})`);
    lines.push(`Restore   ${points.join('; ')} (see: ${gt} dolt restore DB --list)`);
  }
  if (status.pushes.length > 0) lines.push(`Pushes    ${status.pushes.map((push) => `${push.database} → ${push.remote}: ${push.position}`).join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** Observes the town and prints it at a glance. Read-only. */
async function runStatus(io: CommandIO): Promise<number> {
  const loaded = await loadConfigForCommand(io);
  if (!loaded) return EXIT.error;
  const { desired } = loaded;
  const { observe } = await import('../observe/observe.js');
  const { diskYamlCache } = await import('../config/yaml-documents.js');
  const { plan } = await import('../plan/plan.js');
  const { readDaemonStatus } = await import('../daemon/status-file.js');
  const observed = await observe(desired, { yamlCache: diskYamlCache(io.env) });
  const connections = await scrapedConnections(desired, observed);
  const facts = { daemon: readDaemonStatus(desired.townRoot), connections, now: new Date() };
  const status = townStatus(desired, observed, plan(desired, observed, { prune: false, force: false }), facts);
  io.stdout.write(io.output === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderStatusText(status, io.color, io.invocation));
  return EXIT.ok;
}

/** `gt status`: the town at a glance. Read-only. */
export function registerStatusCommand(program: Command, session: Session): void {
  addManifestOption(program.command('status'))
    .description('the town at a glance: server, databases, daemon, drift')
    .action(runCommand(session, (io) => runStatus(io)));
}
