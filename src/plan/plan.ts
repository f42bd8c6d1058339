import type { DesiredDatabase, DesiredState } from '../config/desired.js';
import type { ObservedState } from '../observe/observed.js';
import { planDaemonConfig } from './plan-daemon-config.js';
import { planIgnore, planRemotes } from './plan-database-contents.js';
import { planDatabase, type DatabaseFinding } from './plan-databases.js';
import { planServer, serverError } from './plan-server.js';
import type { Action, BlockedChange, Plan, PlanOptions } from './types.js';

function findDatabase(observed: ObservedState, name: string): DatabaseFinding {
  const served = observed.databases?.find((db) => db.name === name) ?? null;
  return { exists: served !== null || observed.onDisk.includes(name), observed: served };
}

/** Declares anything gt would plan inside the database once it can see it. */
function managesContents(database: DesiredDatabase): boolean {
  return database.remotes !== null || database.ignore.length > 0;
}

function unmanagedDatabases(desired: DesiredState, observed: ObservedState): string[] {
  const declared = new Set(desired.databases.map((db) => db.name));
  const existing = new Set([...(observed.databases ?? []).map((db) => db.name), ...observed.onDisk]);
  return [...existing].filter((name) => !declared.has(name)).sort();
}

/**
 * Pure: the ordered actions that converge the observed town to the desired one (daemon config → server →
 * databases → remotes → ignore patterns), the changes the safety rules block, and what gt must leave alone.
 * A plan with errors has no actions at all: gt must not act on a town it cannot trust (e.g. an imposter on the port).
 */
export function plan(desired: DesiredState, observed: ObservedState, options: PlanOptions): Plan {
  const error = serverError(desired.server, observed.server);
  if (error !== null) return { actions: [], blocked: [], unmanaged: [], notes: [], errors: [error] };

  const { townRoot } = desired;
  const serverUp = observed.databases !== null;
  const databaseActions: Action[] = [];
  const remoteActions: Action[] = [];
  const ignoreActions: Action[] = [];
  const blocked: BlockedChange[] = [];
  /** Declared present, on disk, but not served by the running server. */
  const unserved: string[] = [];
  /** Exist, but their contents cannot be seen: not served. */
  const unseen: string[] = [];
  for (const database of desired.databases) {
    const finding = findDatabase(observed, database.name);
    const planned = planDatabase(townRoot, database, finding, options, serverUp);
    if (planned.action !== null) databaseActions.push(planned.action);
    blocked.push(...planned.blocked);
    if (database.ensure === 'absent') continue;
    if (finding.exists && finding.observed === null) {
      if (serverUp) unserved.push(database.name);
      if (managesContents(database)) unseen.push(database.name);
      continue;
    }
    remoteActions.push(...planRemotes(townRoot, database, finding.observed?.remotes ?? []));
    ignoreActions.push(...planIgnore(townRoot, database, finding.observed?.ignore ?? []));
  }

  const server = planServer(townRoot, desired.server, observed.server, observed.serverConfigText, unserved);
  const notes =
    unseen.length > 0
      ? [
          `${unseen.join(', ')} ${unseen.length === 1 ? 'exists' : 'exist'} on disk but ${unseen.length === 1 ? 'is' : 'are'} ` +
            'not served yet: remotes and ignore patterns there are planned once the server serves them (run gt diff again then)',
        ]
      : [];

  return {
    actions: [
      ...planDaemonConfig(townRoot, observed.daemonConfig),
      ...(server === null ? [] : [server]),
      ...databaseActions,
      ...remoteActions,
      ...ignoreActions,
    ],
    blocked,
    unmanaged: unmanagedDatabases(desired, observed),
    notes,
    errors: [],
  };
}
