import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gtCacheRoot } from './cache-root.js';
import { isExecutableFile } from './executable.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DoltPin {
  module: string;
  moduleVersion: string;
  version: string;
}

/** The pinned Dolt, from scripts/dolt-pin.env (shared with scripts/ensure-dolt.sh). */
export function readDoltPin(): DoltPin {
  const text = readFileSync(join(packageRoot, 'scripts', 'dolt-pin.env'), 'utf8');
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) values.set(match[1], match[2]);
  }
  const get = (key: string): string => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`scripts/dolt-pin.env has no ${key}`);
    return value;
  };
  return { module: get('DOLT_MODULE'), moduleVersion: get('DOLT_MODULE_VERSION'), version: get('DOLT_VERSION') };
}

/**
 * The dolt binary gt runs: $GT_DOLT_BIN, else the one scripts/ensure-dolt.sh built into its cache, else `dolt` on PATH.
 */
export function doltBinary(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GT_DOLT_BIN) return env.GT_DOLT_BIN;
  const cacheRoot = env.GT_DOLT_CACHE || gtCacheRoot(env);
  const cached = join(cacheRoot, `dolt-${readDoltPin().moduleVersion}`, 'bin', 'dolt');
  return isExecutableFile(cached) ? cached : 'dolt';
}
