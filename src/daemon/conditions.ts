import { createHash } from 'node:crypto';
import type { ReconcileReport } from '../apply/reconcile.js';
import type { DesiredState } from '../config/desired.js';
import { renderServerConfigYaml } from '../config/server-config-yaml.js';

export type ConditionReason = 'InSync' | 'OutOfSync' | 'Failed' | 'Blocked';

/** One resource's state after a reconcile (a Kubernetes-style Ready condition). */
export interface ResourceCondition {
  /** The plan's resource id: server, database/wyvern, remote/wyvern/origin, ignore/wyvern/wisps, daemon-config/… */
  id: string;
  ready: boolean;
  reason: ConditionReason;
  message: string;
  /**
   * Hash of the declared spec this condition was computed from, like Kubernetes' observedGeneration: when the
   * config changed since, the condition is about the old spec. Null for resources gt adds on its own (lifecycle
   * defaults) or stops declaring.
   */
  configHash: string | null;
  /** When `ready` or `reason` last changed. */
  lastTransitionTime: string;
}

function hashOf(spec: unknown): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 12);
}

/**
 * Every declared resource with the spec that defines it. The server's spec is the config.yaml gt runs it with
 * (the password is not in it, so no secret feeds a hash) and who supervises it.
 */
export function declaredSpecs(desired: DesiredState): Map<string, unknown> {
  const specs = new Map<string, unknown>();
  specs.set('server', { config: renderServerConfigYaml(desired.server), supervisor: desired.server.supervisor.value });
  for (const db of desired.databases) {
    specs.set(`database/${db.name}`, { ensure: db.ensure, protect: db.protect });
    if (db.ensure === 'absent') continue;
    for (const remote of db.remotes ?? []) specs.set(`remote/${db.name}/${remote.name}`, { url: remote.url });
    for (const pattern of db.ignore) specs.set(`ignore/${db.name}/${pattern}`, { pattern });
    // lifecycle work is gt's resource only where gt executes it
    if (desired.lifecycle.executor !== 'gt') continue;
    if (db.lifecycle.decay !== null) specs.set(`decay/${db.name}`, { decay: db.lifecycle.decay, protect: db.protect });
    if (db.lifecycle.compaction !== null) specs.set(`compaction/${db.name}`, { compaction: db.lifecycle.compaction, protect: db.protect });
  }
  return specs;
}

interface Verdict {
  ready: boolean;
  reason: ConditionReason;
  message: string;
}

/**
 * The conditions after a reconcile: a resource whose action failed is Failed, one the re-observed town still plans
 * to change is OutOfSync (or Blocked when gt may not change it), every other declared resource is InSync.
 * `lastTransitionTime` is kept from `previous` while the verdict stays the same.
 */
export function computeConditions(
  desired: DesiredState,
  report: ReconcileReport,
  previous: readonly ResourceCondition[],
  now: string,
): ResourceCondition[] {
  const specs = declaredSpecs(desired);
  const verdicts = new Map<string, Verdict>();
  for (const id of specs.keys()) verdicts.set(id, { ready: true, reason: 'InSync', message: 'matches the config' });
  for (const blocked of report.remaining.blocked) {
    verdicts.set(blocked.id, { ready: false, reason: 'Blocked', message: `${blocked.reason} (${blocked.hint})` });
  }
  for (const action of report.remaining.actions) {
    verdicts.set(action.id, { ready: false, reason: 'OutOfSync', message: action.reason });
  }
  for (const result of report.results) {
    if (result.status === 'failed') {
      verdicts.set(result.action.id, { ready: false, reason: 'Failed', message: result.message ?? `${result.action.verb} failed` });
    }
  }
  const before = new Map(previous.map((condition) => [condition.id, condition]));
  return [...verdicts.entries()].map(([id, verdict]) => {
    const spec = specs.get(id);
    const old = before.get(id);
    const unchanged = old !== undefined && old.ready === verdict.ready && old.reason === verdict.reason;
    return {
      id,
      ...verdict,
      configHash: spec === undefined ? null : hashOf(spec),
      lastTransitionTime: unchanged ? old.lastTransitionTime : now,
    };
  });
}
