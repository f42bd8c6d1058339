import type { ObservedServer } from '../observe/observed.js';
import type { ClassifiedError } from './classify-error.js';
import type { LastReconcile } from './loop-types.js';
import type { HealthState, SyncState } from './status-file.js';

export interface HealthInputs {
  reconciling: boolean;
  /** The restart budget is exhausted (crash loop). */
  stalled: boolean;
  restartsInWindow: number;
  /** A terminal error the daemon waits to see fixed. */
  terminal: ClassifiedError | null;
  /** The server's last observation; null before the first one. */
  server: ObservedServer | null;
  /** gt does not supervise the server (external, or Gas Town's daemon does): it never restarts it. */
  supervisedElsewhere: boolean;
  nextRestartAt: number | null;
  nextRetryAt: number | null;
  lastReconcile: LastReconcile | null;
  /** When the server was last (re)started with the last known-good settings because the config does not load. */
  lastKnownGoodAt: number | null;
}

export interface HealthSummary {
  sync: SyncState;
  health: HealthState;
  message: string;
}

function at(time: number): string {
  return new Date(time).toISOString();
}

function serverDown(server: ObservedServer | null): server is Exclude<ObservedServer, { state: 'running' }> {
  return server !== null && server.state !== 'running';
}

function describeServer(server: Exclude<ObservedServer, { state: 'running' }>): string {
  return server.state === 'stopped' ? `the server is not running on port ${server.port}` : `the server is ${server.state}: ${server.reason}`;
}

function syncOf(inputs: HealthInputs): SyncState {
  const last = inputs.lastReconcile;
  if (inputs.terminal?.kind === 'config' || last === null || last.result === 'error') return 'Unknown';
  if (serverDown(inputs.server)) return 'OutOfSync';
  return last.result === 'converged' ? 'InSync' : 'OutOfSync';
}

/** Sync and health (Argo CD's two axes, kstatus' Stalled) from what the daemon knows. */
export function summarizeHealth(inputs: HealthInputs): HealthSummary {
  const sync = syncOf(inputs);
  const summary = (health: HealthState, message: string): HealthSummary => ({ sync, health, message });
  const last = inputs.lastReconcile;
  if (inputs.stalled) {
    return summary(
      'Stalled',
      `the server crash-looped (${inputs.restartsInWindow} restarts within the restart window); gt stopped restarting it — fix the config or send SIGHUP to try again`,
    );
  }
  if (inputs.terminal !== null) {
    const what = inputs.terminal.kind === 'config' ? 'the config is invalid' : 'an imposter holds the port';
    const lastKnownGood = inputs.lastKnownGoodAt === null ? '' : `; the server was restarted at ${at(inputs.lastKnownGoodAt)} with the last known-good settings`;
    return summary('Stalled', `${what}; waiting for a config change: ${inputs.terminal.message.split('\n')[0] ?? ''}${lastKnownGood}`);
  }
  if (inputs.reconciling) return summary('Progressing', 'reconciling');
  if (serverDown(inputs.server)) {
    if (inputs.nextRestartAt !== null && !inputs.supervisedElsewhere) {
      return summary('Progressing', `${describeServer(inputs.server)}; restarting it at ${at(inputs.nextRestartAt)}`);
    }
    return summary('Degraded', describeServer(inputs.server));
  }
  if (last !== null && (last.result === 'error' || last.actions.failed > 0)) {
    const retry = inputs.nextRetryAt === null ? '' : `; retrying at ${at(inputs.nextRetryAt)}`;
    const what = last.result === 'error' ? 'the last reconcile failed' : `${last.actions.failed} action(s) failed`;
    return summary('Degraded', `${what}${retry}`);
  }
  if (last === null) return summary('Progressing', 'starting');
  return summary('Healthy', sync === 'InSync' ? 'the town matches its config' : 'the server is healthy; some changes are blocked');
}
