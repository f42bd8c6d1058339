import { readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diskUsage } from './disk-usage.js';

/**
 * How big the town's storage is on disk now, read from the files (Dolt has no SQL for sizes): every database's
 * directory and chunk journal, the data dir's hidden directories (dropped databases Dolt keeps restorable, the
 * leftovers gt moved aside), the free space of its filesystem, and the daemon directory with its logs.
 */

/** Dolt's chunk journal in a database (`.dolt/noms/` and 32 'v'): it grows with every write until a GC. */
const JOURNAL = join('.dolt', 'noms', 'v'.repeat(32));
const MANIFEST = join('.dolt', 'noms', 'manifest');

export interface DatabaseUsage {
  name: string;
  bytes: number;
  journalBytes: number;
  /** When its store last changed (the noms manifest's mtime; a commit or a working-set write); null when unknown. */
  lastWrittenAt: string | null;
}

export interface EntryUsage {
  name: string;
  bytes: number;
}

export interface StorageUsage {
  dataDirBytes: number;
  /** The data dir's databases, by name. */
  databases: DatabaseUsage[];
  /** Its hidden directories (`.dolt_dropped_databases`, `.gt-incomplete`, …) with their sizes. */
  hidden: EntryUsage[];
  /** The filesystem holding the data dir; null when it cannot be read. */
  filesystem: { freeBytes: number; totalBytes: number } | null;
  daemonDirBytes: number;
  /** The daemon directory's entries, largest first. */
  daemonDir: EntryUsage[];
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function modifiedAt(path: string): string | null {
  try {
    return statSync(path).mtime.toISOString();
  } catch {
    return null;
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function filesystemOf(path: string): StorageUsage['filesystem'] {
  try {
    const fs = statfsSync(path);
    return { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
  } catch {
    return null;
  }
}

/** The sizes of the data dir (whose complete databases are `databases`) and of the daemon directory. */
export function readStorageUsage(dataDir: string, databases: readonly string[], daemonDir: string): StorageUsage {
  const isDatabase = new Set(databases);
  const usage: StorageUsage = { dataDirBytes: 0, databases: [], hidden: [], filesystem: filesystemOf(dataDir), daemonDirBytes: 0, daemonDir: [] };
  for (const name of entries(dataDir)) {
    const path = join(dataDir, name);
    const bytes = diskUsage(path);
    usage.dataDirBytes += bytes;
    if (isDatabase.has(name)) {
      usage.databases.push({ name, bytes, journalBytes: fileSize(join(path, JOURNAL)), lastWrittenAt: modifiedAt(join(path, MANIFEST)) });
    } else if (name.startsWith('.')) {
      usage.hidden.push({ name, bytes });
    }
  }
  usage.daemonDir = entries(daemonDir)
    .map((name) => ({ name, bytes: diskUsage(join(daemonDir, name)) }))
    .sort((a, b) => b.bytes - a.bytes);
  usage.daemonDirBytes = usage.daemonDir.reduce((total, entry) => total + entry.bytes, 0);
  return usage;
}
