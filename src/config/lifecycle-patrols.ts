import type { JsonValue } from '../lib/json-value.js';
import type { CompactionSpec, DecaySpec, DesiredDatabase, DesiredState, LedgerSpec } from './desired.js';

/** One daemon.json setting: where (keys from the top of the file) and the value it must hold. */
export interface PatrolSetting {
  path: string[];
  value: JsonValue;
}

/** Gas Town's own defaults of the knobs, for a town whose Town document leaves them out (what every rig inherits). */
const GAS_TOWN_DECAY = { max_age: '24h', delete_age: '168h', interval: '30m' } as const;
const GAS_TOWN_COMPACTION = { threshold: 2000, mode: 'flatten', keep_recent: 50, interval: '24h' } as const;

const setting = (patrol: string, key: string, value: JsonValue): PatrolSetting => ({ path: ['patrols', patrol, key], value });

/** The databases a Gas Town patrol may work on: declared present, not protected, with that work on. */
function databasesWith(databases: readonly DesiredDatabase[], work: (db: DesiredDatabase) => unknown): string[] {
  return databases.filter((db) => db.ensure === 'present' && !db.protect && work(db) !== null).map((db) => db.name);
}

function reaperSettings(databases: readonly DesiredDatabase[], town: DecaySpec | null): PatrolSetting[] {
  const names = databasesWith(databases, (db) => db.lifecycle.decay);
  return [
    setting('wisp_reaper', 'enabled', names.length > 0),
    setting('wisp_reaper', 'max_age', town?.closeStaleWispsAfter.text ?? GAS_TOWN_DECAY.max_age),
    setting('wisp_reaper', 'delete_age', town?.deleteClosedWispsAfter.text ?? GAS_TOWN_DECAY.delete_age),
    setting('wisp_reaper', 'interval', town?.interval.text ?? GAS_TOWN_DECAY.interval),
    setting('wisp_reaper', 'databases', names),
  ];
}

function compactorSettings(databases: readonly DesiredDatabase[], town: CompactionSpec | null): PatrolSetting[] {
  const names = databasesWith(databases, (db) => db.lifecycle.compaction);
  return [
    setting('compactor_dog', 'enabled', names.length > 0),
    setting('compactor_dog', 'threshold', town?.threshold ?? GAS_TOWN_COMPACTION.threshold),
    setting('compactor_dog', 'mode', town?.mode ?? GAS_TOWN_COMPACTION.mode),
    setting('compactor_dog', 'keep_recent', town?.keepRecent ?? GAS_TOWN_COMPACTION.keep_recent),
    setting('compactor_dog', 'interval', town?.interval.text ?? GAS_TOWN_COMPACTION.interval),
    setting('compactor_dog', 'databases', names),
  ];
}

/**
 * Gas Town's jsonl_git_backup knobs for a declared ledger: its repository (absolute), the listed databases, the
 * interval and the spike threshold; without a database list the patrol exports nothing.
 */
function jsonlSettings(ledger: LedgerSpec): PatrolSetting[] {
  return [
    setting('jsonl_git_backup', 'enabled', true),
    setting('jsonl_git_backup', 'interval', ledger.interval.text),
    setting('jsonl_git_backup', 'databases', ledger.databases),
    setting('jsonl_git_backup', 'git_repo', ledger.repo),
    setting('jsonl_git_backup', 'spike_threshold', ledger.spike.threshold),
  ];
}

/** The decay and compaction patrols' settings, once some manifest declares spec.lifecycle. */
function decayAndCompactionSettings(desired: Pick<DesiredState, 'lifecycle' | 'databases'>): PatrolSetting[] {
  if (!desired.lifecycle.declared) return [];
  if (desired.lifecycle.executor === 'gt') {
    return ['wisp_reaper', 'doctor_dog', 'compactor_dog', 'scheduled_maintenance'].map((patrol) => setting(patrol, 'enabled', false));
  }
  const hq = desired.databases.find((db) => db.kind === 'Town');
  const { declaresDecay, declaresCompaction } = desired.lifecycle;
  return [
    ...(declaresDecay ? reaperSettings(desired.databases, hq?.lifecycle.decay ?? null) : []),
    setting('doctor_dog', 'databases', desired.databases.filter((db) => db.ensure === 'present').map((db) => db.name)),
    ...(declaresCompaction ? compactorSettings(desired.databases, hq?.lifecycle.compaction ?? null) : []),
    ...(declaresCompaction ? [setting('scheduled_maintenance', 'enabled', false)] : []),
  ];
}

/**
 * Pure: the daemon.json settings of Gas Town's lifecycle patrols that the town's spec.lifecycle and spec.ledger imply,
 * in the order they appear in the file. Nothing when no manifest declares either: gt then leaves the patrols as they are.
 * - executor gt: gt executes decay, compaction and the ledger export, so Gas Town's wisp_reaper, compactor_dog,
 *   scheduled_maintenance and (with a ledger) jsonl_git_backup are turned off (two reapers, two flatteners or two
 *   exporters committing to one archive race), and gt's daemon takes over doctor_dog (its doctor runs the storage
 *   checks on doctor_dog's interval), so Gas Town's is off too.
 * - executor gastown: Gas Town executes them, and gt sets the knobs of the patrols whose work is declared (decay:
 *   wisp_reaper; compaction: compactor_dog; ledger: jsonl_git_backup), each listing exactly the databases that declare
 *   that work and are not protected (without a list, Gas Town works on hq alone, and exports nothing). Knobs take the
 *   Town's values: Gas Town has one per patrol.
 *   scheduled_maintenance is turned off once compaction is declared: it flattens too, every database above its own
 *   threshold, and cannot be limited to the declared ones, so it would compact rigs whose mode is off. doctor_dog
 *   gets the declared databases: without a list it checks a fixed default of hq and two databases few towns have.
 */
export function lifecyclePatrolSettings(desired: Pick<DesiredState, 'lifecycle' | 'databases' | 'ledger'>): PatrolSetting[] {
  const ledger = desired.ledger;
  const ledgerSettings =
    ledger === null ? [] : desired.lifecycle.executor === 'gt' ? [setting('jsonl_git_backup', 'enabled', false)] : jsonlSettings(ledger);
  const settings = [...decayAndCompactionSettings(desired), ...ledgerSettings];
  // the file's patrol order: jsonl_git_backup comes before wisp_reaper and the compactors
  return settings.sort((a, b) => patrolOrder(a) - patrolOrder(b));
}

const PATROL_ORDER = ['jsonl_git_backup', 'wisp_reaper', 'doctor_dog', 'compactor_dog', 'scheduled_maintenance'];

function patrolOrder(item: PatrolSetting): number {
  return PATROL_ORDER.indexOf(item.path[1] ?? '');
}
