import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Dolt writes `.dolt/repo_state.json` last when it creates a database: without it the create never finished. */
function isComplete(dir: string): boolean {
  return existsSync(join(dir, '.dolt', 'repo_state.json')) && !existsSync(join(dir, '.dolt_safe_to_ignore'));
}

/**
 * What an interrupted CREATE DATABASE leaves (the server killed mid-create): the directory holding nothing but a
 * partial `.dolt` and/or Dolt's in-progress marker `.dolt_safe_to_ignore`. Such a directory blocks the name ("database
 * exists"), and one with `.dolt/noms` is even served, broken (every query on it fails).
 */
function isInterruptedCreate(dir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return false;
  }
  return !isComplete(dir) && entries.every((entry) => entry === '.dolt' || entry === '.dolt_safe_to_ignore');
}

function subdirectories(dataDir: string): string[] {
  try {
    return readdirSync(dataDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Databases present in the data dir, known even when the server is down: immediate subdirectories holding a complete
 * `.dolt` (hidden ones such as `.dolt_dropped_databases` and half-created ones are not databases).
 */
export function listDatabasesOnDisk(dataDir: string): string[] {
  return subdirectories(dataDir).filter((name) => isComplete(join(dataDir, name)));
}

/** Directories an interrupted CREATE DATABASE left behind (see isInterruptedCreate), by database name. */
export function listIncompleteDatabases(dataDir: string): string[] {
  return subdirectories(dataDir).filter((name) => isInterruptedCreate(join(dataDir, name)));
}
