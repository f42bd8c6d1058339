import type { ServerSettings } from '../config/desired.js';
import { parseGoDuration } from '../lib/go-duration.js';
import { recordCompactionDivergence } from '../lib/compaction-divergence.js';
import { recordLifecycleRun } from '../lib/lifecycle-state.js';
import { townPaths } from '../lib/town-layout.js';
import { compactDatabase } from '../lifecycle/compaction/engine.js';
import type { CompactionOutcome, CompactionStep } from '../lifecycle/compaction/types.js';
import type { CompactionAction } from '../plan/types.js';

const NANOS_PER_MS = 1e6;

/** A compaction that did not compact: the action fails with why, and what the operator can do. */
export class CompactionNotDoneError extends Error {}

function megabytes(bytes: number | null): string {
  return bytes === null ? '?' : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The result line of a compaction that happened, or the error of one that did not. */
function describeOutcome(outcome: CompactionOutcome): string {
  const interrupted = outcome.interrupted === null ? '' : `; an interrupted earlier run was ${outcome.interrupted}`;
  switch (outcome.status) {
    case 'compacted': {
      const diverged = outcome.remotes.filter((remote) => remote.divergedByRewrite).map((remote) => remote.remote);
      return (
        `${outcome.commits.before} → ${outcome.commits.after} commits (${outcome.mode}), storage ` +
        `${megabytes(outcome.storage.before)} → ${megabytes(outcome.storage.after)} after gc ${outcome.gc}; restore point ` +
        `${outcome.restorePoint.name} (${outcome.restorePoint.restoreCommand})` +
        (diverged.length > 0 ? `; ${diverged.join(', ')} now hold the old history: push with --force to replace it` : '') +
        interrupted
      );
    }
    case 'nothing-to-do':
      return `${outcome.reason}${interrupted}`;
    case 'busy':
      throw new CompactionNotDoneError(`busy: ${outcome.reason}; nothing was changed, the next run tries again`);
    case 'blocked':
      throw new CompactionNotDoneError(
        `blocked, nothing was changed: ${outcome.reasons.map(({ reason, fix }) => `${reason} (${fix})`).join('; ')}`,
      );
    case 'integrity-failed':
      throw new CompactionNotDoneError(
        `the rewritten history failed its integrity check (${outcome.problems.join('; ')}); it was kept as it is and so ` +
          `was the restore point: to go back, ${outcome.restorePoint.restoreCommand}`,
      );
    case 'failed':
      throw new CompactionNotDoneError(
        `step ${outcome.step} failed: ${outcome.error}` +
          (outcome.mainRewritten && outcome.restorePoint !== null ? `; to go back, ${outcome.restorePoint.restoreCommand}` : ''),
      );
  }
}

/**
 * Executes a planned compaction with the compaction engine (lock, leftovers, divergence, restore point, rewrite,
 * integrity, gc) and records the run so the next one waits for its interval. Anything but a compaction (or a history
 * already short enough) fails the action with the engine's reason.
 */
export async function runCompactionStep(
  action: CompactionAction,
  townRoot: string,
  server: ServerSettings,
  onStep?: (step: CompactionStep) => void,
): Promise<string> {
  const keepNanos = parseGoDuration(action.restorePointKeep);
  if (keepNanos === null) throw new Error(`internal error: the planned restore point keep ${action.restorePointKeep} is not a duration`);
  const outcome = await compactDatabase({
    server,
    townRoot,
    dataDir: server.dataDir.value,
    database: action.database,
    mode: action.mode,
    keepRecent: action.keepRecent,
    gc: action.gc,
    remotes: action.remotes,
    restorePointsKeepMs: keepNanos / NANOS_PER_MS,
    now: () => new Date(),
    onStep,
  });
  const done = describeOutcome(outcome);
  const now = new Date();
  recordLifecycleRun(townPaths(townRoot).lifecycleState, action.database, 'compaction', now);
  if (outcome.status === 'compacted') {
    // the remotes this rewrite left behind: sync may force its push over exactly the head each held (and only that)
    for (const { remote, remoteHead, divergedByRewrite } of outcome.remotes) {
      if (divergedByRewrite && remoteHead !== null) recordCompactionDivergence(townRoot, action.database, remote, remoteHead, outcome.built, now);
    }
  }
  return done;
}
