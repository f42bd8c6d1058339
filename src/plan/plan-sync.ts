import type { DeclaredDuration, DesiredBackup, DesiredDatabase, DesiredRemote, DesiredState } from '../config/desired.js';
import type { CompactionDivergence } from '../lib/compaction-divergence.js';
import { unsyncedTestPrefix } from '../lib/test-databases.js';
import type { ObservedDatabaseSync, ObservedSync, RemotePosition } from '../observe/observed.js';
import { planBackups } from './plan-backups.js';
import { entryAt } from './source-label.js';
import type { BackupAction, BackupSyncAction, BlockedChange, PlanOptions, PushAction } from './types.js';

/** What sync asks of the town now: the declared backup sets, then the pushes and backup syncs that are due. */
export interface SyncPlan {
  backups: BackupAction[];
  pushes: PushAction[];
  backupSyncs: BackupSyncAction[];
  blocked: BlockedChange[];
  notes: string[];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "2h13m" for people, from milliseconds (minutes at most; seconds under a minute). */
export function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))}s`;
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
}

/** Whether work last done at `last` (ISO; undefined: never) is due again at `nowMs` after `interval`. */
function due(last: string | undefined, interval: DeclaredDuration, nowMs: number): boolean {
  return last === undefined || nowMs - Date.parse(last) >= interval.ms;
}

function lastText(last: string | undefined, nowMs: number): string {
  return last === undefined ? 'gt never did it' : `gt last did it ${ageText(nowMs - Date.parse(last))} ago (${last})`;
}

/** How the position reads in a plan: "14 commits ahead", "not pushed yet (main has 3 commits)". */
export function positionText(position: RemotePosition): string {
  switch (position.state) {
    case 'even':
      return 'even with main';
    case 'ahead':
      return `${plural(position.ahead, 'commit')} ahead`;
    case 'behind':
      return `${plural(position.behind, 'commit')} behind (the remote has commits main lacks)`;
    case 'diverged':
      return 'diverged (each has commits the other lacks)';
    case 'untracked':
      return `not pushed yet (main has ${plural(position.commits, 'commit')})`;
  }
}

interface PushContext {
  townRoot: string;
  database: DesiredDatabase;
  remote: DesiredRemote & { push: NonNullable<DesiredRemote['push']> };
  position: RemotePosition;
  timeout: DeclaredDuration;
}

function pushAction(context: PushContext, force: PushAction['force'], reason: string, summary: string): PushAction {
  const { database, remote, position, timeout } = context;
  return {
    kind: 'push',
    id: `push/${database.name}/${remote.name}`,
    verb: 'update',
    code: 'push-due',
    database: database.name,
    remote: remote.name,
    force,
    expectedRemoteHead: position.state === 'untracked' ? null : position.remoteHead,
    timeout: timeout.text,
    timeoutMs: timeout.ms,
    before: position,
    after: { state: 'even' },
    summary,
    reason,
    destructive: false,
    needsRestart: false,
  };
}

/** A remote whose main has commits main lacks: forced by the flag, by gt's own recorded compaction, else blocked. */
function planOverwrite(context: PushContext, divergence: CompactionDivergence | undefined, options: PlanOptions, plan: SyncPlan): void {
  const { database, remote, position } = context;
  if (position.state !== 'behind' && position.state !== 'diverged') return;
  const id = `push/${database.name}/${remote.name}`;
  const where = `${remote.name}/main is ${positionText(position)}`;
  if (options.forcePush === true) {
    plan.pushes.push(pushAction(context, 'flag', `${where}; --force overwrites it with main (after checking it is still ${position.remoteHead})`, `${positionText(position)} → forced`));
    return;
  }
  if (divergence !== undefined && divergence.remoteHeadBefore === position.remoteHead) {
    const reason =
      `${where} because gt's compaction rewrote main at ${divergence.at} (to ${divergence.rewrittenHead}); the remote still ` +
      `holds the history from before, so gt overwrites it (after checking it is still ${position.remoteHead})`;
    plan.pushes.push(pushAction(context, 'compaction', reason, `${positionText(position)} → forced (gt's compaction)`));
    return;
  }
  const at = entryAt(context.townRoot, database, database.sites.remote[remote.name]);
  plan.blocked.push({
    id,
    verb: 'update',
    code: position.state === 'diverged' ? 'diverged' : 'remote-ahead',
    reason: `${where}: a push would overwrite them, and gt never does that on its own (${at})`,
    hint:
      `review ${remote.name}/main (CALL DOLT_FETCH('${remote.name}') then dolt_log), then merge it into main, or overwrite it ` +
      `with gt dolt sync --db ${database.name} --force (gt apply --force-push)`,
  });
}

/** The push of one pushed remote: due by its interval (or now, for gt dolt sync), blocked where it would overwrite. */
function planPush(context: PushContext, found: ObservedSync, options: PlanOptions, plan: SyncPlan): void {
  const { database, remote, position } = context;
  const nowMs = Date.parse(found.at);
  if (position.state === 'even') return;
  if (position.state === 'behind' || position.state === 'diverged') {
    planOverwrite(context, found.divergences[database.name]?.[remote.name], options, plan);
    return;
  }
  const last = found.lastSuccess[database.name]?.push[remote.name];
  const interval = remote.push.interval;
  if (options.syncNow !== true && !due(last, interval, nowMs)) {
    const next = new Date(Date.parse(last as string) + interval.ms).toISOString();
    plan.notes.push(`push/${database.name}/${remote.name}: ${positionText(position)}; next push at ${next} (pushInterval ${interval.text})`);
    return;
  }
  const at = entryAt(context.townRoot, database, database.sites.remote[remote.name]);
  const why = options.syncNow === true ? 'gt dolt sync pushes now' : `push: true (${at}), at most every ${interval.text}; ${lastText(last, nowMs)}`;
  plan.pushes.push(pushAction(context, null, why, positionText(position)));
}

function backupSyncAction(townRoot: string, database: DesiredDatabase, backup: DesiredBackup, last: string | undefined, nowMs: number, timeout: DeclaredDuration): BackupSyncAction {
  const at = entryAt(townRoot, database, database.sites.backup?.[backup.name]);
  const age = last === undefined ? 'never synced by gt' : `last synced ${ageText(nowMs - Date.parse(last))} ago`;
  return {
    kind: 'backup-sync',
    id: `backup-sync/${database.name}/${backup.name}`,
    verb: 'update',
    code: 'backup-sync-due',
    database: database.name,
    name: backup.name,
    timeout: timeout.text,
    timeoutMs: timeout.ms,
    before: { lastSync: last ?? null },
    after: { lastSync: 'now' },
    summary: last === undefined ? age : `${age} ≥ interval ${backup.interval.text}`,
    reason: `backup ${backup.name} (${at}): synced at most every ${backup.interval.text}; a sync copies the whole database, working set and dolt-ignored tables too`,
    destructive: false,
    needsRestart: false,
  };
}

function testDatabaseBlock(database: DesiredDatabase, prefix: string): BlockedChange {
  return {
    id: `push/${database.name}`,
    verb: 'update',
    code: 'test-database',
    reason: `${database.name} has the test prefix "${prefix}": Gas Town never pushes or backs up a test database, and neither does gt`,
    hint: 'remove push: true and spec.backups from its manifest, or rename the database',
  };
}

/** The pushes and backup syncs of one served database. */
function planDatabaseSync(desired: DesiredState, database: DesiredDatabase, found: ObservedSync, live: ObservedDatabaseSync, options: PlanOptions, plan: SyncPlan): void {
  const nowMs = Date.parse(found.at);
  const timeoutOf = (declared: DeclaredDuration): DeclaredDuration => options.syncTimeout ?? declared;
  const testPrefix = unsyncedTestPrefix(database.name);
  if (testPrefix !== null) {
    plan.blocked.push(testDatabaseBlock(database, testPrefix));
    return;
  }
  const pushed = (database.remotes ?? []).filter((remote): remote is PushContext['remote'] => remote.push !== undefined);
  const onlyThis = options.syncDatabase === database.name;
  if (pushed.length > 0 && live.noSync && !onlyThis) {
    plan.notes.push(`${database.name} has Gas Town's .no-sync marker: gt pushes it only when asked by name (gt dolt sync --db ${database.name})`);
  } else if (pushed.length > 0 && live.main === null) {
    plan.notes.push(`${database.name} has no main branch, so gt pushes nothing of it`);
  } else {
    for (const remote of pushed) {
      const position = live.positions[remote.name];
      if (position !== undefined) planPush({ townRoot: desired.townRoot, database, remote, position, timeout: timeoutOf(remote.push.timeout) }, found, options, plan);
    }
  }
  for (const backup of database.backups ?? []) {
    const last = found.lastSuccess[database.name]?.backup[backup.name];
    if (options.syncNow === true || due(last, backup.interval, nowMs)) {
      plan.backupSyncs.push(backupSyncAction(desired.townRoot, database, backup, last, nowMs, timeoutOf(backup.timeout)));
    }
  }
}

/**
 * Pure: what sync asks of the town at `observed.sync.at`. The declared backups converge as a set; each remote with
 * `push: true` is pushed when main has commits it lacks and its pushInterval passed since gt last pushed it (now, for
 * gt dolt sync), and blocked when the remote has commits main lacks (unless --force, or gt's own compaction caused
 * that and the remote still holds what it held then); each backup is synced when its interval passed. Nothing where
 * sync is not declared or the database is not served (observed.sync is then null or lacks it).
 */
export function planSync(desired: DesiredState, observedSync: ObservedSync | null, options: PlanOptions): SyncPlan {
  const plan: SyncPlan = { backups: [], pushes: [], backupSyncs: [], blocked: [], notes: [] };
  if (observedSync === null) return plan;
  plan.notes.push(...observedSync.fetchFailures);
  for (const database of desired.databases) {
    const live = observedSync.databases[database.name];
    if (database.ensure !== 'present' || live === undefined) continue;
    if (options.syncDatabase !== undefined && options.syncDatabase !== database.name) continue;
    plan.backups.push(...planBackups(desired.townRoot, database, live.backups ?? []));
    planDatabaseSync(desired, database, observedSync, live, options, plan);
  }
  return plan;
}
