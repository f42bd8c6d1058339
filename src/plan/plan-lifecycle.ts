import type { CompactionSpec, DailyWindow, DesiredDatabase, DesiredState } from '../config/desired.js';
import { dueWork } from '../observe/history-facts-cache.js';
import type { DecayCandidates, ObservedLifecycle, ObservedState } from '../observe/observed.js';
import { entryAt } from './source-label.js';
import type { BlockedChange, CompactionAction, DecayAction, DecayCounts } from './types.js';

/** What the lifecycle asks of the town now: decay first, then compaction (so compaction keeps no wisp decay deletes). */
export interface LifecyclePlan {
  decay: DecayAction[];
  compaction: CompactionAction[];
  blocked: BlockedChange[];
  notes: string[];
}

/** 1204 → "1,204" (without Intl, whose first use costs a command tens of milliseconds). */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(count: number, noun: string): string {
  return `${grouped(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * What decay does, for people: "close 18 stale wisps; delete 312 closed wisps + 1,204 related rows" (as planned), or
 * "closed …; deleted …" (as done).
 */
export function decaySummary(counts: DecayCounts, tense: 'planned' | 'done' = 'planned'): string {
  const [close, remove] = tense === 'planned' ? ['close', 'delete'] : ['closed', 'deleted'];
  const parts = [];
  if (counts.staleOpen > 0) parts.push(`${close} ${plural(counts.staleOpen, 'stale wisp')}`);
  if (counts.closedExpired > 0) {
    parts.push(`${remove} ${plural(counts.closedExpired, 'closed wisp')} + ${plural(counts.related, 'related row')}`);
  }
  return parts.join('; ');
}

function lastRunText(lifecycle: ObservedLifecycle, database: string, work: 'decay' | 'compaction'): string {
  const lastRun = lifecycle.lastRuns[database]?.[work]?.lastRun;
  return lastRun === undefined ? 'gt never ran it here' : `gt last ran it at ${lastRun}`;
}

function decayAction(townRoot: string, database: DesiredDatabase, found: DecayCandidates, counts: DecayCounts, lifecycle: ObservedLifecycle): DecayAction {
  const decay = database.lifecycle.decay;
  const at = entryAt(townRoot, database, database.lifecycle.site);
  return {
    kind: 'decay',
    id: `decay/${database.name}`,
    verb: counts.closedExpired > 0 ? 'delete' : 'update',
    code: 'decay-due',
    database: database.name,
    closeStaleBefore: found.closeStaleBefore,
    deleteClosedBefore: found.deleteClosedBefore,
    tables: found.tables,
    before: counts,
    after: { staleOpen: 0, closedExpired: 0, related: 0 },
    summary: decaySummary(counts),
    reason:
      `decay (${at}): open wisps created over ${decay?.closeStaleWispsAfter.text} ago with no open parent are closed, ` +
      `wisps closed over ${decay?.deleteClosedWispsAfter.text} ago deleted, at most every ${decay?.interval.text}; ` +
      `${lastRunText(lifecycle, database.name, 'decay')}`,
    destructive: counts.closedExpired > 0,
    needsRestart: false,
  };
}

function protectedBlock(townRoot: string, database: DesiredDatabase, id: string, what: string): BlockedChange {
  const at = entryAt(townRoot, database, database.source);
  return {
    id,
    verb: id.startsWith('decay/') ? 'delete' : 'update',
    code: 'protected',
    reason: `protect: true (${at}) refuses every deletion and history rewrite: ${what}`,
    hint: `remove protect: true from ${at}, or turn this work off in its spec.lifecycle`,
  };
}

/** Decay of one database: its candidates, and on a protected database only the closing (it deletes nothing). */
function planDecay(townRoot: string, database: DesiredDatabase, found: DecayCandidates, lifecycle: ObservedLifecycle, plan: LifecyclePlan): void {
  const { staleOpen, closedExpired, related } = found;
  const deletes = database.protect ? 0 : closedExpired;
  const counts = { staleOpen, closedExpired: deletes, related: deletes > 0 ? related : 0 };
  if (counts.staleOpen + counts.closedExpired > 0) plan.decay.push(decayAction(townRoot, database, found, counts, lifecycle));
  if (database.protect && closedExpired > 0) {
    const what = `decay would delete ${plural(closedExpired, 'closed wisp')} + ${plural(related, 'related row')}`;
    plan.blocked.push(protectedBlock(townRoot, database, `decay/${database.name}`, what));
  }
}

/** Whether a local minute of the day lies inside a daily window (which may cross midnight). */
export function insideWindow(window: DailyWindow, minute: number): boolean {
  const { startMinute: start, endMinute: end } = window;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** What a compaction does to the history, for people: "flatten" or "surgical: keep the 50 newest, squash the older". */
function rewriteText(spec: CompactionSpec): string {
  return spec.mode === 'surgical' ? `surgical: keep the ${grouped(spec.keepRecent)} newest, squash the older` : 'flatten';
}

function restoreAndGc(spec: CompactionSpec): string {
  return `restore point first (kept ${spec.restorePointsKeep.text}), ${spec.gc === 'none' ? 'no gc' : `gc ${spec.gc}`}`;
}

function compactionSummary(spec: CompactionSpec, commits: number): string {
  return `${grouped(commits)} commits > ${grouped(spec.threshold)} → ${rewriteText(spec)}, ${restoreAndGc(spec)}`;
}

/**
 * main's commits after the rewrite, agents' later commits aside. Flatten: the root, gt's marker on it, the commit
 * holding the tables. Surgical: the root, the commit holding the squashed history, the kept commits, gt's marker,
 * the commit holding what was committed while it ran.
 */
export function commitsAfterCompaction(spec: Pick<CompactionSpec, 'mode' | 'keepRecent'>): number {
  return spec.mode === 'surgical' ? spec.keepRecent + 4 : 3;
}

function compactionAction(townRoot: string, database: DesiredDatabase, spec: CompactionSpec, commits: number, remotes: string[], lifecycle: ObservedLifecycle): CompactionAction {
  const at = entryAt(townRoot, database, database.lifecycle.site);
  const reason =
    `compaction (${at}): ${spec.mode} once main has more than ${grouped(spec.threshold)} commits, at most every ` +
    `${spec.interval.text}; ${lastRunText(lifecycle, database.name, 'compaction')}`;
  return compactionOf(database, spec, commits, remotes, compactionSummary(spec, commits), reason);
}

/**
 * The compaction `gt dolt compact` runs now, whatever the threshold, the interval and the window: the very action
 * `gt apply` executes, so the imperative twin takes the same engine, safety checks and records. Pure.
 */
export function compactionNowAction(database: DesiredDatabase, spec: CompactionSpec, commits: number, remotes: string[]): CompactionAction {
  const summary = `${grouped(commits)} commits → ${rewriteText(spec)} now, ${restoreAndGc(spec)}`;
  return compactionOf(database, spec, commits, remotes, summary, `gt dolt compact ${database.name}: asked for now`);
}

function compactionOf(database: DesiredDatabase, spec: CompactionSpec, commits: number, remotes: string[], summary: string, reason: string): CompactionAction {
  return {
    kind: 'compaction',
    id: `compaction/${database.name}`,
    verb: 'update',
    code: 'compaction-due',
    database: database.name,
    mode: spec.mode,
    threshold: spec.threshold,
    keepRecent: spec.keepRecent,
    gc: spec.gc,
    restorePointKeep: spec.restorePointsKeep.text,
    remotes,
    before: { commits },
    after: { commits: commitsAfterCompaction(spec) },
    summary,
    reason,
    destructive: false,
    needsRestart: false,
  };
}

/** The remotes compaction checks for divergence: the declared set, or every remote the database has when unmanaged. */
export function remotesToCheck(database: DesiredDatabase, observed: Pick<ObservedState, 'databases'>): string[] {
  if (database.remotes !== null) return database.remotes.map((remote) => remote.name);
  return (observed.databases ?? []).find((db) => db.name === database.name)?.remotes.map((remote) => remote.name) ?? [];
}

function planCompaction(townRoot: string, database: DesiredDatabase, commits: number, observed: ObservedState, plan: LifecyclePlan): void {
  const spec = database.lifecycle.compaction;
  const lifecycle = observed.lifecycle;
  if (spec === null || lifecycle === null || commits <= spec.threshold) return;
  const id = `compaction/${database.name}`;
  const due = `${grouped(commits)} commits > ${grouped(spec.threshold)}`;
  if (database.protect) {
    plan.blocked.push(protectedBlock(townRoot, database, id, `compaction is due (${due}) and would rewrite the history`));
    return;
  }
  if (spec.window !== null && !insideWindow(spec.window, lifecycle.localMinuteOfDay)) {
    plan.blocked.push({
      id,
      verb: 'update',
      code: 'outside-window',
      reason: `compaction is due (${due}), but its window ${spec.window.text} is closed (local time ${clock(lifecycle.localMinuteOfDay)})`,
      hint: `gt apply and the daemon compact inside the window; to compact sooner, widen or remove spec.lifecycle.compaction.window`,
    });
    return;
  }
  plan.compaction.push(compactionAction(townRoot, database, spec, commits, remotesToCheck(database, observed), lifecycle));
}

function uncountedNote(names: readonly string[]): string {
  const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  return (
    `the history of ${plural(names.length, 'database')} (${shown}) moved but was not counted this run: gt counts a ` +
    'bounded number of databases a run, the longest-waiting first, so their decay and compaction are planned on a later run'
  );
}

/**
 * Pure: the lifecycle work due now (`observed.lifecycle.at`), from the history facts observe counted: decay where
 * it has candidates, compaction where main has more commits than the threshold; both at most once per interval
 * since gt last ran them. Protection and a closed window block, with their reason; nothing is planned where gt does
 * not execute the lifecycle (observed.lifecycle is then null).
 */
export function planLifecycle(desired: DesiredState, observed: ObservedState): LifecyclePlan {
  const plan: LifecyclePlan = { decay: [], compaction: [], blocked: [], notes: [] };
  const lifecycle = observed.lifecycle;
  if (lifecycle === null) return plan;
  const nowMs = Date.parse(lifecycle.at);
  if (lifecycle.uncounted.length > 0) plan.notes.push(uncountedNote(lifecycle.uncounted));
  for (const database of desired.databases) {
    const facts = lifecycle.facts[database.name];
    if (database.ensure !== 'present' || facts === undefined) continue;
    const work = dueWork(database, lifecycle.lastRuns[database.name], nowMs);
    const candidates = work.decay ? facts.decay : null;
    if (candidates === 'no-wisps') {
      plan.notes.push(`decay/${database.name}: ${database.name} has no wisps table (not a beads database), so there is nothing to decay`);
    } else if (candidates !== null) {
      planDecay(desired.townRoot, database, candidates, lifecycle, plan);
    }
    if (work.compaction && facts.commits !== null) planCompaction(desired.townRoot, database, facts.commits, observed, plan);
  }
  return plan;
}
