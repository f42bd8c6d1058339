import { join } from 'node:path';
import type { DesiredDatabase, DesiredState } from '../config/desired.js';
import type { ObservedRemote, ObservedState } from '../observe/observed.js';
import { planBeads, type BeadsState } from './plan-beads.js';
import { planDaemonConfig } from './plan-daemon-config.js';
import { planIgnore, planRemotes, undeclaredIgnoreNote } from './plan-database-contents.js';
import { planDatabase, type DatabaseFinding } from './plan-databases.js';
import { planLifecycle } from './plan-lifecycle.js';
import { planLifecyclePatrols } from './plan-lifecycle-patrols.js';
import { planLedger } from './plan-ledger.js';
import { planServer, serverError } from './plan-server.js';
import { effectiveRole, firstJoinAsStandby, holdOnStandby, standbyNote, type EffectiveRole } from './plan-standby.js';
import { planSync } from './plan-sync.js';
import { blockedByGasTown, planSupervisorSettings, supervisorNote } from './plan-supervisor.js';
import { gtSupervises } from '../config/server-settings.js';
import { planTownFiles } from './plan-town-files.js';
import { relativeToTown } from './source-label.js';
import type { Action, BlockedChange, DatabaseAction, Plan, PlanOptions } from './types.js';

/** Finds declared databases among the observed ones by name (a town has hundreds). */
function databaseFinder(desired: DesiredState, observed: ObservedState): (name: string) => DatabaseFinding {
  const served = new Map((observed.databases ?? []).map((db) => [db.name, db]));
  const onDisk = new Set(observed.onDisk);
  const incomplete = new Set(observed.incomplete);
  return (name) => {
    const found = served.get(name) ?? null;
    const incompleteDir = incomplete.has(name) ? relativeToTown(desired.townRoot, join(desired.server.dataDir.value, name)) : null;
    return { exists: found !== null || onDisk.has(name), observed: found, incompleteDir };
  };
}

/** Leftovers of interrupted creates no manifest declares: not databases, and not gt's to move. */
function undeclaredIncompleteNotes(desired: DesiredState, observed: ObservedState): string[] {
  const declared = new Set(desired.databases.filter((db) => db.ensure === 'present').map((db) => db.name));
  return observed.incomplete
    .filter((name) => !declared.has(name))
    .map(
      (name) =>
        `${relativeToTown(desired.townRoot, join(desired.server.dataDir.value, name))} is an incomplete database directory ` +
        `left by an interrupted create; no manifest declares ${name}, so gt leaves it alone`,
    );
}

/** The data dir of a server gt does not supervise holds what an interrupted create left: only its supervisor can clear it. */
function incompleteUnsupervised(database: DesiredDatabase, incompleteDir: string, supervisor: string): BlockedChange {
  return {
    id: `database/${database.name}`,
    verb: 'create',
    code: 'incomplete-directory',
    reason: `${incompleteDir} is an incomplete directory left by an interrupted create, and gt never restarts ${supervisor} to move it aside`,
    hint: `move ${incompleteDir} out of the data dir and restart the server; then gt creates ${database.name}`,
  };
}

/** Declared databases on disk that a server gt does not supervise does not serve: its next restart loads them. */
function unservedUnsupervisedNote(unserved: string[], supervisor: string): string {
  const names = unserved.join(', ');
  const one = unserved.length === 1;
  return `${names} ${one ? 'is' : 'are'} on disk but not served, and gt never restarts ${supervisor}: the next restart loads ${one ? 'it' : 'them'}`;
}

/** How a plan names a server gt does not supervise. */
function unsupervisedServer(desired: DesiredState): string {
  return desired.server.supervisor.value === 'gastown' ? "the server Gas Town's daemon supervises" : 'an external server';
}

/** Why the contents of databases on disk were not planned: the server is down, or does not serve them yet. */
function unseenNote(unseen: string[], serverUp: boolean): string {
  const names = unseen.join(', ');
  const later = 'remotes and ignore patterns there are planned once the server serves them (run gt diff again then)';
  if (!serverUp) return `the server is not running, so ${names} ${unseen.length === 1 ? 'is' : 'are'} not served: ${later}`;
  return `${names} ${unseen.length === 1 ? 'exists' : 'exist'} on disk but ${unseen.length === 1 ? 'is' : 'are'} not served yet: ${later}`;
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

/** What planning every declared database found: its actions by kind, and what the server and the notes need to know. */
interface DatabasesPlan {
  databaseActions: Action[];
  remoteActions: Action[];
  ignoreActions: Action[];
  blocked: BlockedChange[];
  /** Declared present, on disk, but not served by the running server. */
  unserved: string[];
  /** Exist, but their contents cannot be seen: not served. */
  unseen: string[];
  /** Declared present, blocked by an incomplete directory that a server (re)start moves aside. */
  incomplete: string[];
  /** Notes on ignore patterns present but not declared (never deleted). */
  undeclaredIgnore: string[];
  /** What is known of each declared present database's beads initialization. */
  beads: { database: DesiredDatabase; beads: BeadsState }[];
}

/**
 * Initialized or not when bd's tables can be read; not initialized when this plan creates the database; else unknown
 * (not served, or `unreadable`: which databases have bd's tables could not be told).
 */
function beadsStateOf(finding: DatabaseFinding, creates: boolean, unreadable: string | null): BeadsState {
  if (creates) return { state: 'not-initialized' };
  if (finding.observed === null) return { state: 'unknown' };
  const prefix = finding.observed.beadsPrefix;
  if (prefix !== null) return { state: 'initialized', prefix };
  return unreadable === null ? { state: 'not-initialized' } : { state: 'unknown' };
}

/** Dolt's own remotes: one per cluster peer in every database, named after the peer (never gt's to manage). */
function withoutClusterRemotes(desired: DesiredState, remotes: readonly ObservedRemote[]): ObservedRemote[] {
  const peers = new Set((desired.server.cluster?.peers ?? []).map((peer) => peer.name));
  return remotes.filter((remote) => !peers.has(remote.name));
}

function planDeclaredDatabases(desired: DesiredState, observed: ObservedState, options: PlanOptions): DatabasesPlan {
  const { townRoot } = desired;
  const serverUp = observed.databases !== null;
  const found: DatabasesPlan = {
    databaseActions: [],
    remoteActions: [],
    ignoreActions: [],
    blocked: [],
    unserved: [],
    unseen: [],
    incomplete: [],
    undeclaredIgnore: [],
    beads: [],
  };
  const findDatabase = databaseFinder(desired, observed);
  for (const database of desired.databases) {
    const finding = findDatabase(database.name);
    if (database.ensure === 'present' && finding.incompleteDir !== null) {
      if (!gtSupervises(desired.server)) {
        found.blocked.push(incompleteUnsupervised(database, finding.incompleteDir, unsupervisedServer(desired)));
        continue;
      }
      found.incomplete.push(database.name);
    }
    const planned = planDatabase(townRoot, database, finding, options, serverUp);
    if (planned.action !== null) found.databaseActions.push(planned.action);
    found.blocked.push(...planned.blocked);
    if (database.ensure === 'absent') continue;
    found.beads.push({ database, beads: beadsStateOf(finding, planned.action !== null, observed.beadsUnreadable) });
    if (finding.exists && finding.observed === null) {
      if (serverUp) found.unserved.push(database.name);
      if (managesContents(database)) found.unseen.push(database.name);
      continue;
    }
    found.remoteActions.push(...planRemotes(townRoot, database, withoutClusterRemotes(desired, finding.observed?.remotes ?? [])));
    found.ignoreActions.push(...planIgnore(townRoot, database, finding.observed?.ignore ?? []));
    const undeclared = undeclaredIgnoreNote(database, finding.observed?.ignore ?? []);
    if (undeclared !== null) found.undeclaredIgnore.push(undeclared);
  }
  return found;
}

/** What the plan does after the server step, with what a standby may not do held back (plan-standby). */
interface WorkPlan {
  actions: Action[];
  blocked: BlockedChange[];
  notes: string[];
}

/**
 * The databases, their contents, Gas Town's files, beads initialization, lifecycle work, sync and the ledger, in plan order. On a
 * cluster standby every action that writes to a database is held back (blocked, or a note for remotes); Gas Town's
 * files are the town's own and converge there too, listing in dolt-state.json only the databases that will be there.
 */
function planWork(desired: DesiredState, observed: ObservedState, databases: DatabasesPlan, options: PlanOptions, role: EffectiveRole | null, startsServer: boolean): WorkPlan {
  const sync = planSync(desired, observed.sync, options);
  const contents = holdOnStandby([...databases.databaseActions, ...databases.remoteActions, ...sync.backups, ...databases.ignoreActions], role);
  const townFiles = planTownFiles(desired, observed, {
    databaseActions: contents.actions.filter((action): action is DatabaseAction => action.kind === 'database'),
    startsServer,
  });
  const beads = planBeads(desired.townRoot, desired.server, databases.beads, observed.bd, observed.beadsUnreadable);
  const lifecycle = planLifecycle(desired, observed);
  const ledger = planLedger(desired, observed, options);
  const work = holdOnStandby([...beads.actions, ...lifecycle.decay, ...lifecycle.compaction, ...sync.pushes, ...sync.backupSyncs, ...ledger.actions], role);
  return {
    actions: [...contents.actions, ...townFiles.actions, ...work.actions],
    blocked: [...databases.blocked, ...contents.blocked, ...townFiles.blocked, ...lifecycle.blocked, ...sync.blocked, ...ledger.blocked, ...work.blocked],
    notes: [...lifecycle.notes, ...sync.notes, ...townFiles.notes, ...beads.notes, ...contents.notes, ...work.notes],
  };
}

/**
 * Pure: the ordered actions that converge the observed town to the desired one (daemon config → server →
 * databases → remotes → backups → ignore patterns → Gas Town's registry and beads files → beads initialization →
 * decay → compaction → push → backup sync → the ledger's export and push: sync pushes what compaction rewrote), the
 * changes the safety rules block, and what gt must leave alone. While Gas Town's daemon supervises a server that does
 * not run, only daemon.json (its settings are what makes Gas Town's daemon start the server) and Gas Town's files are
 * planned. On a cluster standby nothing is written to a database: those actions are blocked, since the primary's
 * databases replicate here.
 * A plan with errors has no actions at all: gt must not act on a town it cannot trust (e.g. an imposter on the port).
 */
export function plan(desired: DesiredState, observed: ObservedState, options: PlanOptions): Plan {
  const error = serverError(desired.server, observed.server);
  if (error !== null) return { actions: [], blocked: [], unmanaged: [], notes: [], errors: [error] };

  const { townRoot } = desired;
  const daemonConfig = [
    ...planDaemonConfig(townRoot, observed.daemonConfig),
    ...planSupervisorSettings(desired.server, observed.daemonConfig),
    ...planLifecyclePatrols(desired, observed.daemonConfig),
  ];
  const supervised = supervisorNote(desired.server);
  const waiting = blockedByGasTown(desired, observed.server);
  if (waiting !== null) {
    // Gas Town's files need no server: they converge while the databases wait for it
    const townFiles = planTownFiles(desired, observed, { databaseActions: [], startsServer: false });
    const notes = [...(supervised === null ? [] : [supervised]), ...townFiles.notes];
    return {
      actions: [...daemonConfig, ...townFiles.actions],
      blocked: [waiting, ...townFiles.blocked],
      unmanaged: unmanagedDatabases(desired, observed),
      notes,
      errors: [],
    };
  }
  const databases = planDeclaredDatabases(desired, observed, options);
  const server = planServerStep(desired, observed, databases);
  const joining = firstJoinAsStandby(desired, observed, server.action, options);
  const serverActions = server.action === null || joining !== null ? [] : [server.action];
  const role = effectiveRole(desired, observed);
  // every server action starts it (a restart too), and the start records the databases then on disk
  const work = planWork(desired, observed, databases, options, role, serverActions.length > 0);
  const unservedNote = gtSupervises(desired.server) || databases.unserved.length === 0 ? [] : [unservedUnsupervisedNote(databases.unserved, unsupervisedServer(desired))];
  const notes = [
    ...(supervised === null ? [] : [supervised]),
    ...[standbyNote(role)].filter((note) => note !== null),
    ...unservedNote,
    ...(databases.unseen.length > 0 ? [unseenNote(databases.unseen, observed.databases !== null)] : []),
    ...databases.undeclaredIgnore,
    ...undeclaredIncompleteNotes(desired, observed),
    ...work.notes,
  ];

  return {
    actions: [...daemonConfig, ...serverActions, ...work.actions],
    blocked: [...server.blocked, ...(joining === null ? [] : [joining]), ...work.blocked],
    unmanaged: unmanagedDatabases(desired, observed),
    notes,
    errors: [],
  };
}

function planServerStep(desired: DesiredState, observed: ObservedState, databases: DatabasesPlan): ReturnType<typeof planServer> {
  return planServer(desired.townRoot, desired.server, {
    observed: observed.server,
    serverConfig: observed.serverConfig,
    serverRoot: observed.serverRoot,
    portConflicts: observed.portConflicts,
    unserved: databases.unserved,
    incomplete: databases.incomplete,
  });
}
