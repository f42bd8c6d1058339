import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** A `dolt sql-server` process on this machine, with the facts that say whose it is: never its name or port alone. */
export interface DoltServerProcess {
  pid: number;
  /** Its command line, as the process shows it. */
  command: string;
  /** Its working directory (symlinks resolved); null when gt cannot read it (another user's process). */
  cwd: string | null;
  /** The working directory was deleted after the server started. */
  cwdDeleted: boolean;
  /** The directory it serves and how gt knows (`--data-dir`, its config's `data_dir`, its working directory). */
  dataDir: { path: string; from: string } | null;
  /** The town whose `.dolt-data` that directory is (the directory above it has `mayor/`); null when none. */
  dataDirTown: string | null;
  /** TCP ports it listens on, lowest first. */
  ports: number[];
  /** When it started (ms since the epoch; whole seconds from ps); null when unknown. */
  startedAtMs: number | null;
  /** Files under a `.dolt/` directory it holds open that were deleted since: data nobody else sees any more. */
  deletedDataFiles: string[];
  residentBytes: number | null;
}

/** What Linux appends to the path of an open file (or working directory) that was deleted. */
export const DELETED = ' (deleted)';

/** A path with symlinks resolved when it exists (towns often live under a symlinked /tmp), else as given. */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function optionValue(args: readonly string[], name: string): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1] ?? null;
    if (args[i]?.startsWith(`${name}=`)) return args[i]!.slice(name.length + 1);
  }
  return null;
}

/** `data_dir` of a Dolt config file; undefined when it sets none, null when the file cannot be read. */
function configDataDir(path: string): string | null | undefined {
  try {
    const value: unknown = (parse(readFileSync(path, 'utf8')) as { data_dir?: unknown } | null)?.data_dir;
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return null;
  }
}

/**
 * The directory a `dolt sql-server` serves, as Dolt decides it: `--data-dir`, else its `--config` file's `data_dir`,
 * else its working directory (relative paths are relative to it). Null when that cannot be read.
 */
export function serverDataDir(args: readonly string[], cwd: string | null): DoltServerProcess['dataDir'] {
  const relativeTo = (path: string): string | null => (path.startsWith('/') ? path : cwd === null ? null : resolve(cwd, path));
  const flag = optionValue(args, '--data-dir');
  if (flag !== null) {
    const path = relativeTo(flag);
    return path === null ? null : { path: canonicalPath(path), from: `--data-dir ${flag}` };
  }
  const config = optionValue(args, '--config');
  const configPath = config === null ? null : relativeTo(config);
  if (configPath !== null) {
    const fromConfig = configDataDir(configPath);
    if (fromConfig === null) return null;
    const path = fromConfig === undefined ? null : relativeTo(fromConfig);
    if (path !== null) return { path: canonicalPath(path), from: `data_dir in ${configPath}` };
  }
  return cwd === null ? null : { path: cwd, from: 'its working directory' };
}

/** The town a `.dolt-data` directory belongs to: the directory above it, when that has Gas Town's `mayor/`. */
function townOfDataDir(dataDir: string): string | null {
  if (basename(dataDir) !== '.dolt-data') return null;
  try {
    return statSync(resolve(dirname(dataDir), 'mayor')).isDirectory() ? dirname(dataDir) : null;
  } catch {
    return null;
  }
}

/** What a backend (/proc or lsof) read of one process. */
export interface ProcessReading {
  pid: number;
  args: string[];
  /** As the system reports it, possibly ending in DELETED. */
  cwd: string | null;
  ports: number[];
  startedAtMs: number | null;
  /** Open files that were deleted since they were opened. */
  deleted: string[];
  residentBytes: number | null;
}

/** The facts of one process from what was read of it. */
export function describeProcess(read: ProcessReading): DoltServerProcess {
  const cwdDeleted = read.cwd?.endsWith(DELETED) === true;
  const cwd = read.cwd === null ? null : canonicalPath(cwdDeleted ? read.cwd.slice(0, -DELETED.length) : read.cwd);
  const dataDir = serverDataDir(read.args, cwd);
  return {
    pid: read.pid,
    command: read.args.join(' '),
    cwd,
    cwdDeleted,
    dataDir,
    dataDirTown: dataDir === null ? null : townOfDataDir(dataDir.path),
    ports: read.ports,
    startedAtMs: read.startedAtMs,
    deletedDataFiles: read.deleted.filter((path) => path.includes('/.dolt/')).map((path) => path.replace(DELETED, '')),
    residentBytes: read.residentBytes,
  };
}
