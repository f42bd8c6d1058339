import type { ClusterPeer, ClusterSettings } from '../config/desired.js';
import type { ObservedCluster } from '../observe/observed.js';

/** What gt found out about a peer before a failover: whether its remotesapi answers, and for the target its role. */
export interface PeerProbe {
  name: string;
  /** null: its remotesapi accepts connections; else why not. */
  unreachable: string | null;
}

/** The target's own view, over SQL: its role and epoch, or why gt could not ask. */
export type TargetProbe = { role: string; epoch: number } | { error: string };

export interface FailoverInputs {
  cluster: ClusterSettings | null;
  /** The peer named by --to. */
  to: string;
  /** This town's server, as observed. */
  local: ObservedCluster | null;
  peers: readonly PeerProbe[];
  target: TargetProbe;
  force: boolean;
}

/**
 * How the primary steps down. all-caught-up: every standby must have everything (dolt_assume_cluster_role). With
 * --force and an unreachable peer: the reachable ones must (dolt_cluster_transition_to_standby with that count), and
 * the target must be among them.
 */
export type Demotion = { kind: 'all-caught-up' } | { kind: 'reachable-caught-up'; minCaughtUp: number; skipped: string[] };

export type FailoverDecision =
  | { go: true; target: ClusterPeer & { sql: NonNullable<ClusterPeer['sql']> }; fromEpoch: number; epoch: number; demotion: Demotion }
  | { go: false; reason: string; hint: string };

function refuse(reason: string, hint: string): FailoverDecision {
  return { go: false, reason, hint };
}

/** This town's server's epoch when it is the primary; else why a failover cannot start here. */
function primaryEpoch(local: ObservedCluster | null): number | Extract<FailoverDecision, { go: false }> {
  if (local === null) return { go: false, reason: "this town's server is not running", hint: 'start it (gt apply), then fail over' };
  if (local.state === 'not-configured') {
    return { go: false, reason: 'the server runs without its cluster: section', hint: 'gt apply restarts it with spec.replication; fail over after that' };
  }
  if (local.state === 'unreadable') {
    return { go: false, reason: `the server's cluster status could not be read: ${local.reason}`, hint: 'check the server, then try again' };
  }
  if (local.role !== 'primary') {
    return { go: false, reason: `this town's server is ${local.role} at epoch ${local.epoch}, not the primary`, hint: "run gt dolt failover in the primary's town" };
  }
  return local.epoch;
}

function targetRefusal(target: TargetProbe, peer: ClusterPeer, localEpoch: number): FailoverDecision | null {
  if ('error' in target) return refuse(`${peer.name}'s SQL server does not answer: ${target.error}`, 'gt can only promote a peer it reaches; --force does not change that');
  if (target.role !== 'standby') {
    return refuse(`${peer.name} is ${target.role} at epoch ${target.epoch}, not a standby`, 'look at the cluster (gt dolt status in each town) before failing over');
  }
  if (target.epoch > localEpoch) {
    return refuse(
      `${peer.name} is at epoch ${target.epoch}, ahead of this server's ${localEpoch}: another failover happened without this server`,
      'look at the cluster (gt dolt status in each town) before failing over',
    );
  }
  return null;
}

/**
 * Pure: whether a planned failover to `to` may go ahead, and how. It never fails over from a standby, to a peer gt
 * cannot reach or that is not a standby, nor (without --force) while any peer is unreachable.
 */
export function decideFailover(inputs: FailoverInputs): FailoverDecision {
  const { cluster, to, local, peers, target, force } = inputs;
  if (cluster === null) return refuse('the town declares no replication', 'declare spec.replication in the Town manifest');
  const peer = cluster.peers.find((candidate) => candidate.name === to);
  if (peer === undefined) {
    return refuse(`no peer named ${to} (declared: ${cluster.peers.map((p) => p.name).join(', ')})`, `name one of spec.replication.peers (${cluster.declaredAt})`);
  }
  if (peer.sql === null) return refuse(`peer ${to} declares no sql endpoint`, `add sql: {host, port} to peer ${to} in spec.replication.peers (${cluster.declaredAt})`);
  const fromEpoch = primaryEpoch(local);
  if (typeof fromEpoch !== 'number') return fromEpoch;
  const targetProblem = targetRefusal(target, peer, fromEpoch);
  if (targetProblem !== null) return targetProblem;
  const unreachable = peers.filter((probe) => probe.unreachable !== null);
  if (unreachable.some((probe) => probe.name === to)) {
    return refuse(`${to}'s remotesapi does not answer: ${unreachable.find((p) => p.name === to)?.unreachable}`, 'it could not receive what this server has; --force does not change that');
  }
  const base = { go: true as const, target: { ...peer, sql: peer.sql }, fromEpoch, epoch: fromEpoch + 1 };
  if (unreachable.length === 0) return { ...base, demotion: { kind: 'all-caught-up' } };
  const which = unreachable.map((probe) => `${probe.name} (${probe.unreachable})`).join(', ');
  if (!force) return refuse(`a peer does not answer: ${which}`, 'bring it back, or pass --force to fail over without it (it catches up from the new primary when it returns)');
  return { ...base, demotion: { kind: 'reachable-caught-up', minCaughtUp: peers.length - unreachable.length, skipped: unreachable.map((probe) => probe.name) } };
}
