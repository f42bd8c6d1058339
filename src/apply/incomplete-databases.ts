import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { listIncompleteDatabases } from '../observe/databases-on-disk.js';

/** Where incomplete database directories go: hidden, so neither Dolt nor gt takes anything in it for a database. */
export const INCOMPLETE_DIR = '.gt-incomplete';

/**
 * Moves the directories an interrupted CREATE DATABASE left for any of `names` out of the way, to
 * `<data_dir>/.gt-incomplete/<name>-<time>`, so the database can be created. Moved, never deleted: what an operator
 * finds there is theirs to look at. Call it only while no server runs on the data dir (one could be creating it).
 * Returns the new paths.
 */
export function moveAsideIncomplete(dataDir: string, names: readonly string[]): string[] {
  const moved: string[] = [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const name of listIncompleteDatabases(dataDir).filter((found) => names.includes(found))) {
    const target = join(dataDir, INCOMPLETE_DIR, `${name}-${stamp}`);
    mkdirSync(join(dataDir, INCOMPLETE_DIR), { recursive: true });
    renameSync(join(dataDir, name), target);
    moved.push(target);
  }
  return moved;
}
