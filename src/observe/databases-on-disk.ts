import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Databases present in the data dir, known even when the server is down: immediate subdirectories holding a
 * `.dolt` (hidden ones such as `.dolt_dropped_databases` and half-created ones are not databases).
 */
export function listDatabasesOnDisk(dataDir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dataDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .filter((entry) => existsSync(join(dataDir, entry.name, '.dolt')))
    .filter((entry) => !existsSync(join(dataDir, entry.name, '.dolt_safe_to_ignore')))
    .map((entry) => entry.name)
    .sort();
}
