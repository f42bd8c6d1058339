import { relativeInside } from '../lib/location.js';
import { isDoltServerCommand } from '../lib/process.js';
import type { DoctorObservation } from '../observe/doctor-observation.js';
import type { DoltServerProcess } from '../observe/dolt-process-facts.js';
import type { BlockedFix, CheckOutcome, DoctorContext, Finding, FindingLevel, ServerClass, StopServerFix } from './doctor-types.js';
import { checkStatus, countBy, noFixes, plural } from './doctor-util.js';

/** Whose a server is, and the evidence. */
export interface Classified {
  process: DoltServerProcess;
  class: ServerClass;
  because: string;
}

const LEVEL: Record<ServerClass, FindingLevel> = { town: 'info', foreign: 'info', rogue: 'warning', duplicate: 'error', 'stale-snapshot': 'error' };

function isInside(root: string, path: string | null): boolean {
  return path !== null && (path === root || path.startsWith(`${root}/`));
}

/**
 * The pid of the town's own server: the one gt reaches on the configured port (or, after a port change, the pid
 * file's on its old port), else the pid file's when that process serves the town's data dir.
 */
export function townServerPid(observation: DoctorObservation): number | null {
  const { server } = observation;
  if ((server.state === 'running' || server.state === 'unhealthy') && server.pid !== null) return server.pid;
  const named = observation.files.doltPid?.pid ?? null;
  if (named === null || !('list' in observation.processes)) return null;
  const served = observation.processes.list.find((process) => process.pid === named);
  return served?.dataDir?.path === observation.dataDir ? named : null;
}

/** A server on the town's data dir: the town's own, serving deleted files, or a second one. */
function classifyOnDataDir(process: DoltServerProcess, serverPid: number | null): Omit<Classified, 'process'> {
  const from = process.dataDir?.from ?? '';
  if (process.pid !== serverPid) {
    const town = serverPid === null ? 'the town has no running server of its own' : `the town's server is PID ${serverPid}`;
    return { class: 'duplicate', because: `a second server on this town's data dir (${from}); ${town}` };
  }
  const deleted = process.deletedDataFiles;
  if (deleted.length > 0 || process.cwdDeleted) {
    const what = deleted.length > 0 ? `holds ${plural(deleted.length, 'deleted data file')} open (${deleted[0]})` : 'runs in a deleted directory';
    return { class: 'stale-snapshot', because: `the town's server, but it ${what}: it serves data that is no longer on disk` };
  }
  return { class: 'town', because: `the town's server (${from})` };
}

/** Pure: what a `dolt sql-server` is to this town, from the directory it serves and where it runs. */
export function classifyServer(process: DoltServerProcess, town: { root: string; dataDir: string; serverPid: number | null }): Classified {
  const dataDir = process.dataDir?.path ?? null;
  const decided = (serverClass: ServerClass, because: string): Classified => ({ process, class: serverClass, because });
  if (dataDir === town.dataDir) return { process, ...classifyOnDataDir(process, town.serverPid) };
  if (process.dataDirTown !== null && process.dataDirTown !== town.root) {
    return decided('foreign', `serves another town's data dir (${dataDir})`);
  }
  if (isInside(town.root, dataDir)) {
    return decided('rogue', `serves ${relativeInside(town.root, dataDir ?? '') || '.'} inside the town, not .dolt-data (${process.dataDir?.from})`);
  }
  if (isInside(town.root, process.cwd)) return decided('rogue', `runs in ${relativeInside(town.root, process.cwd ?? '')} inside the town`);
  if (dataDir === null) return decided('foreign', 'gt cannot read where it runs (another user’s process): never touched');
  return decided('foreign', `serves ${dataDir}, outside this town`);
}

function serverFinding(classified: Classified): Finding {
  const { process } = classified;
  const ports = process.ports.length === 0 ? 'no listening port' : `port ${process.ports.join(', ')}`;
  return {
    level: LEVEL[classified.class],
    subject: `PID ${process.pid}`,
    message: `${classified.class}, ${ports}: ${classified.because}`,
    details: {
      pid: process.pid,
      class: classified.class,
      ports: process.ports,
      dataDir: process.dataDir?.path ?? null,
      dataDirFrom: process.dataDir?.from ?? null,
      cwd: process.cwd,
      startedAt: process.startedAtMs === null ? null : new Date(process.startedAtMs).toISOString(),
      residentBytes: process.residentBytes,
      deletedDataFiles: process.deletedDataFiles.length,
      command: process.command,
    },
  };
}

function restartNote({ desired, options }: DoctorContext): string {
  switch (desired.server.supervisor.value) {
    case 'gt':
      return `${options.gt} apply (or the daemon) then starts it again on the data on disk`;
    case 'gastown':
      return "Gas Town's daemon then starts it again on the data on disk";
    case 'external':
      return 'the server is external: start it again where it is supervised';
  }
}

function stopFix(classified: Classified, context: DoctorContext): StopServerFix | BlockedFix {
  const { process } = classified;
  const { options } = context;
  const id = `process/${process.pid}`;
  const serverClass = classified.class as StopServerFix['class'];
  const townServer = serverClass === 'stale-snapshot';
  const reason = `${serverClass}: ${classified.because}${townServer ? `; ${restartNote(context)}` : ''}`;
  if (process.startedAtMs === null || process.cwd === null) {
    return { id, check: 'server-processes', reason, hint: `gt cannot read its start time or working directory to make sure it signals this very process; stop it yourself (kill ${process.pid})` };
  }
  if (!options.stopServers) return { id, check: 'server-processes', reason, hint: 'pass --stop-servers (with --fix) to stop it' };
  return {
    kind: 'stop-server',
    verb: 'stop',
    id,
    check: 'server-processes',
    reason,
    pid: process.pid,
    class: serverClass,
    startedAtMs: process.startedAtMs,
    cwd: process.cwd,
    graceMs: options.graceMs,
    kill: options.force,
    townServer,
  };
}

/** Every `dolt sql-server` on the machine, classified; the duplicates, rogues and stale snapshots planned to stop. */
export function checkServerProcesses(context: DoctorContext): CheckOutcome {
  const { observation, options } = context;
  const base = { id: 'server-processes', group: 'servers', title: 'Dolt servers on this machine, by the directory they serve' } as const;
  if (!('list' in observation.processes)) {
    return noFixes({ ...base, status: 'skipped', summary: `cannot list processes (${observation.processes.error})`, findings: [], fix: null });
  }
  const town = { root: observation.townRoot, dataDir: observation.dataDir, serverPid: townServerPid(observation) };
  const classified = observation.processes.list.map((process) => classifyServer(process, town)).sort((a, b) => a.process.pid - b.process.pid);
  const findings = classified.map(serverFinding);
  const counts = countBy(classified.map((entry) => entry.class), ['town', 'stale-snapshot', 'duplicate', 'rogue', 'foreign']);
  const summary =
    classified.length === 0 ? 'no dolt sql-server runs on this machine' : `${plural(classified.length, 'Dolt server')}: ${counts}`;
  const toStop = classified.filter((entry) => LEVEL[entry.class] !== 'info').map((entry) => stopFix(entry, context));
  const status = checkStatus(findings);
  const fix = status === 'ok' ? null : `${options.gt} doctor --fix --stop-servers stops them (SIGTERM, then SIGKILL only with --force); foreign servers are never touched`;
  return {
    check: { ...base, status, summary, findings, fix },
    actions: toStop.filter((entry): entry is StopServerFix => 'kind' in entry),
    blocked: toStop.filter((entry): entry is BlockedFix => !('kind' in entry)),
  };
}

function townServerFinding({ desired, observation, options }: DoctorContext): { level: FindingLevel; message: string; fix: string | null } {
  const { server } = observation;
  const gt = options.gt;
  const port = desired.server.port.value;
  switch (server.state) {
    case 'running':
      return { level: 'info', message: `running, PID ${server.pid ?? '?'}, ${server.host}:${server.port}, dolt ${server.version}`, fix: null };
    case 'stopped': {
      const start = { gt: `${gt} apply (or ${gt} dolt start) starts it`, gastown: "Gas Town's daemon supervises it (Gas Town's gt up starts it)", external: 'it is external: start it where it runs' };
      return { level: 'warning', message: `not running (nothing answers on port ${port})`, fix: start[desired.server.supervisor.value] };
    }
    case 'unhealthy':
      return { level: 'error', message: `PID ${server.pid ?? '?'} does not answer: ${server.reason}`, fix: `${gt} apply restarts a hung server (${gt} dolt stop && ${gt} dolt start)` };
    case 'imposter':
      return { level: 'error', message: server.reason, fix: `stop that process or give the town another port (env.GT_DOLT_PORT in mayor/daemon.json)` };
  }
}

/** The town's own server: running and answering on its port. */
export function checkTownServer(context: DoctorContext): CheckOutcome {
  const { desired, observation } = context;
  const { level, message, fix } = townServerFinding(context);
  const finding: Finding = { level, subject: 'server', message, details: { state: observation.server.state, port: desired.server.port.value } };
  return noFixes({ id: 'town-server', group: 'servers', title: "The town's Dolt server", status: checkStatus([finding]), summary: message, findings: [finding], fix });
}

/** Whether a pid file's process is a `dolt sql-server` serving the town's data dir (for the runtime-files check). */
export function servesTownDataDir(observation: DoctorObservation, pid: number, command: readonly string[]): boolean {
  if (!('list' in observation.processes)) return isDoltServerCommand(command);
  return observation.processes.list.some((process) => process.pid === pid && process.dataDir?.path === observation.dataDir);
}
