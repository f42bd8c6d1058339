import { WORK_BRANCHES } from './history.js';
import type { RestorePointEntry } from './restore-points.js';
import type { InterruptedRun, Leftover } from './types.js';

const OUR_PREFIX = 'gt-compact-';
/** Dolt names the branch of an interactive rebase in progress `dolt_rebase_<branch>`; deleting it ends the rebase. */
const REBASE_PREFIX = 'dolt_rebase_';
/** Work branches of Gas Town's compactor (its surgical mode) and of beads' `bd compact`: not gt's to delete. */
const FOREIGN_COMPACTION_BRANCHES = new Set(['compact-base', 'compact-work', 'compact-tmp']);

/** What the leftovers step found in the database and the town. */
export interface FoundState {
  branches: string[];
  /** Whether gt's `built` marker is main's head or one of its ancestors; null when there is no marker. */
  builtInMain: boolean | null;
  /** The same for surgical's `seam`: main holds it between the two swaps. */
  seamInMain: boolean | null;
  restorePoints: RestorePointEntry[];
}

export interface LeftoverPlan {
  interrupted: InterruptedRun;
  /** gt's branches to delete now, the `built` marker last (when finishing, the cleanup step deletes them instead). */
  deleteBranches: string[];
  removeRestorePoints: string[];
  leftovers: Leftover[];
}

function isOurs(branch: string): boolean {
  return branch.startsWith(OUR_PREFIX);
}

/** gt never rebases, so every rebase in progress is someone else's. */
function isForeignCompaction(branch: string): boolean {
  return FOREIGN_COMPACTION_BRANCHES.has(branch) || branch.startsWith(REBASE_PREFIX);
}

/** The markers last, `built` the very last: they say how far the run got. */
function deletionOrder(branch: string): number {
  return branch === WORK_BRANCHES.built ? 2 : branch === WORK_BRANCHES.seam ? 1 : 0;
}

export function formatAge(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(0, Math.round(ms / 60_000))}m`;
  return hours < 48 ? `${Math.round(hours)}h` : `${Math.round(hours / 24)}d`;
}

function branchLeftovers(ours: string[], foreign: string[], interrupted: InterruptedRun): Leftover[] {
  const detail =
    interrupted === 'finished'
      ? 'work branch of an interrupted compaction whose rewrite main already holds: this run finishes it'
      : 'work branch of an interrupted compaction that never touched main';
  return [
    ...ours.map((name): Leftover => ({ kind: 'work-branch', name, action: interrupted === 'finished' ? 'reported' : 'removed', detail })),
    ...foreign.map(
      (name): Leftover => ({
        kind: 'foreign-branch',
        name,
        action: 'reported',
        detail: `not gt's (another compactor's or a rebase in progress); it keeps old history alive, so gc reclaims less. Delete it once nothing uses it: CALL DOLT_BRANCH('-D', '${name}')`,
      }),
    ),
  ];
}

/** Incomplete restore points go; complete ones older than `keepMs` too, except the one a run being finished took. */
function restorePointLeftovers(entries: readonly RestorePointEntry[], now: Date, keepMs: number, interrupted: InterruptedRun): Leftover[] {
  const complete = entries.filter((entry) => entry.complete);
  const newest = complete[complete.length - 1];
  const leftovers: Leftover[] = [];
  for (const entry of entries) {
    const age = now.getTime() - entry.takenAt.getTime();
    if (!entry.complete) {
      leftovers.push({ kind: 'partial-restore-point', name: entry.name, action: 'removed', detail: 'an interrupted backup: it never finished' });
    } else if (age > keepMs && !(interrupted === 'finished' && entry === newest)) {
      leftovers.push({ kind: 'expired-restore-point', name: entry.name, action: 'removed', detail: `taken ${formatAge(age)} ago, older than keep (${formatAge(keepMs)})` });
    }
  }
  return leftovers;
}

/**
 * What to do with what an earlier run left. gt's work branches are never reused: if main already holds the rewrite
 * they built (the run was killed after the swap, or between surgical's two swaps) the run is finished, otherwise
 * they are deleted and the run starts over. Other tools' branches are reported, never touched. Incomplete and expired restore points are removed.
 */
export function planLeftovers(found: FoundState, now: Date, keepMs: number): LeftoverPlan {
  const ours = ourBranches(found.branches);
  const foreign = found.branches.filter(isForeignCompaction);
  const interrupted: InterruptedRun = found.builtInMain === true || found.seamInMain === true ? 'finished' : ours.length > 0 ? 'cleaned' : null;
  const restorePoints = restorePointLeftovers(found.restorePoints, now, keepMs, interrupted);
  return {
    interrupted,
    deleteBranches: interrupted === 'finished' ? [] : ours,
    removeRestorePoints: restorePoints.map((leftover) => leftover.name),
    leftovers: [...branchLeftovers(ours, foreign, interrupted), ...restorePoints],
  };
}

/** gt's work branches among `branches`, in the order to delete them. */
export function ourBranches(branches: readonly string[]): string[] {
  return branches.filter(isOurs).sort((a, b) => deletionOrder(a) - deletionOrder(b));
}
