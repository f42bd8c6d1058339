import { relativeInside } from '../lib/location.js';
import { isDoltServerCommand, isGtDaemonCommand } from '../lib/process.js';
import { inTown } from '../lib/town-layout.js';
import type { DoctorObservation } from '../observe/doctor-observation.js';
import type { PidFileFact } from '../observe/doctor-files.js';
import { servesTownDataDir, townServerPid } from './doctor-servers.js';
import type {
  BlockedFix,
  CheckOutcome,
  DoctorContext,
  DoctorFix,
  Finding,
  IncompleteDirectoryFix,
  MetadataPortFix,
  PidFileFix,
  PortFileFix,
  StateFileFix,
} from './doctor-types.js';
import { checkStatus, plural } from './doctor-util.js';
import { townFileAction } from './town-file-action.js';
import type { TownFileAction } from './types.js';

/**
 * The files that point agents and Gas Town at the server, and the leftovers of interrupted work: bd's port files and
 * metadata.json ports that name another port than the town's, pid and state files naming processes that are gone,
 * and directories an interrupted CREATE DATABASE left in the data dir.
 */

function fileId(observation: DoctorObservation, path: string): string {
  return `file/${relativeInside(observation.townRoot, path) || path}`;
}

interface FilesFound {
  findings: Finding[];
  /** The summary when nothing was found, and when something was. */
  clean: string;
  found: string;
  fix: string;
  actions: DoctorFix[];
  blocked?: BlockedFix[];
}

function outcome(base: { id: CheckOutcome['check']['id']; title: string }, result: FilesFound): CheckOutcome {
  const { findings, actions, blocked = [] } = result;
  const status = checkStatus(findings);
  const summary = findings.length === 0 ? result.clean : result.found;
  return { check: { ...base, group: 'files', status, summary, findings, fix: status === 'ok' ? null : result.fix }, actions, blocked };
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
  return outcome({ id: 'port-files', title }, { findings, clean: `every port file and metadata.json names port ${port}`, found, fix, actions });
}

/**
 * A stale-port fix as the town-file action gt apply runs for the same file: Gas Town's files have one writer, which
 * re-reads the file, refuses when the port is no longer the one the doctor saw, and changes only that value.
 */
export function portFixAsTownFile(townRoot: string, fix: PortFileFix | MetadataPortFix): TownFileAction {
  const [role, field] = fix.kind === 'port-file' ? (['port', 'port'] as const) : (['beads-metadata', 'dolt_server_port'] as const);
  const target = { path: inTown(townRoot, fix.path), role, exists: true };
  const action = townFileAction(target, { before: { [field]: fix.before }, after: { [field]: fix.after } }, () => fix.reason);
  if (action === null) throw new Error(`internal error: the fix of ${fix.path} changes nothing`);
  return action;
}

type IsNamedKind = (pid: number, command: string[]) => boolean;

/**
 * Why a pid file is stale: it names no pid, a process that is gone, or one that is now another program (the pid was
 * reused). A live process gt cannot read (another user's) is taken to be what the file says.
 */
function staleness(fact: PidFileFact, isNamedKind: IsNamedKind): string | null {
  if (fact.pid === null) return 'names no pid';
  if (!fact.alive) return `names PID ${fact.pid}, which is gone`;
  if (fact.command === null || isNamedKind(fact.pid, fact.command)) return null;
  return `names PID ${fact.pid}, which is now another program (${fact.command.join(' ')})`;
}

/** A stale file's fix, given why it is stale. */
type RuntimeFix = (fact: PidFileFact, why: string) => DoctorFix;

/**
 * The stale runtime files and their fixes. The town's pid and state files are pointed at the town's running server
 * when there is one (Gas Town's own gt dolt status reads them), else removed and marked stopped; gt's daemon's and
 * bd's pid files are removed.
 */
function staleRuntimeFiles(observation: DoctorObservation): { findings: Finding[]; actions: DoctorFix[] } {
  const { files } = observation;
  const running = townServerPid(observation);
  const base = (fact: PidFileFact) => ({ id: fileId(observation, fact.path), check: 'runtime-files' as const, path: fact.path, before: fact.pid });
  const townPidFix: RuntimeFix = (fact, why): PidFileFix =>
    running === null
      ? { kind: 'pid-file', verb: 'remove', ...base(fact), after: null, reason: `it ${why}` }
      : { kind: 'pid-file', verb: 'write', ...base(fact), after: running, reason: `it ${why}; the town's server is PID ${running}` };
  const stateFix: RuntimeFix = (fact, why): StateFileFix => ({
    kind: 'state-file',
    verb: 'write',
    ...base(fact),
    after: running,
    reason: running === null ? `it says running, but ${why.replace(/^names/, 'its pid is')}` : `its pid is not the town's server, PID ${running}`,
  });
  const removeFix: RuntimeFix = (fact, why): PidFileFix => ({ kind: 'pid-file', verb: 'remove', ...base(fact), after: null, reason: `it ${why}` });
  const isTownServer: IsNamedKind = (pid, command) => servesTownDataDir(observation, pid, command);
  const candidates: [PidFileFact | null, IsNamedKind, RuntimeFix][] = [
    [files.doltPid, isTownServer, townPidFix],
    [files.doltStateRunning, isTownServer, stateFix],
    [files.daemonPid, (_pid, command) => isGtDaemonCommand(command), removeFix],
    ...files.bdPids.map((fact): [PidFileFact, IsNamedKind, RuntimeFix] => [fact, (_pid, command) => isDoltServerCommand(command), removeFix]),
  ];
  const findings: Finding[] = [];
  const actions: DoctorFix[] = [];
  for (const [fact, isNamedKind, fix] of candidates) {
    const why = fact === null ? null : staleness(fact, isNamedKind);
    if (fact === null || why === null) continue;
    findings.push({ level: 'warning', subject: relativeInside(observation.townRoot, fact.path) || fact.path, message: why, details: { path: fact.path, pid: fact.pid } });
    actions.push(fix(fact, why));
  }
  return { findings, actions };
}

export function checkRuntimeFiles({ observation, options }: DoctorContext): CheckOutcome {
  const { findings, actions } = staleRuntimeFiles(observation);
  const fix = `${options.gt} doctor --fix removes them, or points the town's at its running server`;
  const title = 'Pid and state files naming processes that are gone';
  const clean = 'every pid and state file names a live process of its kind';
  return outcome({ id: 'runtime-files', title }, { findings, clean, found: plural(findings.length, 'stale file'), fix, actions });
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
  const found = `${observation.incomplete.length} half-created database director${observation.incomplete.length === 1 ? 'y' : 'ies'}: ${observation.incomplete.join(', ')}`;
  return outcome(base, { findings, clean: 'no half-created database directory', found, fix, actions, blocked });
}
