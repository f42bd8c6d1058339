import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { patchServerState, readServerState } from '../lib/dolt-runtime-files.js';
import { findDoltServers, type ProcessSource } from '../observe/dolt-processes.js';
import { portFixAsTownFile } from '../plan/doctor-town-files.js';
import type { DoctorFix, FixResult, IncompleteDirectoryFix, MetadataPortFix, PidFileFix, PortFileFix, StateFileFix } from '../plan/doctor-types.js';
import { moveAsideIncomplete } from './incomplete-databases.js';
import { stopServerProcess } from './stop-server-process.js';
import { writeTownFile } from './town-file-writer.js';

/** The first line of a pid file as a pid (plain, or Gas Town's "PID\nNONCE"); null when it names none. */
function pidIn(text: string): number | null {
  const first = text.trim().split('\n')[0]?.trim() ?? '';
  return /^[1-9][0-9]*$/.test(first) ? Number(first) : null;
}

/** Removes or rewrites a pid file, only while it still names the pid the plan saw. */
function fixPidFile(fix: PidFileFix): string {
  let text: string;
  try {
    text = readFileSync(fix.path, 'utf8');
  } catch {
    return 'already gone';
  }
  if (pidIn(text) !== fix.before) throw new Error(`${fix.path} changed since gt doctor read it; nothing was changed`);
  if (fix.verb === 'remove' || fix.after === null) {
    rmSync(fix.path, { force: true });
    return 'removed';
  }
  writeFileAtomic(fix.path, String(fix.after));
  return `PID ${fix.before ?? 'none'} → ${fix.after}`;
}

/** A stale port written by gt apply's own writer of Gas Town's files (it refuses when the port changed since). */
function fixPort(townRoot: string, fix: PortFileFix | MetadataPortFix): string {
  writeTownFile(townRoot, portFixAsTownFile(townRoot, fix));
  return `${fix.kind === 'port-file' ? 'port' : 'dolt_server_port'} ${fix.before} → ${fix.after}`;
}

function fixStateFile(townRoot: string, fix: StateFileFix): string {
  const state = readServerState(townRoot);
  if (state?.running !== true || (state.pid ?? null) !== fix.before) throw new Error(`${fix.path} changed since gt doctor read it; nothing was changed`);
  if (fix.after === null) {
    patchServerState(townRoot, { running: false, pid: 0 });
    return 'marked stopped (running: false, pid: 0)';
  }
  patchServerState(townRoot, { pid: fix.after });
  return `pid ${fix.before ?? 'none'} → ${fix.after}`;
}

/** Moves the directory aside, after making sure again that no server runs on the data dir (one could be creating it). */
async function moveIncomplete(fix: IncompleteDirectoryFix, source: ProcessSource): Promise<string> {
  const onDataDir = (await findDoltServers(source)).filter((process) => process.dataDir?.path === fix.dataDir);
  if (onDataDir.length > 0) throw new Error(`PID ${onDataDir.map((process) => process.pid).join(', ')} now serves the data dir; nothing was moved`);
  const [moved] = moveAsideIncomplete(fix.dataDir, [fix.database]);
  return moved === undefined ? 'it is no longer incomplete' : `moved to ${moved}`;
}

function run(townRoot: string, fix: DoctorFix, source: ProcessSource): Promise<string> | string {
  switch (fix.kind) {
    case 'stop-server':
      return stopServerProcess(townRoot, fix, source);
    case 'port-file':
    case 'metadata-port':
      return fixPort(townRoot, fix);
    case 'pid-file':
      return fixPidFile(fix);
    case 'state-file':
      return fixStateFile(townRoot, fix);
    case 'incomplete-directory':
      return moveIncomplete(fix, source);
  }
}

/**
 * Executes the doctor's fixes in plan order (servers first, so that a stopped server frees what the file fixes
 * check), each on its own: a failure is reported and the others still run, as none depends on another. The caller
 * holds the applier lock.
 */
export async function executeDoctorFixes(
  townRoot: string,
  fixes: readonly DoctorFix[],
  options: { processSource: ProcessSource; onResult?: (result: FixResult) => void },
): Promise<FixResult[]> {
  const results: FixResult[] = [];
  for (const fix of fixes) {
    const started = performance.now();
    let result: Pick<FixResult, 'status' | 'message'>;
    try {
      result = { status: 'done', message: await run(townRoot, fix, options.processSource) };
    } catch (error) {
      result = { status: 'failed', message: (error as Error).message };
    }
    const done: FixResult = { fix, ...result, durationMs: Math.round(performance.now() - started) };
    results.push(done);
    options.onResult?.(done);
  }
  return results;
}
