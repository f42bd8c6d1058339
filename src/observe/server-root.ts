import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClusterRole } from '../config/desired.js';
import type { ObservedServerRoot, RootSeed } from './observed.js';
import { processEnvironment } from './proc.js';

/**
 * A Dolt root (DOLT_ROOT_PATH) holds `.dolt/config_global.json` (identity, persisted server variables, and for a
 * cluster server its role and epoch) and `.dolt/creds/` (DoltHub keys that pushes to DoltHub remotes use).
 */
export function globalConfigIn(root: string): string {
  return join(root, '.dolt', 'config_global.json');
}

export function credentialsIn(root: string): string {
  return join(root, '.dolt', 'creds');
}

/** The root Dolt takes in a process with this environment: DOLT_ROOT_PATH when set and not empty, else HOME. */
export function doltRootOf(env: Readonly<Record<string, string | undefined>>): string | null {
  const root = env.DOLT_ROOT_PATH || env.HOME;
  return root ? resolve(root) : null;
}

/**
 * Keys that belong to one server: its cluster role and epoch and its uuid. Two servers that share them both come up
 * in the role the last one persisted, so they are never carried into another root.
 */
function belongsToOneServer(key: string): boolean {
  return key.startsWith('sqlserver.cluster.') || key === 'sqlserver.global.server_uuid';
}

/** A root's global config as a JSON object; null when it is absent or does not parse. */
export function readGlobalConfig(root: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(globalConfigIn(root), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The settings of a global config another server may take over: all but the ones that belong to one server. */
export function transferableSettings(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !belongsToOneServer(key)));
}

export function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/** What seeding a root from `from` brings over; null when there is nothing to seed from. */
export function rootSeed(from: string | null, rootPath: string): RootSeed | null {
  if (from === null || resolve(from) === resolve(rootPath)) return null;
  const config = readGlobalConfig(from);
  return {
    from,
    settings: Object.keys(transferableSettings(config ?? {})).sort(),
    credentials: hasEntries(credentialsIn(from)),
  };
}

function persistedRole(config: Record<string, unknown> | null): ObservedServerRoot['persistedRole'] {
  const role = config?.['sqlserver.cluster.dolt_cluster_role'];
  const epoch = Number(config?.['sqlserver.cluster.dolt_cluster_role_epoch']);
  if ((role !== 'primary' && role !== 'standby') || !Number.isInteger(epoch)) return null;
  return { role: role as ClusterRole, epoch };
}

/**
 * The server's root as gt finds it: the root the running server has (from its environment), whether gt's own root
 * exists yet and, if not, what its first start would seed it with (from the running server's root, else from the
 * root gt's own environment gives Dolt), and the cluster role Dolt persisted there.
 */
export function observeServerRoot(rootPath: string, runningPid: number | null, env: NodeJS.ProcessEnv): ObservedServerRoot {
  const serverEnv = runningPid === null ? null : processEnvironment(runningPid);
  const running = serverEnv === null ? null : doltRootOf(serverEnv);
  // a global config gt cannot parse counts as there: gt never writes over a file it could not read
  const initialized = existsSync(globalConfigIn(rootPath));
  const config = readGlobalConfig(rootPath);
  return {
    running,
    initialized,
    seed: initialized ? null : rootSeed(running ?? doltRootOf(env), rootPath),
    persistedRole: persistedRole(config),
  };
}
