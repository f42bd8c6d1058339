import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bytes in the files under `path` (symlinks are not followed); 0 when it does not exist. Entries that vanish while
 * it walks (a running server rewrites its files) are skipped.
 */
export function diskUsage(path: string): number {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return 0;
  }
  return entries.reduce((total, entry) => total + diskUsage(join(path, entry)), 0);
}
