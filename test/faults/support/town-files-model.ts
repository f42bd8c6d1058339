/**
 * A pure model of Gas Town's registry and beads files for the planner's property tests: what observation reports
 * from them, and the effect each town-file action has (the one src/apply/town-file-writer.ts gives it on disk).
 */
import fc from 'fast-check';
import type { DesiredState } from '../../../src/config/desired.js';
import type { JsonObject, JsonValue } from '../../../src/lib/json-value.js';
import type { ObservedRigFiles, ObservedRoute, ObservedTownFiles } from '../../../src/observe/observed.js';
import type { TownFileAction } from '../../../src/plan/types.js';

export interface LiveFiles {
  /** JSON files by path relative to the town root. */
  json: Record<string, JsonObject>;
  /** routes.jsonl's lines; null when the file does not exist. */
  routes: ObservedRoute[] | null;
  /** bd port files by path. */
  ports: Record<string, number>;
  /** daemon/dolt-state.json; null when absent. */
  state: JsonObject | null;
}

const TOWN_PORT_FILES = ['.beads/dolt-server.port', '.dolt-data/.beads/dolt-server.port', 'daemon/dolt.port'];

/** Another rig Gas Town registered, which no manifest declares: its entry must survive every write untouched. */
export const OTHER_RIG_ENTRY: JsonObject = { git_url: 'git@example.com:o/other.git', added_at: '2026-01-01T00:00:00Z', x_note: 'kept' };

/** Files a town may start with: none, or drifted ones that carry unknown fields and another rig's entry. */
export const liveFilesArb: fc.Arbitrary<LiveFiles> = fc.record({
  drift: fc.boolean(),
  stalePort: fc.constantFrom(3399, 3317),
  wrongPrefix: fc.boolean(),
}).map(({ drift, stalePort, wrongPrefix }): LiveFiles => {
  if (!drift) return { json: {}, routes: null, ports: {}, state: null };
  return {
    json: {
      'mayor/town.json': { name: 'elsewhere', x_owner: 'ops@example.com' },
      'mayor/rigs.json': { version: 1, x_extra: [1, 2], rigs: { other: OTHER_RIG_ENTRY, wyvern: { beads: wrongPrefix ? { prefix: 'zz' } : null } } },
      '.beads/metadata.json': { dolt_database: 'hq', dolt_server_port: stalePort, x_bd: true },
      'other/.beads/metadata.json': { dolt_database: 'other', dolt_server_port: stalePort },
    },
    routes: [{ prefix: 'zz-', path: 'legacy' }, { prefix: 'hq-', path: 'moved' }],
    ports: { '.beads/dolt-server.port': stalePort, 'other/.beads/dolt-server.port': stalePort, 'wyvern/.beads/dolt-server.port': stalePort },
    state: null,
  };
});

function rigFiles(files: LiveFiles, rig: string, declared: boolean): ObservedRigFiles {
  const json = (path: string) => ({ path, content: files.json[path] ?? null });
  return {
    config: declared ? json(`${rig}/config.json`) : null,
    beadsDir: `${rig}/.beads`,
    mayorClone: false,
    metadata: json(`${rig}/.beads/metadata.json`),
    portFiles: Object.entries(files.ports).filter(([path]) => path.startsWith(`${rig}/`)).map(([path, port]) => ({ path, port })),
  };
}

/** What observation reports of the files. */
export function observeFiles(files: LiveFiles, desired: DesiredState): ObservedTownFiles {
  const json = (path: string) => ({ path, content: files.json[path] ?? null });
  const declared = desired.databases.filter((db) => db.kind === 'Rig' && db.ensure === 'present').map((db) => db.rig);
  const registered = Object.keys((files.json['mayor/rigs.json']?.rigs as JsonObject | undefined) ?? {});
  const others = registered.filter((rig) => !declared.includes(rig));
  return {
    town: json('mayor/town.json'),
    rigs: json('mayor/rigs.json'),
    hqMetadata: json('.beads/metadata.json'),
    routes: { path: '.beads/routes.jsonl', exists: files.routes !== null, routes: [...(files.routes ?? [])] },
    portFiles: TOWN_PORT_FILES.filter((path) => path in files.ports).map((path) => ({ path, port: files.ports[path] as number })),
    rigFiles: Object.fromEntries([...declared.map((rig) => [rig, rigFiles(files, rig, true)]), ...others.map((rig) => [rig, rigFiles(files, rig, false)])]),
    serverState: desired.server.external.value ? 'not-observed' : files.state === null ? 'absent' : { content: files.state },
  };
}

function setPath(target: JsonObject, key: string, value: JsonValue): void {
  const segments = key.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const child = node[segment];
    node = typeof child === 'object' && child !== null && !Array.isArray(child) ? child : (node[segment] = {});
  }
  node[segments[segments.length - 1] as string] = structuredClone(value);
}

/** The effect of one town-file action. */
export function applyTownFileAction(files: LiveFiles, action: TownFileAction): void {
  if (action.role === 'routes') {
    const routes = files.routes ?? [];
    for (const [prefix, path] of Object.entries(action.after)) {
      const found = routes.find((route) => route.prefix === prefix);
      if (found) found.path = path as string;
      else routes.push({ prefix, path: path as string });
    }
    files.routes = routes;
  } else if (action.role === 'port') {
    files.ports[action.path] = action.after.port as number;
  } else if (action.role === 'server-state') {
    if (files.state === null) throw new Error('the plan updates daemon/dolt-state.json, which no server start wrote');
    for (const [key, value] of Object.entries(action.after)) setPath(files.state, key, value);
  } else {
    const content = files.json[action.path] ?? {};
    for (const [key, value] of Object.entries(action.after)) setPath(content, key, value);
    files.json[action.path] = content;
  }
}
