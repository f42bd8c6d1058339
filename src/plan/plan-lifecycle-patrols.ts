import type { DaemonFile, DesiredState } from '../config/desired.js';
import { lifecyclePatrolSettings } from '../config/lifecycle-patrols.js';
import { planDaemonSetting } from './plan-daemon-config.js';
import type { DaemonConfigSettingAction } from './types.js';

/** Why a lifecycle patrol's setting changes: who executes the work decides what Gas Town's patrol must do. */
function patrolReason(desired: Pick<DesiredState, 'lifecycle'>, path: readonly string[]): string {
  const patrol = `patrols.${path[1] ?? ''}`;
  if (desired.lifecycle.executor === 'gt' && path[1] === 'doctor_dog') {
    return `spec.lifecycle.executor is gt: gt's daemon runs the storage checks on ${patrol}'s interval, so Gas Town's ${patrol} is turned off`;
  }
  if (path[1] === 'jsonl_git_backup') {
    return desired.lifecycle.executor === 'gt'
      ? `spec.lifecycle.executor is gt: gt exports spec.ledger itself, so Gas Town's ${patrol} is turned off (two exporters would commit to one archive)`
      : `spec.lifecycle.executor is gastown: Gas Town's ${patrol} exports spec.ledger, with its repository, databases, interval and spike threshold`;
  }
  if (desired.lifecycle.executor === 'gt') {
    return (
      `spec.lifecycle.executor is gt: gt executes decay and compaction itself, so Gas Town's ${patrol} is turned off ` +
      '(two reapers or two flatteners on one database race)'
    );
  }
  if (path[1] === 'doctor_dog') return `spec.lifecycle.executor is gastown: Gas Town's ${patrol} checks the declared databases (without a list, a fixed default)`;
  return `spec.lifecycle.executor is gastown: Gas Town's ${patrol} executes the declared lifecycle, with the declared knobs and databases`;
}

/**
 * The daemon.json settings of Gas Town's lifecycle patrols that the declared lifecycle and ledger imply and the file does not
 * hold yet; they are written in the same one edit as the other daemon-config actions.
 */
export function planLifecyclePatrols(desired: Pick<DesiredState, 'lifecycle' | 'databases' | 'ledger'>, file: DaemonFile): DaemonConfigSettingAction[] {
  return lifecyclePatrolSettings(desired).flatMap(
    ({ path, value }) => planDaemonSetting(file, { path, value, code: 'lifecycle-patrol', reason: patrolReason(desired, path) }) ?? [],
  );
}
