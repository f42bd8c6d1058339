import { relativeInside } from '../lib/location.js';
import { isDoltServerCommand, isGtDaemonCommand } from '../lib/process.js';
import type { DoctorObservation } from '../observe/doctor-observation.js';
import type { PidFileFact } from '../observe/doctor-files.js';
import { servesTownDataDir, townServerPid } from './doctor-servers.js';
import type { BlockedFix, CheckOutcome, DoctorContext, DoctorFix, Finding, IncompleteDirectoryFix, PidFileFix, StateFileFix } from './doctor-types.js';
import { checkStatus, plural } from './doctor-util.js';

/**
 * The files that point agents and Gas Town at the server, and the leftovers of interrupted work: bd's port files and
 * metadata.json ports that name another port than the town's, pid and state files naming processes that are gone,
 * and directories an interrupted CREATE DATABASE left in the data dir.
 */

function fileId(observation: DoctorObservation, path: string): string {
  return `file/${relativeInside(observation.townRoot, path) || path}`;
}

function outcome(
  base: { id: CheckOutcome['check']['id']; title: string },
  findings: Finding[],
  clean: string,
  fix: string,
  actions: DoctorFix[],
  blocked: BlockedFix[] = [],
  found = plural(findings.length, 'file'),
): CheckOutcome {
  const status = checkStatus(findings);
  const summary = findings.length === 0 ? clean : found;
  return { check: { ...base, group: 'files', status, summary, findings, fix: status === 'ok' ? null : fix }, actions, blocked };
}

/** Port files and metadata.json ports that name another port than the town's (bd dials the port file's first). */
export function checkPortFiles({ desired, observation, options }: DoctorContext): CheckOutcome {
  const port = desired.server.port.value;
  const reason = `bd dials the port in this file before any other; the town's server is on port ${port} (${desired.server.port.source})`;
  const findings: Finding[] = [];
  const actions: DoctorFix[] = [];
  for (const file of observation.files.portFiles.filter((candidate) => candidate.port !== port)) {
    const subject = relativeInside(observation.townRoot, file.path) || file.path;
    if (file.port === null) {
      findings.push({ level: 'warning', subject, message: 'holds no port number (bd ignores it; remove it and bd writes it again when it connects)', details: { path: file.path, port: null } });
      continue;
    }
    findings.push({ level: 'warning', subject, message: `names port ${file.port}, not ${port}`, details: { path: file.path, port: file.port } });
    actions.push({ kind: 'port-file', verb: 'write', id: fileId(observation, file.path), check: 'port-files', reason, path: file.path, before: file.port, after: port });
  }
  for (const file of observation.files.metadataPorts.filter((candidate) => candidate.port !== port)) {
    const subject = relativeInside(observation.townRoot, file.path) || file.path;
    if (typeof file.port !== 'number') {
      findings.push({ level: 'warning', subject, message: `dolt_server_port is ${JSON.stringify(file.port)}, not a number (bd cannot read the file)`, details: { path: file.path, port: null } });
      continue;
    }
    findings.push({ level: 'warning', subject, message: `dolt_server_port is ${file.port}, not ${port}`, details: { path: file.path, port: file.port } });
    const metadataReason = `bd falls back to this port when no port file names one; the town's server is on port ${port}`;
    actions.push({ kind: 'metadata-port', verb: 'write', id: fileId(observation, file.path), check: 'port-files', reason: metadataReason, path: file.path, before: file.port, after: port });
  }
  const fix = `${options.gt} doctor --fix writes port ${port} into them (only that field of a metadata.json); a file that names no port is left to you`;
  const title = "Port files and metadata.json ports that miss the town's port";
  const found = `${plural(findings.length, 'file')} name${findings.length === 1 ? 's' : ''} another port than ${port}`;
  return outcome({ id: 'port-files', title }, findings, `every port file and metadata.json names port ${port}`, fix, actions, [], found);
}

/** A pid file whose process is not what the file says: gone, or another program's that reused the pid. */
function staleness(fact: PidFileFact, isNamedKind: (pid: number, command: string[] | null) => boolean): string | null {
  if (fact.pid === null) return 'names no pid';
  if (!fact.alive) return `names PID ${fact.pid}, which is gone`;
  return isNamedKind(fact.pid, fact.command) ? null : `names PID ${fact.pid}, which is now another program (${(fact.command ?? []).join(' ') || 'unreadable'})`;
}

function pidFileFinding(observation: DoctorObservation, fact: PidFileFact, why: string): Finding {
  return { level: 'warning', subject: relativeInside(observation.townRoot, fact.path) || fact.path, message: why, details: { path: fact.path, pid: fact.pid } };
}

/**
 * The stale runtime files and their fixes. The town's pid and state files are pointed at the town's running server
 * when there is one (Gas Town's own gt dolt status reads them), else removed and marked stopped.
 */
function staleRuntimeFiles(observation: DoctorObservation): { findings: Finding[]; actions: DoctorFix[] } {
  const { files } = observation;
  const running = townServerPid(observation);
  const isTownServer = (pid: number, command: string[] | null): boolean => servesTownDataDir(observation, pid, command);
  const findings: Finding[] = [];
  const actions: DoctorFix[] = [];
  const add = (fact: PidFileFact | null, isNamedKind: (pid: number, command: string[] | null) => boolean, fix: (why: string) => DoctorFix): void => {
    const why = fact === null ? null : staleness(fact, isNamedKind);
    if (fact === null || why === null) return;
    findings.push(pidFileFinding(observation, fact, why));
    actions.push(fix(why));
  };
  const id = (fact: PidFileFact): string => fileId(observation, fact.path);
  const pidFix = (fact: PidFileFact, why: string): PidFileFix => ({
    kind: 'pid-file',
    verb: running === null ? 'remove' : 'write',
    id: id(fact),
    check: 'runtime-files',
    reason: running === null ? `it ${why}` : `it ${why}; the town's server is PID ${running}`,
    path: fact.path,
    before: fact.pid,
    after: running,
  });
  add(files.doltPid, isTownServer, (why) => pidFix(files.doltPid as PidFileFact, why));
  add(files.doltStateRunning, isTownServer, (why): StateFileFix => {
    const fact = files.doltStateRunning as PidFileFact;
    const reason = running === null ? `it says running, but ${why.replace(/^names/, 'its pid is')}` : `its pid is not the town's server, PID ${running}`;
    return { kind: 'state-file', verb: 'write', id: id(fact), check: 'runtime-files', reason, path: fact.path, before: fact.pid, after: running };
  });
  const removeFix = (fact: PidFileFact, why: string): PidFileFix => ({ ...pidFix(fact, why), verb: 'remove', after: null, reason: `it ${why}` });
  add(files.daemonPid, (_pid, command) => command === null || isGtDaemonCommand(command), (why) => removeFix(files.daemonPid as PidFileFact, why));
  for (const bdPid of files.bdPids) add(bdPid, (_pid, command) => command === null || isDoltServerCommand(command), (why) => removeFix(bdPid, why));
  return { findings, actions };
}

export function checkRuntimeFiles({ observation, options }: DoctorContext): CheckOutcome {
  const { findings, actions } = staleRuntimeFiles(observation);
  const fix = `${options.gt} doctor --fix removes them, or points the town's at its running server`;
  const title = 'Pid and state files naming processes that are gone';
  return outcome({ id: 'runtime-files', title }, findings, 'every pid and state file names a live process of its kind', fix, actions, [], plural(findings.length, 'stale file'));
}

/** Whether a `dolt sql-server` runs on the town's data dir (one could be creating the directory right now). */
function serverOnDataDir(observation: DoctorObservation): string | null {
  if (!('list' in observation.processes)) return `gt cannot list processes (${observation.processes.error})`;
  const onDataDir = observation.processes.list.filter((process) => process.dataDir?.path === observation.dataDir);
  return onDataDir.length === 0 ? null : `PID ${onDataDir.map((process) => process.pid).join(', ')} serves the data dir and may be creating it right now`;
}

/** Directories an interrupted CREATE DATABASE left in the data dir: moved aside while no server runs on it. */
export function checkInterruptedCreates({ observation, options }: DoctorContext): CheckOutcome {
  const gt = options.gt;
  const busy = serverOnDataDir(observation);
  const findings: Finding[] = observation.incomplete.map((name) => ({
    level: 'warning',
    subject: name,
    message: 'holds no complete .dolt: an interrupted CREATE DATABASE left it, and it blocks creating that database',
    details: { database: name },
  }));
  const actions: IncompleteDirectoryFix[] = [];
  const blocked: BlockedFix[] = [];
  for (const name of observation.incomplete) {
    const id = `directory/${name}`;
    const reason = `an interrupted CREATE DATABASE left ${name}/ in the data dir`;
    if (busy === null) actions.push({ kind: 'incomplete-directory', verb: 'move', id, check: 'interrupted-creates', reason, database: name, dataDir: observation.dataDir });
    else blocked.push({ id, check: 'interrupted-creates', reason: `${reason}; ${busy}`, hint: `${gt} apply moves a declared one aside when it restarts the server; for others stop the server (${gt} dolt stop), then run ${gt} doctor --fix` });
  }
  const fix = `${gt} doctor --fix moves them to .dolt-data/.gt-incomplete/ (never deletes them) while no server runs on the data dir`;
  const base = { id: 'interrupted-creates', title: 'Leftovers of interrupted CREATE DATABASE' } as const;
  const summary = `${observation.incomplete.length} half-created database director${observation.incomplete.length === 1 ? 'y' : 'ies'}: ${observation.incomplete.join(', ')}`;
  return outcome(base, findings, 'no half-created database directory', fix, actions, blocked, summary);
}
