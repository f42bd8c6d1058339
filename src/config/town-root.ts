import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { townPaths } from '../lib/town-layout.js';
import { diagnostic, wholeFile } from './diagnostic-codes.js';
import { ConfigError } from './diagnostics.js';

export interface TownRootOptions {
  /** --town, relative to cwd. */
  town?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * The town root: --town, then $GT_TOWN_ROOT, then the nearest ancestor of cwd whose mayor/ holds town config
 * (daemon.json, town.json or rigs.d/). A bare mayor/ is not enough while searching: every rig has a `<rig>/mayor/rig`
 * clone, so from inside a rig the nearest mayor/ is the rig's, not the town's.
 */
export function findTownRoot(options: TownRootOptions): string {
  const explicit = options.town ?? options.env.GT_TOWN_ROOT;
  if (explicit !== undefined && explicit !== '') {
    const root = resolve(options.cwd, explicit);
    const origin = options.town !== undefined ? '--town' : 'GT_TOWN_ROOT';
    if (!isDirectory(root)) fail(root, `${origin} ${explicit}: no such directory`);
    if (!isDirectory(townPaths(root).mayorDir)) {
      fail(
        root,
        `${origin} ${explicit}: not a town root (it has no mayor/ directory); \`gt init ${explicit}\` creates a town config there`,
      );
    }
    return root;
  }
  for (let dir = resolve(options.cwd); ; dir = dirname(dir)) {
    if (isTownRoot(dir)) return dir;
    if (dirname(dir) === dir) break;
  }
  return fail(
    resolve(options.cwd),
    'no town found: neither this directory nor any parent has a mayor/ directory with daemon.json, town.json or rigs.d/; pass --town DIR or set GT_TOWN_ROOT (`gt init DIR` creates a town config)',
  );
}

function isTownRoot(dir: string): boolean {
  const paths = townPaths(dir);
  return [paths.daemonJson, paths.townJson, paths.rigsDir].some((path) => existsSync(path));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function fail(path: string, message: string): never {
  throw new ConfigError([diagnostic('GT-E001', wholeFile(path), message)]);
}
