import type { ClusterRole, DesiredState } from '../config/desired.js';
import type { ObservedState } from '../observe/observed.js';
import type { Action, BlockedChange, PlanOptions, ServerAction } from './types.js';

/** The role the server has, or will have once the planned start or restart is done, and how gt knows it. */
export interface EffectiveRole {
  role: ClusterRole;
  epoch: number;
  source: string;
}

/**
 * The server's cluster role: as it reports it; else as Dolt persisted it in the server's root (a stopped server, or
 * one about to restart with its cluster: section); else the bootstrap role the Town manifest declares. A server that
 * saw another primary at its own epoch (detected_broken_config) is read-only like a standby. Null without replication.
 */
export function effectiveRole(desired: DesiredState, observed: ObservedState): EffectiveRole | null {
  const { cluster } = desired.server;
  if (cluster === null) return null;
  if (observed.cluster?.state === 'observed') {
    const { role, epoch } = observed.cluster;
    if (role === 'primary' || role === 'standby') return { role, epoch, source: 'the server' };
    return { role: 'standby', epoch, source: `the server, which reports ${role} (it saw another primary at its epoch)` };
  }
  const persisted = observed.serverRoot.persistedRole;
  if (persisted !== null) return { ...persisted, source: "the server's root, where Dolt keeps it" };
  return { role: cluster.bootstrapRole, epoch: 1, source: `the bootstrap role declared at ${cluster.declaredAt}` };
}

/**
 * Which kinds of action write to a database, which a standby refuses (it is read-only and takes every database
 * from the primary). A Record over every kind, so that a new kind cannot be added without deciding. Gas Town's files
 * are the town's own files, not a database's; bd init creates bd's tables, decay deletes rows, compaction rewrites
 * history.
 */
const WRITES_TO_DATABASES: Record<Action['kind'], boolean> = {
  'daemon-config': false,
  server: false,
  database: true,
  remote: true,
  ignore: true,
  'town-file': false,
  beads: true,
  decay: true,
  compaction: true,
  backup: true,
  push: true,
  'backup-sync': true,
  // not a database write, but held the same way: the primary's town exports the ledger (two towns would race to push
  // one archive)
  ledger: true,
  'ledger-push': true,
};

/** Each server's own settings, which do not replicate: a standby waits to converge them until it is the primary. */
const SERVERS_OWN: ReadonlySet<Action['kind']> = new Set(['remote', 'backup']);

const REPLICATES = "run gt apply in the primary's town: this town converges as it replicates";
const AFTER_FAILOVER = "nothing until this server is the primary (gt dolt failover --to it, run in the primary's town)";

/** What happens instead on a standby: the primary does it and it replicates here, or it waits for a failover. */
function onThePrimary(action: Action): { instead: string; hint: string } {
  switch (action.kind) {
    case 'database':
      return action.verb === 'create'
        ? { instead: 'the primary creates it, and it replicates here', hint: REPLICATES }
        : { instead: 'a drop on the primary replicates here', hint: REPLICATES };
    case 'ignore':
      return { instead: "the primary's apply commits it to dolt_ignore, and the commit replicates here", hint: REPLICATES };
    case 'beads':
      return { instead: "bd init runs against the primary, and bd's tables replicate here", hint: REPLICATES };
    case 'decay':
    case 'compaction':
      return { instead: 'lifecycle work runs on the primary, and what it changes replicates here', hint: REPLICATES };
    case 'ledger':
    case 'ledger-push':
      return { instead: "the primary's town exports the same data to the archive", hint: REPLICATES };
    case 'push':
    case 'backup-sync':
      return { instead: 'the primary, which holds the same history, pushes and syncs its backups', hint: REPLICATES };
    default:
      return { instead: 'it writes to a database', hint: AFTER_FAILOVER };
  }
}

function standbyBlock(action: Action, role: EffectiveRole): BlockedChange {
  const { instead, hint } = onThePrimary(action);
  return {
    id: action.id,
    verb: action.verb,
    code: 'standby',
    reason: `this server is a cluster standby (epoch ${role.epoch}, role from ${role.source}), read-only: ${instead}`,
    hint,
  };
}

/**
 * Remotes and backups are each server's own (they do not replicate) and a standby refuses to change them; they matter
 * where pushes and syncs happen, on the primary. So a standby does not converge them at all, which would leave its
 * plan blocked for as long as it is a standby: the note says they wait for this server to be the primary.
 */
function remotesNote(remotes: readonly Action[]): string[] {
  if (remotes.length === 0) return [];
  return [
    `${remotes.map((action) => action.id).join(', ')}: remotes and backups are each server's own and a standby refuses to change ` +
      'them; gt converges them once this server is the primary',
  ];
}

/**
 * On a standby, gt writes to no database: every such action becomes a blocked change that says where it happens
 * instead, except the remotes and backups, which wait for this server to be the primary (a note).
 */
export function holdOnStandby(actions: readonly Action[], role: EffectiveRole | null): { actions: Action[]; blocked: BlockedChange[]; notes: string[] } {
  if (role?.role !== 'standby') return { actions: [...actions], blocked: [], notes: [] };
  const held = actions.filter((action) => WRITES_TO_DATABASES[action.kind] && !SERVERS_OWN.has(action.kind));
  return {
    actions: actions.filter((action) => !WRITES_TO_DATABASES[action.kind]),
    blocked: held.map((action) => standbyBlock(action, role)),
    notes: remotesNote(actions.filter((action) => SERVERS_OWN.has(action.kind))),
  };
}

/**
 * A server about to join a cluster as a standby for the first time (no role persisted yet) while it holds databases:
 * the primary's replication would replace their content, so the start or restart waits for --force.
 */
export function firstJoinAsStandby(
  desired: DesiredState,
  observed: ObservedState,
  server: ServerAction | null,
  options: PlanOptions,
): BlockedChange | null {
  const cluster = desired.server.cluster;
  if (server === null || options.force || cluster?.bootstrapRole !== 'standby') return null;
  if (observed.cluster?.state === 'observed' || observed.serverRoot.persistedRole !== null) return null;
  const held = [...new Set([...(observed.databases ?? []).map((db) => db.name), ...observed.onDisk])].sort();
  if (held.length === 0) return null;
  return {
    id: server.id,
    verb: server.verb,
    code: 'standby-holds-databases',
    reason:
      `spec.replication (${cluster.declaredAt}) makes this server a standby for the first time, and it holds ${held.join(', ')}: ` +
      "the primary's replication would replace their content with the primary's",
    hint: 'move them out of the data dir if they are to be kept (a standby starts empty and receives every database), or pass --force',
  };
}

/** What a plan says about a standby, so that nobody takes its blocked changes for drift. */
export function standbyNote(role: EffectiveRole | null): string | null {
  if (role?.role !== 'standby') return null;
  return (
    `this server is a cluster standby (epoch ${role.epoch}, role from ${role.source}): its databases, their tables and ` +
    "dolt_ignore replicate from the primary, so gt diff compares what has replicated with the manifests; the server's " +
    "settings, daemon.json and Gas Town's files are this town's own and converge here"
  );
}
