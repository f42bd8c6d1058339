import type winston from 'winston';
import type { ActionResult } from '../apply/execute.js';
import { reconcile, type ActionCounts } from '../apply/reconcile.js';
import { stopServer } from '../apply/server-control.js';
import type { DesiredState } from '../config/desired.js';
import { formatDiagnostic } from '../config/diagnostics.js';
import { isProcessAlive } from '../lib/process.js';
import { loadDesiredState } from '../config/load.js';
import { readDisabledPatrols } from '../config/town-runtime-files.js';
import { diskYamlCache, type YamlParseCache } from '../config/yaml-documents.js';
import { gtSupervises, resolveServerSettings } from '../config/server-settings.js';
import type { ObservedServer } from '../observe/observed.js';
import { inspectServer } from '../observe/server-process.js';
import type { ResourceCondition } from './conditions.js';
import { configFileHashes, fingerprintOf, type ConfigFileHashes, type ConfigSources } from './config-sources.js';
import { actionLogRecord, interpretCycle, isCrashRestart, type CycleOutcome, type LogRecord } from './cycle-outcome.js';
import type { DaemonOptions } from './daemon.js';
import { DoctorRunner, runDoctorChecks } from './doctor-runner.js';
import { jitteredInterval } from './jitter.js';
import { DaemonMetrics } from './metrics.js';
import { restartWithLastKnownGood } from './last-known-good.js';
import type { Clock, LastReconcile, Trigger } from './loop-types.js';
import { ReconcilePolicy } from './policy.js';
import { statusDocument, writeDaemonStatus, type DaemonStatus, type StatusError } from './status-file.js';

export type { Clock } from './loop-types.js';

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fire, ms) => setTimeout(fire, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the loop does to the world: real by default, fakes in unit tests. */
export interface LoopCollaborators {
  loadDesiredState: typeof loadDesiredState;
  reconcile: typeof reconcile;
  inspectServer: (townRoot: string, settings: DesiredState['server']) => Promise<ObservedServer>;
  configFileHashes: (sources: ConfigSources) => ConfigFileHashes;
  writeStatus: (townRoot: string, status: DaemonStatus) => void;
  restartWithLastKnownGood: typeof restartWithLastKnownGood;
  isProcessAlive: (pid: number) => boolean;
  clock: Clock;
  /** In [0, 1), like Math.random: the resync's jitter. */
  random: () => number;
  /** gt doctor's read-only checks, on Gas Town's doctor_dog interval. */
  runDoctor: typeof runDoctorChecks;
  disabledPatrols: (townRoot: string) => readonly string[];
}

const realCollaborators: LoopCollaborators = {
  loadDesiredState,
  reconcile,
  inspectServer,
  configFileHashes,
  writeStatus: writeDaemonStatus,
  restartWithLastKnownGood,
  isProcessAlive,
  clock: systemClock,
  random: Math.random,
  runDoctor: runDoctorChecks,
  disabledPatrols: readDisabledPatrols,
};

export type LoopOptions = Pick<DaemonOptions, 'files' | 'cwd' | 'env' | 'healthIntervalMs' | 'resyncIntervalMs' | 'lockTimeoutMs' | 'prune'> & {
  townRoot: string;
  sources: ConfigSources;
  logger: winston.Logger;
  /** Replaces some of the real collaborators (unit tests). */
  collaborators?: Partial<LoopCollaborators>;
  /** Where the loop records its reconciles and actions (the daemon serves them); a registry of its own unless given. */
  metrics?: DaemonMetrics;
  /** Told each time a config has loaded (the daemon binds its metrics endpoint where the config says). */
  onConfigLoaded?: (desired: DesiredState) => void;
};

type TimerName = 'health' | 'liveness' | 'resync' | 'restart' | 'retry';

/**
 * How often the daemon checks that the server it saw running still exists: a signal-0 of its pid and a read of
 * /proc, no SQL. A server killed (kill -9, OOM killer) is noticed within this, not at the next health check (30 s
 * by default), so agents get their server back in seconds.
 */
const LIVENESS_POLL_MS = 1_000;

/** Gas Town's supervision defaults, from the one resolver, until a config has loaded. */
function defaultSupervision(townRoot: string): DesiredState['server']['supervision'] {
  return resolveServerSettings({ townRoot, daemon: {}, env: {}, serverConfigPort: null, daemonEnv: {} }).supervision;
}

export class ReconcileLoop {
  private readonly policy: ReconcilePolicy;
  /** Kept across reloads: a reload parses only the files that changed. */
  private readonly yamlCache: YamlParseCache;
  private readonly world: LoopCollaborators;
  private readonly clock: Clock;
  private readonly abort = new AbortController();
  private readonly startedAt: number;
  private desired: DesiredState | null = null;
  private pending = new Set<Trigger>();
  private healthCheckPending = false;
  private running: Promise<void> | null = null;
  private stopping = false;
  private reconciling = false;
  private readonly timers = new Map<TimerName, unknown>();
  private readonly doctor: DoctorRunner;

  private server: ObservedServer | null = null;
  private serverCheckedAt: number | null = null;
  private configHash: string | null = null;
  private warnedFingerprint: string | null = null;
  private lastReconcile: LastReconcile | null = null;
  private lastError: StatusError | null = null;
  private lastKnownGoodAt: number | null = null;
  /** The pid whose exit the liveness poll reported, so that it is reported once. */
  private exitedPid: number | null = null;
  private resources: ResourceCondition[] = [];
  private unmanaged: string[] = [];
  private readonly metrics: DaemonMetrics;

  constructor(private readonly options: LoopOptions) {
    this.world = { ...realCollaborators, ...options.collaborators };
    this.clock = this.world.clock;
    this.startedAt = this.clock.now();
    this.policy = new ReconcilePolicy(defaultSupervision(options.townRoot));
    this.yamlCache = diskYamlCache(options.env);
    this.metrics = options.metrics ?? new DaemonMetrics();
    this.doctor = new DoctorRunner({
      clock: this.clock,
      run: this.world.runDoctor,
      disabledPatrols: this.world.disabledPatrols,
      logger: options.logger,
      onChange: () => this.writeStatus(),
    });
  }

  start(): void {
    this.request('startup');
    this.armResync();
    this.armHealthCheck();
    this.armLivenessPoll();
  }

  /** Asks for a reconcile; it runs as soon as no other one does. */
  request(trigger: Trigger): void {
    if (this.stopping) return;
    this.pending.add(trigger);
    this.kick();
  }

  /** Stops triggering, skips what the reconcile in flight has not started yet and waits for it to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    await this.running;
    await this.doctor.stop();
    this.writeStatus(true);
  }

  /** For --stop-server-on-exit: stops the server this town's config describes (only one gt supervises). */
  async stopServer(): Promise<string> {
    if (this.desired === null) return 'no config was ever loaded: gt does not know which server to stop';
    const { supervisor } = this.desired.server;
    if (supervisor.value === 'external') return 'the server is external: gt never stops it';
    if (supervisor.value === 'gastown') return "Gas Town's daemon supervises the server: gt never stops it";
    const { stopped, pid } = await stopServer(this.desired.townRoot, this.desired.server);
    return stopped ? `stopped the Dolt server (PID ${String(pid)})` : 'the Dolt server was not running';
  }

  private kick(): void {
    if (this.running !== null) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (!this.stopping && (this.pending.size > 0 || this.healthCheckPending)) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopping && (this.pending.size > 0 || this.healthCheckPending)) {
      try {
        if (this.pending.size > 0) {
          const triggers = this.pending;
          this.pending = new Set();
          this.healthCheckPending = false; // every cycle ends with a look at the server
          await this.cycle(triggers);
        } else {
          this.healthCheckPending = false;
          await this.observeServer();
          this.writeStatus();
        }
      } catch (error) {
        // A bug must not end the loop; it is logged and the next trigger tries again.
        this.options.logger.error(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, {
          event: 'internal-error',
        });
      }
    }
  }

  private async cycle(triggers: ReadonlySet<Trigger>): Promise<void> {
    const { logger, sources } = this.options;
    const hashes = this.world.configFileHashes(sources);
    const admission = this.policy.admit(triggers, fingerprintOf(hashes), this.clock.now());
    const triggerList = [...triggers];
    if (!admission.run) {
      logger.debug(`no reconcile (${triggerList.join(', ')}): ${admission.reason}`, { event: 'skip', triggers: triggerList });
      this.writeStatus();
      return;
    }
    if (admission.configChanged) logger.info('the config changed: restart budget, backoff and stalls are reset', { event: 'config-changed' });
    this.clearTimer('restart');
    this.clearTimer('retry');
    this.reconciling = true;
    this.writeStatus();
    const startedAt = this.clock.now();
    try {
      if ('lastKnownGood' in admission) await this.restartWithLastKnownGood();
      else this.learn(await this.reconcileOnce(hashes), triggerList, hashes, startedAt);
    } finally {
      this.reconciling = false;
    }
    await this.observeServer();
    const retryAt = this.policy.nextRetryAt();
    if (retryAt !== null) this.armAt('retry', retryAt, () => this.request('retry'));
    if (this.desired !== null) this.doctor.schedule(this.desired);
    this.writeStatus();
  }

  /** Loads the config and runs the reconcile; whatever happens is the outcome, interpreted by `learn`. */
  private async reconcileOnce(hashes: ConfigFileHashes): Promise<CycleOutcome> {
    const desired = this.loadConfig(fingerprintOf(hashes));
    if (!('server' in desired)) return desired;
    /** What the steps of this reconcile did so far: the counts a reconcile that throws part-way logs. */
    const stepCounts: ActionCounts = { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 };
    const { logger } = this.options;
    try {
      const report = await this.world.reconcile(desired, {
        command: 'gt daemon run',
        lockTimeoutMs: this.options.lockTimeoutMs,
        yamlCache: this.yamlCache,
        prune: this.options.prune,
        force: false,
        hooks: {
          signal: this.abort.signal,
          onStart: (actions) => {
            logger.debug(`starting: ${actions.map((action) => `${action.verb} ${action.id}`).join(', ')}`, {
              event: 'action-start',
              planned: actions.map(({ id, kind, verb }) => ({ id, kind, verb })),
            });
          },
          onProgress: (action, message) => {
            logger.info(`${action.verb} ${action.id}: ${message}`, { event: 'action-progress', action: action.id });
          },
          onStep: (results) => {
            for (const result of results) {
              stepCounts[result.status]++;
              this.metrics.recordAction(result);
              this.log(actionLogRecord(result));
            }
          },
        },
      });
      return { kind: 'reconciled', desired, report };
    } catch (error) {
      return { kind: 'threw', error, stepCounts };
    }
  }

  /** The config as it is now (its warnings logged once per content), or the error that stops this cycle. */
  private loadConfig(fingerprint: string): DesiredState | Extract<CycleOutcome, { kind: 'config-error' }> {
    const { townRoot, files, env, cwd, logger } = this.options;
    try {
      const loaded = this.world.loadDesiredState({ town: townRoot, files, env, cwd, yamlCache: this.yamlCache });
      if (this.warnedFingerprint !== fingerprint) {
        for (const warning of loaded.diagnostics) logger.warn(formatDiagnostic(warning), { event: 'config-warning' });
        this.warnedFingerprint = fingerprint;
      }
      this.desired = loaded.desired;
      this.configHash = fingerprint;
      this.lastKnownGoodAt = null;
      this.policy.configure(loaded.desired.server.supervision);
      this.options.onConfigLoaded?.(loaded.desired);
      return loaded.desired;
    } catch (error) {
      return { kind: 'config-error', error };
    }
  }

  /** Stores what the cycle taught, feeds the policy and logs the cycle's line. */
  private learn(outcome: CycleOutcome, triggers: Trigger[], hashes: ConfigFileHashes, startedAt: number): void {
    const now = this.clock.now();
    const learned = interpretCycle(outcome, {
      triggers,
      startedAt,
      now,
      hashes,
      daemonJson: this.options.sources.daemonJson,
      previous: { resources: this.resources, lastError: this.lastError },
    });
    if (learned.ownWriteFingerprint !== null) this.policy.acknowledge(learned.ownWriteFingerprint);
    this.policy.afterReconcile(learned.policyOutcome, now);
    this.lastReconcile = learned.lastReconcile;
    this.metrics.recordReconcile(learned.lastReconcile, now);
    this.lastError = learned.lastError;
    this.resources = learned.resources;
    if (learned.unmanaged !== null) this.unmanaged = learned.unmanaged;
    this.log(learned.log);
  }

  /** The config does not load and the server is down: bring it back with the last config that loaded, alone. */
  private async restartWithLastKnownGood(): Promise<void> {
    const { desired, server, lastError } = this;
    if (desired === null || server === null || server.state === 'running') return;
    const locations = lastError?.locations ?? [];
    const where = locations.map(({ file, line, column }) => `${file}:${line}:${column}`).join(', ');
    this.options.logger.warn(`the config is invalid (${where}); restarting the server with the last known-good settings`, {
      event: 'last-known-good',
      serverState: server.state,
      configErrors: locations,
    });
    const onStep = (results: readonly ActionResult[]): void =>
      results.forEach((result) => {
        this.metrics.recordAction(result);
        this.log(actionLogRecord(result));
      });
    const hooks = { signal: this.abort.signal, onStep };
    let results: ActionResult[] = [];
    try {
      results = await this.world.restartWithLastKnownGood(desired, server, { lockTimeoutMs: this.options.lockTimeoutMs, hooks });
    } catch (error) {
      this.options.logger.error(`cannot restart the server with the last known-good settings: ${(error as Error).message}`, { event: 'last-known-good', error: (error as Error).message });
    }
    const now = this.clock.now();
    if (results.some((result) => result.status === 'done')) this.lastKnownGoodAt = now;
    this.policy.afterReconcile({ crashRestarts: results.filter(isCrashRestart).length, failedResources: [], error: this.policy.terminal }, now);
  }

  private log({ level, message, fields }: LogRecord): void {
    this.options.logger.log(level, message, fields);
  }

  /** Looks at the server and lets the policy decide: healthy, restart after the backoff delay, or stalled. */
  private async observeServer(): Promise<void> {
    const desired = this.desired;
    if (desired === null) return;
    const { logger } = this.options;
    const server = await this.world.inspectServer(desired.townRoot, desired.server);
    const now = this.clock.now();
    const wasDown = this.server !== null && this.server.state !== 'running';
    this.server = server;
    this.serverCheckedAt = now;
    const verdict = this.policy.onServerObserved(server, !gtSupervises(desired.server), now);
    const state = server.state === 'running' ? 'running' : server.state === 'stopped' ? 'not running' : `${server.state} (${server.reason})`;
    const fields = { event: 'health', serverState: server.state, pid: server.state === 'stopped' ? null : server.pid };
    switch (verdict.kind) {
      case 'healthy':
        if (wasDown) logger.info(`the server is healthy again (PID ${String(fields.pid)})`, { ...fields, outcome: 'recovered' });
        return;
      case 'none':
        if (!wasDown) logger.warn(`the server is ${state}; gt does not restart it now`, { ...fields, outcome: 'not-restarted' });
        return;
      case 'stalled':
        if (verdict.newly) {
          logger.error(
            `the server is ${state}, and it was restarted ${verdict.restarts} times within the restart window: ` +
              'Stalled — gt stops restarting it until the config changes (or SIGHUP)',
            { ...fields, event: 'stalled', outcome: 'stalled', restarts: verdict.restarts },
          );
        }
        return;
      case 'restart':
        if (verdict.newly) {
          const delayMs = verdict.at - now;
          logger.warn(`the server is ${state}; restarting it in ${delayMs} ms`, { ...fields, outcome: 'restart-scheduled', delayMs });
          this.armAt('restart', verdict.at, () => this.request('restart'));
        }
        return;
    }
  }

  private healthIntervalMs(): number {
    return this.options.healthIntervalMs ?? this.desired?.server.supervision.healthCheckIntervalMs ?? defaultSupervision(this.options.townRoot).healthCheckIntervalMs;
  }

  private armHealthCheck(): void {
    this.armAt('health', this.clock.now() + this.healthIntervalMs(), () => {
      this.healthCheckPending = true;
      this.kick();
      this.armHealthCheck();
    });
  }

  private armLivenessPoll(): void {
    this.armAt('liveness', this.clock.now() + LIVENESS_POLL_MS, () => {
      this.checkLiveness();
      this.armLivenessPoll();
    });
  }

  /** The managed server last seen running has exited: look at it now (the policy decides about a restart). */
  private checkLiveness(): void {
    const server = this.server;
    if (this.reconciling || server?.state !== 'running' || server.pid === null || this.desired === null || !gtSupervises(this.desired.server)) return;
    if (server.pid === this.exitedPid || this.world.isProcessAlive(server.pid)) return;
    this.exitedPid = server.pid;
    this.options.logger.warn(`the server (PID ${server.pid}) exited; looking at it now`, { event: 'server-exited', pid: server.pid });
    this.healthCheckPending = true;
    this.kick();
  }

  /** The next resync after the interval ±10 %, so that daemons started together do not resync together. */
  private armResync(): void {
    this.armAt('resync', this.clock.now() + jitteredInterval(this.options.resyncIntervalMs, this.world.random), () => {
      this.request('resync');
      this.armResync();
    });
  }

  private armAt(name: TimerName, at: number, fire: () => void): void {
    if (this.stopping) return;
    this.clearTimer(name);
    this.timers.set(
      name,
      this.clock.setTimeout(() => {
        this.timers.delete(name);
        fire();
      }, Math.max(0, at - this.clock.now())),
    );
  }

  private clearTimer(name: TimerName): void {
    const timer = this.timers.get(name);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.timers.delete(name);
  }

  private writeStatus(stopped = false): void {
    const now = this.clock.now();
    const { sources, townRoot } = this.options;
    const status = statusDocument(
      {
        daemon: {
          pid: process.pid,
          startedAt: new Date(this.startedAt).toISOString(),
          townRoot,
          watching: [sources.daemonJson, ...sources.manifestDirs, ...sources.manifestFiles],
          stopped,
        },
        reconciling: this.reconciling,
        supervision: this.policy.snapshot(now),
        terminal: this.policy.terminal,
        nextRetryAt: this.policy.nextRetryAt(),
        supervisor: this.desired?.server.supervisor.value ?? null,
        server: this.server,
        serverCheckedAt: this.serverCheckedAt,
        configHash: this.configHash,
        lastReconcile: this.lastReconcile,
        lastError: this.lastError,
        lastKnownGoodAt: this.lastKnownGoodAt,
        resources: this.resources,
        unmanaged: this.unmanaged,
        doctor: this.doctor.status,
      },
      now,
    );
    try {
      this.world.writeStatus(townRoot, status);
    } catch (error) {
      this.options.logger.error(`cannot write the status file: ${(error as Error).message}`, { event: 'status-error' });
    }
  }
}
