import { existsSync, readFileSync } from 'node:fs';
import { readServerState } from '../lib/dolt-runtime-files.js';
import { isProcessAlive } from '../lib/process.js';
import { beadsFiles, rigPaths, townPaths } from '../lib/town-layout.js';
import { processArgs } from './proc.js';

/**
 * The files that tell agents and Gas Town where the server is and whether it runs, as they are on disk: bd's port
 * files, the ports in metadata.json, and the pid and state files. Read only when they exist (a converged town has
 * few), so a 100-rig town costs two existence checks per rig.
 */

/** A file naming a port (bd's `dolt-server.port`, Gas Town's `daemon/dolt.port`): the decimal port, alone. */
export interface PortFileFact {
  path: string;
  /** Null when the file holds no port number. */
  port: number | null;
}

/** A metadata.json with a `dolt_server_port` field (bd's fallback, Gas Town's EnsureMetadata). */
export interface MetadataPortFact {
  path: string;
  /** The field's value as written (a number when it is one). */
  port: unknown;
}

/** A file that names a process by pid. */
export interface PidFileFact {
  path: string;
  /** Null when the file names no pid. */
  pid: number | null;
  alive: boolean;
  /** The live process's command line (null when it is gone or cannot be read): whether it is still the one named. */
  command: string[] | null;
}

export interface TownFileFacts {
  portFiles: PortFileFact[];
  metadataPorts: MetadataPortFact[];
  /** `daemon/dolt.pid` (the first line: plain, or Gas Town's "PID\nNONCE"). */
  doltPid: PidFileFact | null;
  /** `daemon/dolt-state.json` when it says `running: true`. */
  doltStateRunning: PidFileFact | null;
  /** `daemon/gt-reconciler.pid`, gt's daemon. */
  daemonPid: PidFileFact | null;
  /** bd's `dolt-server.pid` files in the beads directories. */
  bdPids: PidFileFact[];
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function numberIn(text: string, max: number): number | null {
  const trimmed = text.trim();
  const value = /^[0-9]{1,10}$/.test(trimmed) ? Number(trimmed) : NaN;
  return value >= 1 && value <= max ? value : null;
}

function pidFile(path: string, firstLineOnly = false): PidFileFact | null {
  const text = readText(path);
  if (text === null) return null;
  return namedProcess(path, numberIn(firstLineOnly ? (text.trim().split('\n')[0] ?? '') : text, 2 ** 22));
}

function namedProcess(path: string, pid: number | null): PidFileFact {
  const alive = pid !== null && isProcessAlive(pid);
  return { path, pid, alive, command: alive ? processArgs(pid) : null };
}

function portFile(path: string): PortFileFact | null {
  const text = readText(path);
  return text === null ? null : { path, port: numberIn(text, 65535) };
}

function metadataPort(path: string): MetadataPortFact | null {
  const text = readText(path);
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const port = (parsed as { dolt_server_port?: unknown } | null)?.dolt_server_port;
    return port === undefined ? null : { path, port };
  } catch {
    return null; // not JSON: bd and Gas Town report it; the doctor only looks at ports
  }
}

function stateRunning(townRoot: string): PidFileFact | null {
  const state = readServerState(townRoot);
  if (state?.running !== true) return null;
  const pid = typeof state.pid === 'number' && Number.isInteger(state.pid) && state.pid > 0 ? state.pid : null;
  return namedProcess(townPaths(townRoot).doltState, pid);
}

const present = <T>(value: T | null): value is T => value !== null;

/**
 * The beads directories bd and Gas Town read in a town: the town's (hq's), then each rig's own and its mayor clone's
 * (which Gas Town prefers when it exists). All are looked in: a stale file in either misleads whoever reads it.
 */
function townBeadsDirs(townRoot: string, rigs: readonly string[]): string[] {
  const rigDirs = rigs.map((rig) => rigPaths(townRoot, rig)).flatMap((rig) => [rig.beadsDir, rig.mayorCloneBeadsDir]);
  return [townPaths(townRoot).townBeadsDir, ...rigDirs];
}

/** The town's port, pid and state files; `rigs` are the rigs whose beads directories to look in. */
export function readTownFileFacts(townRoot: string, rigs: readonly string[]): TownFileFacts {
  const paths = townPaths(townRoot);
  const files = townBeadsDirs(townRoot, rigs).filter((dir) => existsSync(dir)).map(beadsFiles);
  return {
    portFiles: [...files.map((file) => file.portFile), paths.dataDirPortFile, paths.daemonPortFile].map(portFile).filter(present),
    metadataPorts: files.map((file) => metadataPort(file.metadataJson)).filter(present),
    doltPid: pidFile(paths.doltPid, true),
    doltStateRunning: stateRunning(townRoot),
    daemonPid: pidFile(paths.reconcilerPid),
    bdPids: files.map((file) => pidFile(file.pidFile)).filter(present),
  };
}
