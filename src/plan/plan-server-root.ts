import type { ServerSettings } from '../config/desired.js';
import type { ServerConfigSettings } from '../config/server-config-yaml.js';
import type { ObservedServerRoot, RootSeed } from '../observe/observed.js';
import { relativeToTown } from './source-label.js';

/** The root a server runs with, as one more of its settings: a difference restarts it like a config.yaml change. */
export function rootSetting(rootPath: string): ServerConfigSettings {
  return { 'env.DOLT_ROOT_PATH': rootPath };
}

const LISTED_SETTINGS = 4;

function describeSeed(townRoot: string, seed: RootSeed): string {
  const root = relativeToTown(townRoot, seed.from);
  const names = seed.settings.slice(0, LISTED_SETTINGS).join(', ');
  const more = seed.settings.length > LISTED_SETTINGS ? ` and ${seed.settings.length - LISTED_SETTINGS} more` : '';
  const copied =
    seed.settings.length === 0
      ? `${root} has no global settings to copy`
      : `it copies ${names}${more} from ${root}/.dolt/config_global.json (never a cluster role, epoch or server uuid: those are one server's)`;
  const credentials = seed.credentials ? `, and links .dolt/creds to ${root}/.dolt/creds so that pushes to DoltHub keep their credentials` : '';
  return `${copied}${credentials}`;
}

/** What the first start with the server's own root does to it; null when it exists already. */
export function seedReason(townRoot: string, server: ServerSettings, root: ObservedServerRoot): string | null {
  if (root.initialized) return null;
  const own = relativeToTown(townRoot, server.rootPath.value);
  if (root.seed === null) return `apply creates the server's own root ${own} (DOLT_ROOT_PATH), with an empty global config`;
  return `apply creates the server's own root ${own} (DOLT_ROOT_PATH): ${describeSeed(townRoot, root.seed)}`;
}

/**
 * Why a server that runs with another root moves to its own: with a shared root every server on the account persists
 * its cluster role into the same global config (and then boots in another's role).
 */
export function rootReason(townRoot: string, server: ServerSettings, root: ObservedServerRoot): string {
  const from = root.running ?? 'an unknown root';
  const own = relativeToTown(townRoot, server.rootPath.value);
  const moving =
    `the server runs with DOLT_ROOT_PATH ${from}, whose global config and credentials every dolt of that account shares; ` +
    `gt gives it its own, ${own}`;
  return `${moving}: ${seedReason(townRoot, server, root) ?? `${own} exists already, so nothing is copied into it`}`;
}
