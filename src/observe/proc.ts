import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * Linux process facts straight from /proc: who listens on a TCP port, a process's arguments and working directory.
 * Reading /proc takes a few milliseconds and needs no external tool (lsof, ss) on PATH.
 */

export interface PortListener {
  /** Local address as the kernel reports it, e.g. "127.0.0.1", "0.0.0.0", "::". */
  address: string;
  /** Owner of the listening socket; null when its /proc/<pid>/fd is not readable (another user's process). */
  pid: number | null;
}

const TCP_LISTEN = '0A';

function hostOrderBytes(hex: string): string[] {
  const bytes = hex.match(/../g) ?? [];
  return endianness() === 'LE' ? bytes.reverse() : bytes;
}

/** /proc/net/tcp{,6} print addresses as 32-bit words in host byte order. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) return hostOrderBytes(hex).map((byte) => parseInt(byte, 16)).join('.');
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap(hostOrderBytes);
  if (bytes.slice(0, 10).every((b) => b === '00') && bytes[10] === 'FF' && bytes[11] === 'FF') {
    return bytes.slice(12).map((byte) => parseInt(byte, 16)).join('.'); // IPv4-mapped
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(parseInt(`${bytes[i]}${bytes[i + 1]}`, 16).toString(16));
  return groups.join(':').replace(/^0(:0)+$/, '::');
}

interface ListeningSocket {
  address: string;
  port: number;
}

/** Every listening TCP socket of the machine, as socket inode → local address and port. */
function listeningSockets(): Map<string, ListeningSocket> {
  const sockets = new Map<string, ListeningSocket>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // no IPv6 in this kernel
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [addressHex, portHex] = (fields[1] ?? '').split(':');
      const inode = fields[9];
      if (fields[3] !== TCP_LISTEN || addressHex === undefined || inode === undefined) continue;
      sockets.set(inode, { address: decodeAddress(addressHex), port: parseInt(portHex ?? '', 16) });
    }
  }
  return sockets;
}

function numericEntries(dir: string): number[] {
  try {
    return readdirSync(dir).filter((name) => /^[0-9]+$/.test(name)).map(Number);
  } catch {
    return [];
  }
}

/** What each open file descriptor of the process points at (`socket:[inode]` for a socket); empty when unreadable. */
export function descriptorTargets(pid: number): string[] {
  const targets: string[] = [];
  for (const fd of numericEntries(`/proc/${pid}/fd`)) {
    try {
      targets.push(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      // closed meanwhile
    }
  }
  return targets;
}

/** Which process holds each socket inode: `likelyPids` are looked at first, then every process. */
function socketOwners(inodes: Set<string>, likelyPids: number[]): Map<string, number> {
  const owners = new Map<string, number>();
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const pid of [...likelyPids, ...numericEntries('/proc')]) {
    for (const target of descriptorTargets(pid)) {
      if (wanted.has(target)) {
        owners.set(target.slice('socket:['.length, -1), pid);
        wanted.delete(target);
        if (wanted.size === 0) return owners;
      }
    }
  }
  return owners;
}

/** Every process listening on TCP `port`, on any local address (a listener on any of them keeps Dolt off the port). */
export function findPortListeners(port: number, likelyPids: number[] = []): PortListener[] {
  const sockets = [...listeningSockets()].filter(([, socket]) => socket.port === port);
  const owners = socketOwners(new Set(sockets.map(([inode]) => inode)), likelyPids);
  return sockets.map(([inode, { address }]) => ({ address, pid: owners.get(inode) ?? null }));
}

function portsIn(targets: readonly string[], sockets: Map<string, ListeningSocket>): number[] {
  const ports = new Set<number>();
  for (const target of targets) {
    const socket = sockets.get(target.slice('socket:['.length, -1));
    if (target.startsWith('socket:[') && socket !== undefined) ports.add(socket.port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** The TCP ports process `pid` listens on (none when its /proc/<pid>/fd is not readable), lowest first. */
export function listeningPortsOf(pid: number): number[] {
  return portsIn(descriptorTargets(pid), listeningSockets());
}

/** The TCP ports each process listens on, from one read of the socket tables; `targets` are its descriptorTargets. */
export function listeningPortsByPid(targets: ReadonlyMap<number, readonly string[]>): Map<number, number[]> {
  const sockets = listeningSockets();
  return new Map([...targets].map(([pid, pidTargets]) => [pid, portsIn(pidTargets, sockets)]));
}

/** Whether this system has /proc (Linux); elsewhere process facts come from lsof and ps. */
export function hasProcFilesystem(): boolean {
  return existsSync('/proc/self/stat');
}

/** Every process /proc lists now. */
export function processIds(): number[] {
  return numericEntries('/proc');
}

/** Resident memory in bytes (VmRSS), or null when unknown. */
export function residentBytes(pid: number): number | null {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

/** The process's argv, or null when it is gone or unreadable. */
export function processArgs(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.length === 0 ? null : raw.replace(/\0$/, '').split('\0');
  } catch {
    return null;
  }
}

export function processCwd(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/** The process's environment as it was started with, or null when it is gone or unreadable (another user's). */
export function processEnvironment(pid: number): Record<string, string> | null {
  try {
    const raw = readFileSync(`/proc/${pid}/environ`, 'utf8');
    const entries = raw.split('\0').filter((entry) => entry.includes('='));
    return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  } catch {
    return null;
  }
}
