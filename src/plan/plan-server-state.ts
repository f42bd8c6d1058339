import type { JsonObject, JsonValue } from '../lib/json-value.js';
import { townPaths } from '../lib/town-layout.js';
import type { ObservedState } from '../observe/observed.js';
import { relativeToTown } from './source-label.js';
import type { FieldChanges } from './json-fields.js';
import { townFileAction } from './town-file-action.js';
import type { DatabaseAction, TownFileAction } from './types.js';

/**
 * daemon/dolt-state.json's `databases`: Gas Town's `gt dolt status` lists the town's databases from it, and whoever
 * starts the server records them then. gt keeps the list true for the databases it manages: when it creates or drops
 * one, or finds a declared one missing from the list (or a dropped one still in it), it writes what the data dir will
 * hold once this plan's creates and drops are done, so the plan says exactly what it writes. A database someone else
 * created is listed with the next write, but is no drift of its own: gt never acts for an unmanaged database.
 */

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The databases on disk after the plan: those there now, plus the creates, minus the drops (sorted, as Gas Town lists them). */
function databasesAfter(onDisk: readonly string[], databaseActions: readonly DatabaseAction[]): string[] {
  const after = new Set(onDisk);
  for (const action of databaseActions) {
    if (action.verb === 'create') after.add(action.database);
    else after.delete(action.database);
  }
  return [...after].sort(byName);
}

function sameList(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((name, i) => name === b[i]);
}

/** Whether the lists differ in a database a manifest declares (present or absent). */
function differInManaged(recorded: readonly string[], after: readonly string[], managed: ReadonlySet<string>): boolean {
  const ofManaged = (list: readonly string[]) => list.filter((name) => managed.has(name));
  return !sameList(ofManaged(recorded), ofManaged(after));
}

/** A recorded list as it stands in the file (Gas Town leaves an empty one out). */
function recordedDatabases(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((name) => typeof name === 'string') ? [...value] : null;
}

export interface ServerStatePlan {
  action: TownFileAction | null;
  /** Why gt leaves a stale list alone (the file describes a server gt did not start); null otherwise. */
  note: string | null;
}

/** A list in a file that describes another process than the running server, when it is stale: gt leaves it. */
function staleNote(path: string, content: JsonObject, observed: ObservedState, after: readonly string[], managed: ReadonlySet<string>): string | null {
  const listed = recordedDatabases(content.databases);
  if (observed.server.state !== 'running' || (listed !== null && !differInManaged(listed, after, managed))) return null;
  return (
    `${path} describes another server process (pid ${String(content.pid)}) than the one running (pid ${String(observed.server.pid)}), ` +
    'so its database list is not current: gt leaves the file to whoever started the server'
  );
}

/**
 * The update of the recorded databases, when the file is gt's to keep: a server this plan (re)starts records the
 * databases on disk at its start, before the creates that follow it; otherwise the file must describe the running
 * server (its pid). An external server's supervisor, or another one that started the server, keeps its own file.
 */
export function planServerState(
  townRoot: string,
  observed: ObservedState,
  context: { databaseActions: readonly DatabaseAction[]; startsServer: boolean; managed: ReadonlySet<string> },
): ServerStatePlan {
  const { databaseActions, startsServer, managed } = context;
  const state = observed.townFiles?.serverState ?? 'not-observed';
  if (state === 'not-observed') return { action: null, note: null };
  const after = databasesAfter(observed.onDisk, databaseActions);
  const path = relativeToTown(townRoot, townPaths(townRoot).doltState);
  const content = typeof state === 'object' ? state.content : null;
  const server = observed.server;
  const describesServer = content !== null && server.state === 'running' && server.pid !== null && content.pid === server.pid;
  if (!startsServer && !describesServer) return { action: null, note: content === null ? null : staleNote(path, content, observed, after, managed) };
  // what the file holds when the step runs: what the start records, or what the running server's file says now
  const started = [...observed.onDisk].sort(byName);
  const value: JsonValue = startsServer ? started : (content?.databases ?? null);
  const list = startsServer ? started : recordedDatabases(value);
  const changes: FieldChanges =
    list === null || differInManaged(list, after, managed) ? { before: { databases: value }, after: { databases: after } } : { before: {}, after: {} };
  const when = startsServer ? 'the server start in this plan records them before the databases it creates' : 'the server recorded them when it started';
  const reason = () => `Gas Town's gt dolt status lists the databases recorded here, and ${when}; after this plan the data dir holds ${after.length}`;
  return { action: townFileAction({ path, role: 'server-state', exists: true }, changes, reason), note: null };
}
