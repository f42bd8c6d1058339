import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { connectToServer, dropConnection } from '../../lib/connect.js';
import { divergenceAfterRewrite, divergenceBlocks, readRemoteStates, type Block, type RemoteState } from './divergence.js';
import { collectGarbage, moveHistoryOutOfJournal } from './gc.js';
import { branchNames, commitCount, headOf, isInHistoryOf, MAIN, WORK_BRANCHES } from './history.js';
import { verifySwap } from './integrity-check.js';
import { ourBranches, planLeftovers, type LeftoverPlan } from './leftovers.js';
import { compactionLockName, releaseLock, tryLock } from './named-lock.js';
import { readPreState } from './pre-state.js';
import {
  listRestorePoints,
  newestRecordWithPreState,
  recordedRemoteHeads,
  removeRestorePoint,
  restorePointRef,
  takeRestorePoint,
  writeRestorePointRecord,
  type RestorePointRecord,
} from './restore-points.js';
import { buildMarker, deleteBranches, flattenedMessage, nothingToCompact, swapMain } from './rewrite.js';
import { textOf } from './session.js';
import { directoryBytes } from './storage.js';
import { buildSurgical, FOLDED_MESSAGE, SEAM_SWAP_MESSAGE, selectSurgical, type SurgicalSelection } from './surgical.js';
import type {
  CompactionMode,
  CompactionOutcome,
  CompactionRequest,
  CompactionStep,
  FailedOutcome,
  InterruptedRun,
  Leftover,
  RestorePointRef,
  StepTiming,
} from './types.js';

/** A step that threw: the run stops there. */
class StepFailure extends Error {
  constructor(
    readonly step: CompactionStep,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

type Preconditions =
  | { kind: 'ready'; states: RemoteState[]; surgical: SurgicalSelection | null }
  | { kind: 'nothing'; reason: string; commits: number }
  | { kind: 'blocked'; blocks: Block[] };

/** What the checks and the outcome need of a rewrite, whether this run made it or finishes an interrupted one. */
interface Rewritten {
  mode: CompactionMode;
  /** The marker commit main's history now holds. */
  built: string;
  /** The markers the swaps merged, in order: the marker alone, or surgical's seam and then the marker. */
  markers: string[];
  preCounts: Record<string, number>;
  commitsBefore: number;
  storageBefore: number | null;
  states: RemoteState[];
}

/** One run of the engine on its dedicated connection: the steps in order, each timed and reported when done. */
class CompactionRun {
  private readonly timings: StepTiming[] = [];
  private leftovers: Leftover[] = [];
  private interrupted: InterruptedRun = null;
  private restorePoint: RestorePointRef | null = null;
  private mainRewritten = false;
  private readonly lock: string;

  constructor(
    private readonly request: CompactionRequest,
    private readonly connection: mysql.Connection,
  ) {
    this.lock = compactionLockName(request.database);
  }

  async execute(): Promise<CompactionOutcome> {
    try {
      if (!(await this.step('lock', () => tryLock(this.connection, this.lock)))) return this.busy();
      const plan = await this.step('leftovers', () => this.handleLeftovers());
      if (plan.interrupted === 'finished') return await this.finishInterrupted();
      const ready = await this.step('divergence', () => this.preconditions());
      if (ready.kind !== 'ready') return await this.stopBefore(ready);
      return await this.rewrite(ready);
    } catch (error) {
      if (error instanceof StepFailure) return this.failed(error);
      throw error;
    }
  }

  private async step<T>(step: CompactionStep, body: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let result: T;
    try {
      result = await body();
    } catch (error) {
      throw new StepFailure(step, error);
    }
    this.timings.push({ step, ms: Math.round(performance.now() - started) });
    await this.request.onStep?.(step);
    return result;
  }

  private base(): { database: string; timings: StepTiming[]; leftovers: Leftover[]; interrupted: InterruptedRun } {
    return { database: this.request.database, timings: this.timings, leftovers: this.leftovers, interrupted: this.interrupted };
  }

  private ref(name: string): RestorePointRef {
    return restorePointRef(this.request.townRoot, this.request.database, name, this.request.invocation);
  }

  private busy(): CompactionOutcome {
    return { status: 'busy', reason: `another session holds the compaction lock ${this.lock}: a compaction of ${this.request.database} is running`, ...this.base() };
  }

  private async handleLeftovers(): Promise<LeftoverPlan> {
    const { townRoot, database } = this.request;
    const branches = await branchNames(this.connection);
    const inMain = async (branch: string): Promise<boolean | null> =>
      branches.includes(branch) ? isInHistoryOf(this.connection, await headOf(this.connection, branch), MAIN) : null;
    const found = { branches, builtInMain: await inMain(WORK_BRANCHES.built), seamInMain: await inMain(WORK_BRANCHES.seam), restorePoints: listRestorePoints(townRoot, database) };
    const plan = planLeftovers(found, this.request.now(), this.request.restorePointsKeepMs);
    await deleteBranches(this.connection, plan.deleteBranches);
    for (const name of plan.removeRestorePoints) removeRestorePoint(townRoot, database, name);
    this.leftovers = plan.leftovers;
    this.interrupted = plan.interrupted;
    return plan;
  }

  private async preconditions(): Promise<Preconditions> {
    const { database, mode, remotes, townRoot, keepRecent } = this.request;
    const branch = await textOf(this.connection, 'SELECT active_branch()');
    if (branch !== MAIN) {
      return { kind: 'blocked', blocks: [{ reason: `${database}'s default branch is ${branch}, and compaction rewrites main`, fix: 'compact databases whose default branch is main (as bd creates them)' }] };
    }
    const commits = await commitCount(this.connection, MAIN);
    const flat = nothingToCompact(commits);
    if (flat !== null) return { kind: 'nothing', reason: flat, commits };
    const surgical = mode === 'surgical' ? await selectSurgical(this.connection, keepRecent) : null;
    if (typeof surgical === 'string') return { kind: 'nothing', reason: surgical, commits };
    const states = await readRemoteStates(this.connection, remotes);
    const blocks = divergenceBlocks(database, states, recordedRemoteHeads(townRoot, database));
    return blocks.length > 0 ? { kind: 'blocked', blocks } : { kind: 'ready', states, surgical };
  }

  private async stopBefore(stop: Exclude<Preconditions, { kind: 'ready' }>): Promise<CompactionOutcome> {
    await this.step('release', () => releaseLock(this.connection, this.lock));
    if (stop.kind === 'blocked') return { status: 'blocked', reasons: stop.blocks, ...this.base() };
    return { status: 'nothing-to-do', reason: stop.reason, commits: stop.commits, ...this.base() };
  }

  private async rewrite({ states, surgical }: Extract<Preconditions, { kind: 'ready' }>): Promise<CompactionOutcome> {
    const { connection, request } = this;
    // measured before the restore point's gc, which rewrites the storage too
    const storageBytes = directoryBytes(this.databaseDir());
    const record = await this.step('restore-point', () => this.takeRestorePoint());
    this.restorePoint = this.ref(record.name);
    const pre = await this.step('pre-state', () => this.recordPreState(record, states, storageBytes));
    const rewritten = { mode: request.mode, preCounts: pre.counts, commitsBefore: pre.commits, storageBefore: pre.storageBytes, states };
    if (surgical === null) {
      const built = await this.step('build', () => buildMarker(connection, pre.commits));
      await this.step('swap', () => swapMain(connection, built, flattenedMessage(pre.commits)));
      this.mainRewritten = true;
      return this.verifyAndFinish({ ...rewritten, built, markers: [built] });
    }
    const { built, seam } = await this.step('build', () => buildSurgical(connection, surgical));
    await this.step('seam', () => swapMain(connection, seam, SEAM_SWAP_MESSAGE));
    this.mainRewritten = true;
    await this.step('swap', () => swapMain(connection, built, FOLDED_MESSAGE));
    return this.verifyAndFinish({ ...rewritten, built, markers: [seam, built] });
  }

  /**
   * A plain gc first, whatever the declared mode: it moves the history out of Dolt's live journal into table files.
   * A backup of history still in the journal holds up every commit to the database while it copies (2,000 commits:
   * 2 s, a commit held 600–800 ms); after the gc the backup took 40–60 ms and held no commit.
   */
  private async takeRestorePoint(): Promise<RestorePointRecord> {
    const { townRoot, database, mode } = this.request;
    await moveHistoryOutOfJournal(this.connection);
    return takeRestorePoint(this.connection, townRoot, database, this.request.now(), mode);
  }

  private databaseDir(): string {
    return join(this.request.dataDir, this.request.database);
  }

  /** The pre-state, written into the restore point's record: a run that finishes this one if it is killed reads it. */
  private async recordPreState(
    record: RestorePointRecord,
    states: readonly RemoteState[],
    storageBytes: number,
  ): Promise<NonNullable<RestorePointRecord['preState']>> {
    const preState = {
      ...(await readPreState(this.connection)),
      storageBytes,
      remoteHeads: Object.fromEntries(states.map((state) => [state.remote, state.remoteHead])),
    };
    writeRestorePointRecord(this.request.townRoot, { ...record, preState });
    return preState;
  }

  /** An earlier run was killed after the swap (or between surgical's two): finish the swaps, check, clean up and gc as it would have. */
  private async finishInterrupted(): Promise<CompactionOutcome> {
    const { townRoot, database, remotes } = this.request;
    const record = newestRecordWithPreState(townRoot, database);
    if (record?.preState === undefined) {
      throw new StepFailure(
        'leftovers',
        new Error(
          `main holds the rewritten history of an interrupted compaction (its marker, branch ${WORK_BRANCHES.built} or ${WORK_BRANCHES.seam}), but no restore point records what it started from, ` +
            `so it cannot be checked; check ${database}, then delete those branches (CALL DOLT_BRANCH('-D', '${WORK_BRANCHES.built}')) to start over`,
        ),
      );
    }
    this.restorePoint = this.ref(record.name);
    this.mainRewritten = true;
    const { preState } = record;
    const built = await headOf(this.connection, WORK_BRANCHES.built);
    const markers = [built];
    if (record.mode === 'surgical') {
      markers.unshift(await headOf(this.connection, WORK_BRANCHES.seam));
      if (!(await isInHistoryOf(this.connection, built, MAIN))) await this.step('swap', () => swapMain(this.connection, built, FOLDED_MESSAGE));
    }
    const states = await readRemoteStates(this.connection, remotes, false);
    return this.verifyAndFinish({ mode: record.mode, built, markers, preCounts: preState.counts, commitsBefore: preState.commits, storageBefore: preState.storageBytes, states });
  }

  private async verifyAndFinish(rewritten: Rewritten): Promise<CompactionOutcome> {
    const { connection } = this;
    const restorePoint = this.restorePoint as RestorePointRef;
    const problems = await this.step('integrity', () => verifySwap(connection, rewritten.preCounts, rewritten.markers));
    if (problems.length > 0) {
      await this.step('release', () => releaseLock(connection, this.lock));
      return { status: 'integrity-failed', problems, restorePoint, ...this.base() };
    }
    await this.step('cleanup', async () => deleteBranches(connection, ourBranches(await branchNames(connection))));
    await this.step('gc', () => collectGarbage(connection, this.request.gc));
    const remotes = await divergenceAfterRewrite(connection, rewritten.states);
    const commitsAfter = await commitCount(connection, MAIN);
    const storageAfter = directoryBytes(this.databaseDir());
    await this.step('release', () => releaseLock(connection, this.lock));
    return {
      status: 'compacted',
      mode: rewritten.mode,
      commits: { before: rewritten.commitsBefore, after: commitsAfter },
      storage: { before: rewritten.storageBefore, after: storageAfter },
      restorePoint,
      built: rewritten.built,
      remotes,
      gc: this.request.gc,
      ...this.base(),
    };
  }

  /**
   * A failed step. Work branches of a rewrite that cannot have reached main are removed (best effort: the next run
   * would); after a failed swap they stay, for the next run to tell whether main holds the marker (a swap whose
   * COMMIT reached the server but whose answer did not).
   */
  private async failed(failure: StepFailure): Promise<FailedOutcome> {
    if (!this.mainRewritten && failure.step !== 'swap' && failure.step !== 'seam') {
      await branchNames(this.connection)
        .then((branches) => deleteBranches(this.connection, ourBranches(branches)))
        .catch(() => undefined);
    }
    return { status: 'failed', step: failure.step, error: failure.message, mainRewritten: this.mainRewritten, restorePoint: this.restorePoint, ...this.base() };
  }
}

/**
 * Compacts one database's history on the running server, flatten or surgical: lock, leftovers, divergence, restore
 * point, pre-state, build, swap (surgical: seam, then swap), integrity, cleanup, gc, release, each checked before the
 * next (see CompactionStep). Everything runs on one dedicated connection. The outcome says what happened; the caller
 * exits 1 on `integrity-failed`.
 */
export async function compactDatabase(request: CompactionRequest): Promise<CompactionOutcome> {
  const connection = await connectToServer(request.server, { database: request.database, timeoutMs: 10_000 });
  try {
    return await new CompactionRun(request, connection).execute();
  } finally {
    await connection.end().catch(() => dropConnection(connection));
  }
}
