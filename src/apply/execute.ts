import { relative } from 'node:path';
import type mysql from 'mysql2/promise';
import type { DesiredState } from '../config/desired.js';
import { DaemonFileNotWritableError, writeDaemonConfig } from '../config/daemon-file-writer.js';
import { connectToServer, dropConnection } from '../lib/connect.js';
import { HUNG_SERVER_MS, withDeadline } from '../lib/deadline.js';
import { maskUrlsInText } from '../lib/mask.js';
import { plannedDaemonWrite } from '../plan/plan-daemon-config.js';
import type { Action, DaemonConfigAction, IgnoreAction, LedgerExportAction, Plan, ServerAction } from '../plan/types.js';
import { townPaths } from '../lib/town-layout.js';
import { runLedgerExport, type ActionOutcomes } from './ledger-export.js';
import { runLedgerPush } from './ledger-push.js';
import { runDecayStep } from './decay.js';
import { runCompactionStep } from './compaction-step.js';
import { describeDrain } from './drain-decision.js';
import { DRAIN_BOUND_MS, restartServer, startOptionsFor, startServer } from './server-control.js';
import { initializeBeads } from './beads-init.js';
import { addNamedUrl, createDatabase, dropDatabase, ensureIgnorePatterns, removeNamedUrl, replaceNamedUrl } from './sql-actions.js';
import { runBackupSyncStep, runPushStep } from './sync-steps.js';
import { writeTownFile } from './town-file-writer.js';

export interface ActionResult {
  action: Action;
  status: 'done' | 'failed' | 'skipped';
  durationMs: number;
  /** What happened beyond "done": an error, an undo command, a commit hash. */
  message: string | null;
}

export interface ExecuteHooks {
  onStart?: (actions: readonly Action[]) => void;
  /** One step's results: a step is one action, or the actions that run together (see `steps`). */
  onStep?: (results: readonly ActionResult[]) => void;
  /** What a step in flight is waiting for (a restart waiting for busy clients), told while it waits. */
  onProgress?: (action: Action, message: string) => void;
  /** Once aborted, the step in flight finishes and the remaining steps are skipped (the daemon's shutdown). */
  signal?: AbortSignal;
  /** How long one SQL step may wait on the server before it is called hung; HUNG_SERVER_MS unless given. */
  hungServerMs?: number;
}

/**
 * Actions that run as one step: all of daemon.json's (fills and settings) are one write, a database's ignore patterns
 * one commit, and every ledger file one export and one git commit.
 */
function steps(actions: readonly Action[]): Action[][] {
  const result: Action[][] = [];
  const daemonConfig: DaemonConfigAction[] = [];
  const ledger: LedgerExportAction[] = [];
  const ignoreByDatabase = new Map<string, IgnoreAction[]>();
  for (const action of actions) {
    if (action.kind === 'daemon-config') {
      if (daemonConfig.length === 0) result.push(daemonConfig);
      daemonConfig.push(action);
    } else if (action.kind === 'ledger') {
      if (ledger.length === 0) result.push(ledger);
      ledger.push(action);
    } else if (action.kind === 'ignore') {
      let group = ignoreByDatabase.get(action.database);
      if (!group) {
        group = [];
        ignoreByDatabase.set(action.database, group);
        result.push(group);
      }
      group.push(action);
    } else {
      result.push([action]);
    }
  }
  return result;
}

/**
 * A failure here makes every later action meaningless: no server, or a daemon.json that changed since the plan (its
 * settings may no longer be the planned ones). A daemon.json gt may not write stops nothing: the server and the
 * databases do not depend on what that step writes (the lifecycle entries, and who else supervises the server).
 */
function stopsEverything(action: Action, error: unknown): boolean {
  if (action.kind === 'daemon-config') return !(error instanceof DaemonFileNotWritableError);
  return action.kind === 'server';
}

/** The connection died (the server was killed) or the server stopped answering: later SQL steps cannot succeed. */
function serverLost(error: unknown): boolean {
  return error instanceof ServerNotAnsweringError || (error as { fatal?: unknown } | null)?.fatal === true;
}

class ServerNotAnsweringError extends Error {
  constructor(waitedMs: number) {
    super(
      `the server did not answer within ${waitedMs / 1000} s (hung?); gt gave up on it — the next apply restarts a hung server`,
    );
  }
}

/** The database a step works on; null for steps on files, the server, or the ledger (whose step spans databases). */
function databaseOf(action: Action): string | null {
  const spansDatabases = action.kind === 'ledger' || action.kind === 'ledger-push';
  return action.kind === 'server' || action.kind === 'daemon-config' || action.kind === 'town-file' || spansDatabases ? null : action.database;
}

/**
 * Steps that only talk to the server, bounded by the hung-server deadline (bd's calls and decay have their own bounds,
 * and so have a push and a backup sync: their declared timeout, as a first push may take an hour).
 */
function boundByServerDeadline(action: Action): boolean {
  return action.kind === 'database' || action.kind === 'remote' || action.kind === 'ignore' || action.kind === 'backup';
}

/** The one connection a plan's SQL steps share: opened on first use, closed before a server (re)start. */
class StepConnection {
  private connection: mysql.Connection | null = null;

  constructor(private readonly settings: DesiredState['server']) {}

  async get(): Promise<mysql.Connection> {
    return (this.connection ??= await connectToServer(this.settings));
  }

  /** Ends it politely (a server step is about to stop the server). */
  async close(): Promise<void> {
    const open = this.connection;
    this.connection = null;
    await open?.end();
  }

  /** Drops it without a goodbye (the server stopped answering). */
  drop(): void {
    if (this.connection !== null) dropConnection(this.connection);
    this.connection = null;
  }
}

function runDaemonConfigStep(step: readonly DaemonConfigAction[], desired: DesiredState): string {
  const { filled, set } = writeDaemonConfig(desired.daemonConfig.path, plannedDaemonWrite(step));
  const parts = [
    ...(filled.length > 0 ? [`filled ${filled.length} patrol entr${filled.length === 1 ? 'y' : 'ies'}`] : []),
    ...(set.length > 0 ? [`set ${set.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'nothing to write';
}

async function runServerStep(action: ServerAction, desired: DesiredState, hooks: ExecuteHooks): Promise<string> {
  const options = startOptionsFor(desired.databases);
  const onWaiting = (message: string): void => hooks.onProgress?.(action, message);
  const { pid, movedAside, drain } =
    action.verb === 'start'
      ? { ...(await startServer(desired.townRoot, desired.server, options)), drain: null }
      : await restartServer(desired.townRoot, desired.server, { ...options, drainMs: DRAIN_BOUND_MS, onWaiting });
  const moved = movedAside.map((path) => relative(desired.townRoot, path));
  const drained = drain === null ? null : describeDrain(drain, DRAIN_BOUND_MS);
  return [`pid ${pid}`, drained, moved.length > 0 ? `moved what an interrupted create left to ${moved.join(', ')}` : null]
    .filter((part) => part !== null)
    .join('; ');
}

/**
 * Runs one step; returns what happened beyond "done" (an undo command, a commit hash), or null; or, for a step whose
 * actions can end differently, each action's outcome.
 */
async function runStep(
  step: readonly Action[],
  plan: Plan,
  desired: DesiredState,
  connection: StepConnection,
  hooks: ExecuteHooks,
): Promise<string | null | ActionOutcomes> {
  const first = step[0] as Action;
  switch (first.kind) {
    case 'daemon-config':
      return runDaemonConfigStep(step.filter((action): action is DaemonConfigAction => action.kind === 'daemon-config'), desired);
    case 'server':
      await connection.close();
      return runServerStep(first, desired, hooks);
    case 'database':
      if (first.verb === 'create') {
        await createDatabase(await connection.get(), first.database, desired.server.port.value);
        return null;
      }
      return dropDatabase(await connection.get(), first.database);
    case 'remote':
    case 'backup':
      if (first.verb === 'create') await addNamedUrl(await connection.get(), first.kind, first.database, first.name, first.toUrl);
      else if (first.verb === 'delete') await removeNamedUrl(await connection.get(), first.kind, first.database, first.name);
      else await replaceNamedUrl(await connection.get(), first.kind, first.database, first.name, first);
      return null;
    case 'ignore': {
      const patterns = step.filter((action): action is IgnoreAction => action.kind === 'ignore').map((action) => action.pattern);
      const hash = await ensureIgnorePatterns(await connection.get(), first.database, patterns);
      return hash ? `commit ${hash}` : 'already present';
    }
    case 'decay':
      return runDecayStep(first, desired.townRoot, desired.server, hooks.hungServerMs ?? HUNG_SERVER_MS);
    case 'compaction':
      return runCompactionStep(first, desired.townRoot, desired.server, (step) => hooks.onProgress?.(first, `compaction: ${step} done`));
    case 'push':
      return runPushStep(first, desired.townRoot, desired.server);
    case 'backup-sync':
      return runBackupSyncStep(first, desired.townRoot, desired.server);
    case 'town-file':
      return writeTownFile(desired.townRoot, first);
    case 'beads':
      return initializeBeads(first, desired.server, await connection.get());
    case 'ledger':
      return runLedgerExport(
        step.filter((action): action is LedgerExportAction => action.kind === 'ledger'),
        desired.ledger?.remote ?? '',
        {
          connection: await connection.get(),
          statePath: townPaths(desired.townRoot).ledgerState,
          timeoutMs: hooks.hungServerMs ?? HUNG_SERVER_MS,
          now: new Date(),
          pushFollows: plan.actions.some((action) => action.kind === 'ledger-push'),
        },
      );
    case 'ledger-push':
      return runLedgerPush(first, townPaths(desired.townRoot).ledgerState);
  }
}

/**
 * Why a step must not run although nothing before it stopped the plan: the server's state file lists what the data
 * dir holds after the plan's database steps, which is no longer true once one of them failed.
 */
function dependsOnFailed(action: Action, failedDatabases: ReadonlySet<string>, failedIds: ReadonlySet<string>): string | null {
  const database = databaseOf(action);
  if (database !== null && failedDatabases.has(database)) return `database ${database} could not be created`;
  if (action.kind === 'push' && failedIds.has(`remote/${action.database}/${action.remote}`)) return `remote ${action.remote} could not be configured`;
  if (action.kind === 'backup-sync' && failedIds.has(`backup/${action.database}/${action.name}`)) return `backup ${action.name} could not be configured`;
  if (action.kind === 'town-file' && action.role === 'server-state' && failedDatabases.size > 0) {
    return 'a database step failed, so the planned database list is not what the data dir holds; the next apply plans it again';
  }
  return null;
}

/**
 * Executes a plan's actions in order. A failed server step, or a daemon-config step whose file changed since the plan,
 * skips the rest; a failed database create skips that database's remotes, ignore patterns and beads initialization,
 * and any failed database step the server state file's database list; a failed remote or backup step skips its push or
 * sync; other failures do not stop independent actions.
 */
export async function executePlan(plan: Plan, desired: DesiredState, hooks: ExecuteHooks = {}): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  const hungServerMs = hooks.hungServerMs ?? HUNG_SERVER_MS;
  const failedDatabases = new Set<string>();
  /** Remotes and backups whose step failed: their push or sync is skipped. */
  const failedIds = new Set<string>();
  /** Why the remaining steps are skipped; null while they run. */
  let stopped: string | null = null;
  const connection = new StepConnection(desired.server);

  try {
    for (const step of steps(plan.actions)) {
      const first = step[0] as Action;
      const report = (status: ActionResult['status'], durationMs: number, message: string | null | ActionOutcomes): void => {
        const stepResults = step.map((action) => {
          const own = message instanceof Map ? message.get(action as LedgerExportAction) : undefined;
          return own === undefined
            ? { action, status, durationMs, message: message instanceof Map ? null : message }
            : { action, status: own.status, durationMs, message: own.message };
        });
        results.push(...stepResults);
        hooks.onStep?.(stepResults);
      };
      if (hooks.signal?.aborted) {
        report('skipped', 0, 'gt is stopping');
        continue;
      }
      const dependency = dependsOnFailed(first, failedDatabases, failedIds);
      if (stopped !== null || dependency !== null) {
        report('skipped', 0, stopped ?? dependency);
        continue;
      }
      hooks.onStart?.(step);
      const started = performance.now();
      try {
        const running = runStep(step, plan, desired, connection, hooks);
        // a decay bounds each of its statements itself: the whole of a large one may take longer than one step
        const message =
          !boundByServerDeadline(first)
            ? await running
            : await withDeadline(running, hungServerMs, () => {
                connection.drop();
                return new ServerNotAnsweringError(hungServerMs);
              });
        report('done', Math.round(performance.now() - started), message);
      } catch (error) {
        // Dolt's errors quote the URL they refused, credentials and all
        const message = maskUrlsInText(error instanceof Error ? error.message : String(error));
        report('failed', Math.round(performance.now() - started), message);
        if (stopsEverything(first, error)) stopped = 'an earlier step failed';
        else if (serverLost(error)) stopped = 'the server stopped answering';
        if (first.kind === 'database') failedDatabases.add(first.database);
        for (const action of step) failedIds.add(action.id);
      }
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
  return results;
}
