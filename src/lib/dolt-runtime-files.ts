import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.js';
import { townPaths } from './town-layout.js';

/**
 * The Dolt server's runtime files under `<town>/daemon/`, in Gas Town's formats (`doltserver.State` and the pid file)
 * so that Gas Town's own `gt dolt status` and gt agree on what runs.
 */

/**
 * The pid in `daemon/dolt.pid`: plain decimal, or Gas Town's daemon format "PID\nNONCE". Null when the file is
 * absent or does not start with a pid.
 */
export function readPidFile(townRoot: string): number | null {
  let text: string;
  try {
    text = readFileSync(townPaths(townRoot).doltPid, 'utf8');
  } catch {
    return null;
  }
  const firstLine = text.trim().split('\n')[0]?.trim() ?? '';
  return /^[1-9][0-9]*$/.test(firstLine) ? Number(firstLine) : null;
}

export function writePidFile(townRoot: string, pid: number): void {
  mkdirSync(townPaths(townRoot).daemonDir, { recursive: true });
  writeFileAtomic(townPaths(townRoot).doltPid, String(pid));
}

export function removePidFile(townRoot: string): void {
  rmSync(townPaths(townRoot).doltPid, { force: true });
}

/** `daemon/dolt-state.json` (Gas Town's `doltserver.State`). */
export interface DoltServerState {
  running: boolean;
  pid: number;
  port: number;
  started_at: string;
  data_dir: string;
  databases: string[];
}

/** The state file's fields; null when it is absent or unreadable. Unknown keys are kept in the returned object. */
export function readServerState(townRoot: string): (Partial<DoltServerState> & Record<string, unknown>) | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(townPaths(townRoot).doltState, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Partial<DoltServerState> & Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Writes the state file atomically, keeping keys another writer (e.g. a newer Gas Town) added. */
export function writeServerState(townRoot: string, state: DoltServerState): void {
  mkdirSync(townPaths(townRoot).daemonDir, { recursive: true });
  const merged = { ...(readServerState(townRoot) ?? {}), ...state };
  writeFileAtomic(townPaths(townRoot).doltState, `${JSON.stringify(merged, null, 2)}\n`);
}

/** Changes some fields of an existing state file, keeping every other (a missing or unreadable file stays as it is). */
export function patchServerState(townRoot: string, patch: Partial<DoltServerState>): void {
  const previous = readServerState(townRoot);
  if (previous === null) return;
  writeFileAtomic(townPaths(townRoot).doltState, `${JSON.stringify({ ...previous, ...patch }, null, 2)}\n`);
}

/** After a stop: no pid file; the state keeps its history but says `running: false, pid: 0` (as Gas Town's Stop). */
export function recordServerStopped(townRoot: string): void {
  removePidFile(townRoot);
  patchServerState(townRoot, { running: false, pid: 0 });
}
