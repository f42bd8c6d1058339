import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Dolt writes `.dolt/repo_state.json` last when it creates a database: without it the create never finished. */
function isComplete(dir: string): boolean {
  return existsSync(join(dir, '.dolt', 'repo_state.json')) && !existsSync(join(dir, '.dolt_safe_to_ignore'));
}

/**
 * What an interrupted CREATE DATABASE leaves (the server killed mid-create): the directory holding nothing but a
 * partial `.dolt` and/or Dolt's in-progress marker `.dolt_safe_to_ignore`. Such a directory blocks the name ("database
 * exists"), and one with `.dolt/noms` is even served, broken (every query on it fails). Asked of incomplete ones only.
 */
function isInterruptedCreate(dir: string): boolean {
  try {
    return readdirSync(dir).every((entry) => entry === '.dolt' || entry === '.dolt_safe_to_ignore');
  } catch {
    return false;
  }
}

export interface DataDirScan {
  /** Databases present, known even when the server is down: immediate subdirectories holding a complete `.dolt`. */
  databases: string[];
  /** Directories an interrupted CREATE DATABASE left behind (see isInterruptedCreate), by database name. */
  incomplete: string[];
}

/** The data dir's databases and half-created ones; hidden directories such as `.dolt_dropped_databases` are neither. */
export function scanDataDir(dataDir: string): DataDirScan {
  const scan: DataDirScan = { databases: [], incomplete: [] };
  let entries;
  try {
    entries = readdirSync(dataDir, { withFileTypes: true });
  } catch {
    return scan;
  }
  const names = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
  for (const name of names.sort()) {
    const dir = join(dataDir, name);
    if (isComplete(dir)) scan.databases.push(name);
    else if (isInterruptedCreate(dir)) scan.incomplete.push(name);
  }
  return scan;
}

export function listDatabasesOnDisk(dataDir: string): string[] {
  return scanDataDir(dataDir).databases;
}

export function listIncompleteDatabases(dataDir: string): string[] {
  return scanDataDir(dataDir).incomplete;
}
