import type winston from 'winston';
import type { ActionResult } from '../../../src/apply/execute.js';
import { reconcileReport, type ReconcileReport } from '../../../src/apply/reconcile.js';
import type { DesiredState, Supervision } from '../../../src/config/desired.js';
import type { ObservedServer } from '../../../src/observe/observed.js';
import { configSources } from '../../../src/daemon/config-sources.js';
import { ReconcileLoop, type Clock, type LoopCollaborators } from '../../../src/daemon/reconcile-loop.js';
import type { DaemonStatus } from '../../../src/daemon/status-file.js';
import type { DoctorReport } from '../../../src/plan/doctor-types.js';
import type { Plan, ServerAction } from '../../../src/plan/types.js';
import { desiredTown, running, TOWN } from '../plan/fixtures.js';

/** Lets every promise chain the loop started run to its end (the fakes resolve at once). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Time that moves only when a test says so; timers fire in order as it passes them. */
export class FakeClock implements Clock {
  time = Date.parse('2026-01-01T00:00:00Z');
  private readonly timers = new Map<number, { at: number; fire: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(fire: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fire });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing each due timer at its time and letting what it started finish. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.time = Math.max(this.time, timer.at);
      timer.fire();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

export function emptyPlan(overrides: Partial<Plan> = {}): Plan {
  return { actions: [], blocked: [], unmanaged: [], notes: [], errors: [], ...overrides };
}

export function report(results: ActionResult[] = [], remaining: Partial<Plan> = {}, durationMs = 5): ReconcileReport {
  return reconcileReport([emptyPlan()], results, emptyPlan(remaining), durationMs);
}

export const SUPERVISION: Supervision = {
  restartDelayMs: 5_000,
  maxRestartDelayMs: 300_000,
  restartWindowMs: 600_000,
  maxRestartsInWindow: 5,
  healthyResetMs: 300_000,
  healthCheckIntervalMs: 30_000,
};

export function desiredWith(supervision: Partial<Supervision> = {}): DesiredState {
  const town = desiredTown();
  return { ...town, server: { ...town.server, supervision: { ...SUPERVISION, ...supervision } } };
}

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A winston stand-in that keeps every line with its fields. */
export function recordingLogger(): { logger: winston.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => {
    lines.push({ level, message, ...fields });
  };
  const logger = {
    log: (level: string, message: string, fields: Record<string, unknown> = {}) => at(level)(message, fields),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  };
  return { logger: logger as unknown as winston.Logger, lines };
}

/** Every collaborator faked: a town whose config loads, whose reconcile converges and whose server runs. */
export function fakeWorld(desired: DesiredState = desiredWith()) {
  const clock = new FakeClock();
  const statuses: DaemonStatus[] = [];
  const world = {
    clock,
    statuses,
    desired,
    /** The config files' content hash: change it to make the config "change". */
    configContent: 'v1',
    server: running() as ObservedServer,
    reconciles: [] as { at: number }[],
    /** What loading the config throws; null: it loads. */
    configError: null as unknown,
    /** Servers started with the last known-good config (while the config does not load). */
    lastKnownGoodStarts: [] as { at: number; desired: DesiredState }[],
    inspections: 0,
    /** Replace to make a reconcile fail, hang or report something else. */
    nextReport: (): Promise<ReconcileReport> => Promise.resolve(report()),
    /** When gt doctor's checks ran, and what the next run reports (replace to make it fail or hang). */
    doctorRuns: [] as { at: number }[],
    nextDoctorReport: (): Promise<DoctorReport> => Promise.resolve({ checks: [], plan: { actions: [], blocked: [] }, status: 'ok' }),
    disabledPatrols: [] as string[],
  };
  const collaborators: LoopCollaborators = {
    clock,
    random: () => 0.5,
    configFileHashes: () => new Map([[`${TOWN}/mayor/daemon.json`, world.configContent]]),
    loadDesiredState: () => {
      if (world.configError !== null) throw world.configError;
      return { desired: world.desired, diagnostics: [] };
    },
    isProcessAlive: (pid) => world.server.state !== 'stopped' && world.server.pid === pid,
    restartWithLastKnownGood: (lastGood) => {
      world.lastKnownGoodStarts.push({ at: clock.now(), desired: lastGood });
      world.server = running();
      return Promise.resolve([serverResult('server-stopped', 'done', 'pid 4343')]);
    },
    reconcile: () => {
      world.reconciles.push({ at: clock.now() });
      return world.nextReport();
    },
    inspectServer: () => {
      world.inspections++;
      return Promise.resolve(world.server);
    },
    writeStatus: (_townRoot, status) => statuses.push(status),
    runDoctor: () => {
      world.doctorRuns.push({ at: clock.now() });
      return world.nextDoctorReport();
    },
    disabledPatrols: () => world.disabledPatrols,
  };
  return { world, collaborators };
}

/** The server action a reconcile runs for a server it found in `code`'s state, with its result. */
export function serverResult(
  code: 'server-stopped' | 'server-unhealthy' | 'server-config-changed' | 'databases-not-served',
  status: ActionResult['status'],
  message: string | null = null,
): ActionResult {
  const common = { kind: 'server', id: 'server', reason: code, destructive: false } as const;
  const endpoint = { host: '127.0.0.1', port: 3317 };
  const action: ServerAction =
    code === 'server-stopped'
      ? { ...common, verb: 'start', code, before: { state: 'stopped', ...endpoint }, after: { state: 'running', ...endpoint }, needsRestart: false }
      : code === 'server-unhealthy'
        ? { ...common, verb: 'restart', code, before: { state: 'unhealthy' }, after: { state: 'running' }, needsRestart: true }
        : code === 'server-config-changed'
          ? { ...common, verb: 'restart', code, before: {}, after: {}, needsRestart: true }
          : { ...common, verb: 'restart', code, before: { unserved: ['wyvern'] }, after: { unserved: [] }, needsRestart: true };
  return {
    action,
    status,
    durationMs: 40,
    message,
  };
}

/** A loop on a faked world (its clock moved by hand), logging into `lines`; its last status is the last one written. */
export function startTestLoop(desired: DesiredState = desiredWith(), resyncIntervalMs = 600_000) {
  const { world, collaborators } = fakeWorld(desired);
  const { logger, lines } = recordingLogger();
  const loop = new ReconcileLoop({
    townRoot: TOWN,
    files: [],
    cwd: TOWN,
    env: {},
    sources: configSources(TOWN, [], TOWN),
    healthIntervalMs: null,
    resyncIntervalMs,
    lockTimeoutMs: 0,
    prune: false,
    logger,
    collaborators,
  });
  return { loop, world, lines, clock: world.clock, lastStatus: () => world.statuses.at(-1) };
}
