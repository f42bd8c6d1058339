import { execa } from 'execa';
import { isDoltServerCommand } from '../lib/process.js';
import { describeProcess, type DoltServerProcess } from './dolt-process-facts.js';

/**
 * The process facts where there is no /proc (macOS): `ps` for the command line, start time and memory, `lsof` for the
 * working directory, the listening ports and the open files whose last link is gone (`+L1`: deleted since opened).
 * Both run in the C locale so that the start time reads the same everywhere. A command line is read back split at
 * spaces: a path with a space in it is seen cut (Linux's /proc keeps the arguments apart).
 */

interface PsRow {
  pid: number;
  residentBytes: number | null;
  startedAtMs: number | null;
  args: string[];
}

const C_LOCALE = { LC_ALL: 'C', LANG: 'C' };

/** `pid rss lstart(5 words) args…` lines of ps; the start time is local time to the second. */
function parsePs(stdout: string): PsRow[] {
  const rows: PsRow[] = [];
  for (const line of stdout.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words.length < 8) continue;
    const [pid, rss] = words;
    const started = Date.parse(words.slice(2, 7).join(' '));
    rows.push({
      pid: Number(pid),
      residentBytes: Number.isFinite(Number(rss)) ? Number(rss) * 1024 : null,
      startedAtMs: Number.isNaN(started) ? null : started,
      args: words.slice(7),
    });
  }
  return rows.filter((row) => Number.isInteger(row.pid) && row.pid > 0);
}

/** Runs a tool whose non-zero exit only means "found nothing"; a tool that is not installed is an error that says so. */
async function outputOf(tool: 'ps' | 'lsof', args: readonly string[]): Promise<string> {
  const result = await execa(tool, args, { reject: false, env: C_LOCALE });
  if ((result as { code?: string }).code === 'ENOENT') throw new Error(`${tool} is not installed (gt reads processes with ps and lsof where there is no /proc)`);
  return result.stdout;
}

async function psRows(pids: readonly number[] | null): Promise<PsRow[]> {
  const which = pids === null ? ['-ax'] : ['-p', pids.join(',')];
  return parsePs(await outputOf('ps', [...which, '-ww', '-o', 'pid=,rss=,lstart=,args=']));
}

/** lsof's `-F pn` output as name fields by pid (a `p` line starts a process, each `n` line names one of its files). */
function parseLsofNames(stdout: string): Map<number, string[]> {
  const names = new Map<number, string[]>();
  let pid: number | null = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('p')) {
      pid = Number(line.slice(1));
      names.set(pid, names.get(pid) ?? []);
    } else if (line.startsWith('n') && pid !== null) {
      names.get(pid)?.push(line.slice(1));
    }
  }
  return names;
}

/** lsof for the given processes and selection; exit 1 only means it found nothing. */
async function lsofNames(pids: readonly number[], selection: readonly string[]): Promise<Map<number, string[]>> {
  return parseLsofNames(await outputOf('lsof', ['-a', '-p', pids.join(','), ...selection, '-n', '-P', '-F', 'pn']));
}

/** `127.0.0.1:3307`, `*:3307`, `[::1]:3307` → 3307. */
function portOf(name: string): number | null {
  const port = Number(name.slice(name.lastIndexOf(':') + 1));
  return Number.isInteger(port) && port > 0 ? port : null;
}

async function describeRows(rows: readonly PsRow[]): Promise<DoltServerProcess[]> {
  const servers = rows.filter((row) => isDoltServerCommand(row.args));
  if (servers.length === 0) return [];
  const pids = servers.map((row) => row.pid);
  const [cwds, listeners, deleted] = await Promise.all([
    lsofNames(pids, ['-d', 'cwd']),
    lsofNames(pids, ['-iTCP', '-sTCP:LISTEN']),
    lsofNames(pids, ['+L1']),
  ]);
  return servers.map((row) => {
    const ports = (listeners.get(row.pid) ?? []).map(portOf).filter((port): port is number => port !== null);
    return describeProcess({
      pid: row.pid,
      args: row.args,
      cwd: cwds.get(row.pid)?.[0] ?? null,
      ports: [...new Set(ports)].sort((a, b) => a - b),
      startedAtMs: row.startedAtMs,
      deleted: deleted.get(row.pid) ?? [],
      residentBytes: row.residentBytes,
    });
  });
}

export async function findDoltServersWithLsof(): Promise<DoltServerProcess[]> {
  return describeRows(await psRows(null));
}

export async function inspectWithLsof(pid: number): Promise<DoltServerProcess | null> {
  return (await describeRows(await psRows([pid])))[0] ?? null;
}
