import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes a directory takes on disk, as `du` counts them (allocated blocks), its subdirectories included. */
export function directoryBytes(path: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = join(path, entry.name);
    try {
      total += lstatSync(full).blocks * 512;
    } catch {
      continue; // removed while counting (gc replaces files)
    }
    if (entry.isDirectory()) total += directoryBytes(full);
  }
  return total;
}
