import { isDoltServerCommand, isProcessAlive, processStartTime } from '../lib/process.js';
import { DELETED, describeProcess, type DoltServerProcess } from './dolt-process-facts.js';
import { findDoltServersWithLsof, inspectWithLsof } from './dolt-processes-lsof.js';
import {
  descriptorTargets,
  hasProcFilesystem,
  listeningPortsByPid,
  processArgs,
  processCwd,
  processIds,
  residentBytes,
} from './proc.js';

/** Where the process facts come from: /proc on Linux, lsof and ps elsewhere. */
export type ProcessSource = 'proc' | 'lsof';

export function defaultProcessSource(): ProcessSource {
  return hasProcFilesystem() ? 'proc' : 'lsof';
}

function fromProc(pids: readonly number[]): DoltServerProcess[] {
  const servers = pids
    .map((pid) => ({ pid, args: processArgs(pid) }))
    .filter((entry): entry is { pid: number; args: string[] } => entry.args !== null && isDoltServerCommand(entry.args))
    .filter((entry) => isProcessAlive(entry.pid));
  const targets = new Map(servers.map(({ pid }) => [pid, descriptorTargets(pid)]));
  const ports = listeningPortsByPid(targets);
  return servers.map(({ pid, args }) =>
    describeProcess({
      pid,
      args,
      cwd: processCwd(pid),
      ports: ports.get(pid) ?? [],
      startedAtMs: processStartTime(pid)?.getTime() ?? null,
      deleted: (targets.get(pid) ?? []).filter((target) => target.endsWith(DELETED)),
      residentBytes: residentBytes(pid),
    }),
  );
}

/** Every `dolt sql-server` running on this machine, whoever started it. */
export async function findDoltServers(source: ProcessSource = defaultProcessSource()): Promise<DoltServerProcess[]> {
  return source === 'proc' ? fromProc(processIds()) : findDoltServersWithLsof();
}

/** The same facts for one pid, read again now (null: gone, or no longer a `dolt sql-server`). */
export async function inspectDoltServer(pid: number, source: ProcessSource = defaultProcessSource()): Promise<DoltServerProcess | null> {
  if (source === 'lsof') return inspectWithLsof(pid);
  return fromProc([pid])[0] ?? null;
}
