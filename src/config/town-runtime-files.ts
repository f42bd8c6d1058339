import { readFileSync } from 'node:fs';
import { diagnostic, wholeFile } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { YamlParseCache } from './yaml-documents.js';
import { townPaths } from '../lib/town-layout.js';

/** Files Gas Town itself writes that feed gt's effective settings; unreadable ones are ignored with a warning. */
export interface TownRuntimeFiles {
  /** `listener.port` of `<town>/.dolt-data/config.yaml`; null when the file or the key is absent. */
  serverConfigPort: number | null;
  /** KEY=VALUE lines of `<town>/daemon/daemon.env`. */
  daemonEnv: Record<string, string>;
  /** `disabled_patrols` of `<town>/settings/config.json`. */
  disabledPatrols: string[];
  diagnostics: Diagnostic[];
}

type Ignore = (path: string, why: string) => void;

export function readTownRuntimeFiles(townRoot: string, yamlCache: YamlParseCache): TownRuntimeFiles {
  const diagnostics: Diagnostic[] = [];
  const ignore: Ignore = (path, why) =>
    diagnostics.push(diagnostic('GT-W063', wholeFile(path), `${why}; gt ignores this file`));
  const paths = townPaths(townRoot);
  return {
    serverConfigPort: serverConfigPort(paths.serverConfigYaml, yamlCache, ignore),
    daemonEnv: envFile(paths.daemonEnvFile, ignore),
    disabledPatrols: disabledPatrols(paths.settingsJson, ignore),
    diagnostics,
  };
}

function serverConfigPort(path: string, yamlCache: YamlParseCache, ignore: Ignore): number | null {
  const text = readOptional(path, ignore);
  if (text === null) return null;
  const parsed = yamlCache.parse(path, text);
  if (parsed.diagnostics.length > 0) {
    ignore(path, 'not valid YAML');
    return null;
  }
  const port: unknown = (parsed.documents[0]?.value as { listener?: { port?: unknown } } | null | undefined)?.listener?.port;
  if (port === undefined) return null;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  ignore(path, `listener.port ${JSON.stringify(port)} is not a port number`);
  return null;
}

function envFile(path: string, ignore: Ignore): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of (readOptional(path, ignore) ?? '').split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    const [, key, value] = match ?? [];
    if (key !== undefined && value !== undefined) values[key] = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

/** `disabled_patrols` of `<town>/settings/config.json` alone (an unreadable file lists none). */
export function readDisabledPatrols(townRoot: string): string[] {
  return disabledPatrols(townPaths(townRoot).settingsJson, () => undefined);
}

function disabledPatrols(path: string, ignore: Ignore): string[] {
  const text = readOptional(path, ignore);
  if (text === null) return [];
  try {
    const list: unknown = (JSON.parse(text) as { disabled_patrols?: unknown } | null)?.disabled_patrols;
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    ignore(path, 'not valid JSON');
    return [];
  }
}

function readOptional(path: string, ignore: Ignore): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (!missing) ignore(path, `cannot be read (${(error as Error).message})`);
    return null;
  }
}
