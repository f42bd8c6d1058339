import type winston from 'winston';
import type { ActionResult } from '../apply/execute.js';
import { reconcile, type ActionCounts, type ReconcileReport } from '../apply/reconcile.js';
import { stopServer } from '../apply/server-control.js';
import type { DesiredState } from '../config/desired.js';
import { lifecycleDefaultsText } from '../config/daemon-file-writer.js';
import { ConfigError, formatDiagnostic } from '../config/diagnostics.js';
import { loadDesiredState } from '../config/load.js';
import { diskYamlCache, type YamlParseCache } from '../config/yaml-documents.js';
import { resolveServerSettings } from '../config/server-settings.js';
import { maskUrlsInText } from '../lib/mask.js';
import type { ObservedServer } from '../observe/observed.js';
import { inspectServer } from '../observe/server-process.js';
import { symbolOf } from '../plan/summary.js';
import { classifyError, classifyPlanError, type ClassifiedError } from './classify-error.js';
import { computeConditions, type ResourceCondition } from './conditions.js';
import { configFileHashes, fingerprintOf, withOwnWrite, type ConfigFileHashes, type ConfigSources } from './config-sources.js';
import { summarizeHealth } from './health.js';
import { jitteredInterval } from './jitter.js';
import { ReconcilePolicy } from './policy.js';
import {
  writeDaemonStatus,
  type DaemonStatus,
  type LastReconcile,
  type StatusError,
  type Trigger,
} from './status-file.js';

export interface LoopOptions {
  townRoot: string;
  /** -f paths, as given (relative to cwd). */
  files: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  sources: ConfigSources;
  /** --health-interval; null: the config's health_check_interval. */
  healthIntervalMs: number | null;
  resyncIntervalMs: number;
  lockTimeoutMs: number;
  prune: boolean;
  logger: winston.Logger;
}

/** Gas Town's supervision defaults, from the one resolver, until a config has loaded. */
function defaultSupervision(townRoot: string): DesiredState['server']['supervision'] {
  return resolveServerSettings({ townRoot, daemon: {}, env: {}, serverConfigPort: null, daemonEnv: {} }).supervision;
}

function statusError(error: ClassifiedError, at: Date, cause?: unknown): StatusError {
  const locations =
    cause instanceof ConfigError
      ? cause.diagnostics
          .filter((d) => d.severity === 'error')
          .map(({ location }) => ({ file: location.file, line: location.line, column: location.column }))
      : [];
  return { at: at.toISOString(), class: error.class, kind: error.kind, message: maskUrlsInText(error.message), locations };
}

/** "in 812 ms (file, resync): 3 done, 0 failed, 0 skipped, 0 remaining[, 1 blocked]": every cycle's log line says it. */
function cycleSummary({ durationMs, triggers, actions: a }: LastReconcile): string {
  return (
    `in ${durationMs} ms (${triggers.join(', ')}): ${a.done} done, ${a.failed} failed, ${a.skipped} skipped, ${a.remaining} remaining` +
    (a.blocked > 0 ? `, ${a.blocked} blocked` : '')
  );
}

/** The fields every cycle's log line carries, whatever ended it (converged, out of sync, config error, a throw). */
function cycleMeta({ triggers, result, durationMs, actions }: LastReconcile): Pick<LastReconcile, 'triggers' | 'result' | 'durationMs' | 'actions'> {
  return { triggers, result, durationMs, actions: { ...actions } };
}

function describeStep(results: readonly ActionResult[]): string {
  const first = results[0] as ActionResult;
  const ids = results.map((result) => result.action.id).join(', ');
  const detail = first.message ? `: ${first.message}` : '';
  return `${symbolOf(first.action.verb)} ${first.action.verb} ${ids} ${first.status} (${first.durationMs} ms)${detail}`;
}

/**
 * The daemon's level-triggered loop: triggers (file changes, timers, signals) only ask for a reconcile; one runs at
 * a time and a burst of triggers during one becomes a single next one. Every reconcile loads the config, then runs
 * the same reconcile as `gt apply` under the same lock. Health checks look at the server between reconciles and
 * ask for a restart through the policy's backoff. Everything it learns goes to the status file and the log.
 */
export class ReconcileLoop {
  private readonly policy: ReconcilePolicy;
  /** Kept across reloads: a reload parses only the files that changed. */
  private readonly yamlCache: YamlParseCache;
  private readonly abort = new AbortController();
  private readonly startedAt = new Date();
  private desired: DesiredState | null = null;
  private pending = new Set<Trigger>();
  private healthCheckPending = false;
  private running: Promise<void> | null = null;
  private stopping = false;
  private reconciling = false;
  private readonly timers = new Map<'health' | 'resync' | 'restart' | 'retry', NodeJS.Timeout>();

  private server: ObservedServer | null = null;
  private serverCheckedAt: Date | null = null;
  private configHash: string | null = null;
  private warnedFingerprint: string | null = null;
  private lastReconcile: LastReconcile | null = null;
  private lastError: StatusError | null = null;
  private resources: ResourceCondition[] = [];
  private unmanaged: string[] = [];

  constructor(private readonly options: LoopOptions) {
    this.policy = new ReconcilePolicy(defaultSupervision(options.townRoot));
    this.yamlCache = diskYamlCache(options.env);
  }

  start(): void {
    this.request('startup');
    this.armResync();
    this.armHealthCheck();
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
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.running;
    this.writeStatus(true);
  }

  /** For --stop-server-on-exit: stops the server this town's config describes (never an external one). */
  async stopServer(): Promise<string> {
    if (this.desired === null) return 'no config was ever loaded: gt does not know which server to stop';
    if (this.desired.server.external.value) return 'the server is external: gt never stops it';
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
    const hashes = configFileHashes(sources);
    const admission = this.policy.admit(triggers, fingerprintOf(hashes), Date.now());
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
    const startedAt = new Date();
    try {
      await this.reconcileOnce(triggerList, hashes, startedAt);
    } finally {
      this.reconciling = false;
    }
    await this.observeServer();
    const retryAt = this.policy.nextRetryAt();
    if (retryAt !== null) this.armAt('retry', retryAt, () => this.request('retry'));
    this.writeStatus();
  }

  private async reconcileOnce(triggers: Trigger[], hashes: ConfigFileHashes, startedAt: Date): Promise<void> {
    const { logger } = this.options;
    const fingerprint = fingerprintOf(hashes);
    const noActions: ActionCounts = { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 };
    const finishWithError = (error: ClassifiedError, cause: unknown, actions = noActions): LastReconcile => {
      this.policy.afterReconcile({ serverAttempts: 0, failedResources: [], error }, Date.now());
      this.lastError = statusError(error, new Date(), cause);
      this.lastReconcile = {
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        triggers,
        result: 'error',
        actions: { ...actions },
      };
      return this.lastReconcile;
    };
    /** What the steps of this reconcile did so far: the counts a reconcile that throws part-way logs. */
    const stepCounts: ActionCounts = { ...noActions };

    let desired: DesiredState;
    try {
      const loaded = loadDesiredState({
        town: this.options.townRoot,
        files: this.options.files,
        env: this.options.env,
        cwd: this.options.cwd,
        yamlCache: this.yamlCache,
      });
      desired = loaded.desired;
      if (this.warnedFingerprint !== fingerprint) {
        for (const warning of loaded.diagnostics) logger.warn(formatDiagnostic(warning), { event: 'config-warning' });
        this.warnedFingerprint = fingerprint;
      }
    } catch (error) {
      const classified = classifyError(error);
      const details = error instanceof ConfigError ? error.diagnostics.map(formatDiagnostic) : [classified.message];
      const last = finishWithError(classified, error);
      // The cycle's one line: event 'config-error' (not 'reconcile': nothing was planned), with its duration and counts.
      logger.error(
        `the config has errors; nothing was changed, waiting for a fix; reconcile ended ${cycleSummary(last)}:\n${details.join('\n')}`,
        { event: 'config-error', ...cycleMeta(last), diagnostics: details },
      );
      return;
    }
    this.desired = desired;
    this.configHash = fingerprint;
    this.policy.configure(desired.server.supervision);

    let report: ReconcileReport;
    try {
      report = await reconcile(desired, {
        command: 'gt daemon run',
        lockTimeoutMs: this.options.lockTimeoutMs,
        yamlCache: this.yamlCache,
        prune: this.options.prune,
        force: false,
        hooks: {
          signal: this.abort.signal,
          onStart: (actions) => {
            logger.debug(`starting: ${actions.map((action) => `${action.verb} ${action.id}`).join(', ')}`, { event: 'action-start' });
          },
          onProgress: (action, message) => {
            logger.info(`${action.verb} ${action.id}: ${message}`, { event: 'action-progress', action: action.id });
          },
          onStep: (results) => {
            for (const result of results) stepCounts[result.status]++;
            const line = describeStep(results);
            if (results[0]?.status === 'failed') logger.warn(line, { event: 'action' });
            else logger.info(line, { event: 'action' });
          },
        },
      });
    } catch (error) {
      const classified = classifyError(error);
      // The steps that finished before it threw are counted; nothing is known to remain (the town was not re-observed).
      const last = finishWithError(classified, error, stepCounts);
      logger.error(`reconcile failed ${cycleSummary(last)} — ${classified.class} ${classified.kind} error: ${classified.message}`, {
        event: 'reconcile',
        ...cycleMeta(last),
        error: classified,
      });
      return;
    }

    const now = Date.now();
    const counts = report.counts;
    const planError = report.remaining.errors[0];
    const error = planError === undefined ? null : classifyPlanError(planError);
    // The watcher will report the daemon's own write of the lifecycle defaults: the config as this reconcile read
    // it, with daemon.json as gt wrote it, is no operator's change. (An edit made meanwhile still differs from it.)
    const wroteDefaults = report.results.some((r) => r.action.kind === 'daemon-config' && r.status === 'done');
    const ownWrite = wroteDefaults ? lifecycleDefaultsText(desired.daemonConfig) : null;
    if (ownWrite !== null) this.policy.acknowledge(fingerprintOf(withOwnWrite(hashes, this.options.sources.daemonJson, ownWrite.text)));
    this.policy.afterReconcile(
      {
        serverAttempts: report.results.filter((r) => r.action.kind === 'server' && r.status !== 'skipped').length,
        failedResources: report.results.filter((r) => r.status === 'failed' && r.action.kind !== 'server').map((r) => r.action.id),
        error,
      },
      now,
    );
    const converged = report.converged && error === null;
    this.lastReconcile = {
      startedAt: startedAt.toISOString(),
      durationMs: report.durationMs,
      triggers,
      result: converged ? 'converged' : 'out-of-sync',
      actions: counts,
    };
    this.resources = computeConditions(desired, report, this.resources, new Date(now).toISOString());
    this.unmanaged = report.remaining.unmanaged;
    const failed = report.results.find((result) => result.status === 'failed');
    if (error !== null) this.lastError = statusError(error, new Date(now));
    else if (failed !== undefined) {
      const message = `${failed.action.id}: ${failed.message ?? `${failed.action.verb} failed`}`;
      this.lastError = statusError({ class: 'transient', kind: 'action', message }, new Date(now));
    } else if (converged) this.lastError = null;

    const summary =
      `reconcile ${converged ? 'converged' : 'out of sync'} ${cycleSummary(this.lastReconcile)}` + (error !== null ? ` — ${error.message}` : '');
    const meta = { event: 'reconcile', ...cycleMeta(this.lastReconcile), configHash: fingerprint };
    if (error !== null || counts.failed > 0) logger.warn(summary, meta);
    else logger.info(summary, meta);
  }

  /** Looks at the server and lets the policy decide: healthy, restart after the backoff delay, or stalled. */
  private async observeServer(): Promise<void> {
    const desired = this.desired;
    if (desired === null) return;
    const { logger } = this.options;
    const server = await inspectServer(desired.townRoot, desired.server);
    const now = Date.now();
    const wasDown = this.server !== null && this.server.state !== 'running';
    this.server = server;
    this.serverCheckedAt = new Date(now);
    const verdict = this.policy.onServerObserved(server, desired.server.external.value, now);
    const state = server.state === 'running' ? 'running' : server.state === 'stopped' ? 'not running' : `${server.state} (${server.reason})`;
    switch (verdict.kind) {
      case 'healthy':
        if (wasDown) logger.info(`the server is healthy again (PID ${String(server.state === 'running' ? server.pid : null)})`, { event: 'health' });
        return;
      case 'none':
        if (!wasDown) logger.warn(`the server is ${state}; gt does not restart it now`, { event: 'health' });
        return;
      case 'stalled':
        if (verdict.newly) {
          logger.error(
            `the server is ${state}, and it was restarted ${verdict.restarts} times within the restart window: ` +
              'Stalled — gt stops restarting it until the config changes (or SIGHUP)',
            { event: 'stalled', restarts: verdict.restarts },
          );
        }
        return;
      case 'restart':
        if (verdict.newly) {
          const delayMs = verdict.at - now;
          logger.warn(`the server is ${state}; restarting it in ${delayMs} ms`, { event: 'health', delayMs });
          this.armAt('restart', verdict.at, () => this.request('restart'));
        }
        return;
    }
  }

  private healthIntervalMs(): number {
    return this.options.healthIntervalMs ?? this.desired?.server.supervision.healthCheckIntervalMs ?? defaultSupervision(this.options.townRoot).healthCheckIntervalMs;
  }

  private armHealthCheck(): void {
    this.armAt('health', Date.now() + this.healthIntervalMs(), () => {
      this.healthCheckPending = true;
      this.kick();
      this.armHealthCheck();
    });
  }

  /** The next resync after the interval ±10 %, so that daemons started together do not resync together. */
  private armResync(): void {
    this.armAt('resync', Date.now() + jitteredInterval(this.options.resyncIntervalMs), () => {
      this.request('resync');
      this.armResync();
    });
  }

  private armAt(name: 'health' | 'resync' | 'restart' | 'retry', at: number, fire: () => void): void {
    if (this.stopping) return;
    this.clearTimer(name);
    this.timers.set(
      name,
      setTimeout(() => {
        this.timers.delete(name);
        fire();
      }, Math.max(0, at - Date.now())),
    );
  }

  private clearTimer(name: 'health' | 'resync' | 'restart' | 'retry'): void {
    const timer = this.timers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(name);
  }

  private writeStatus(stopped = false): void {
    const now = Date.now();
    const supervision = this.policy.snapshot(now);
    const external = this.desired?.server.external.value ?? false;
    const summary = summarizeHealth({
      reconciling: this.reconciling,
      stalled: supervision.stalled,
      restartsInWindow: supervision.restartsInWindow,
      terminal: this.policy.terminal,
      server: this.server,
      external,
      nextRestartAt: supervision.nextRestartAt,
      nextRetryAt: this.policy.nextRetryAt(),
      lastReconcile: this.lastReconcile,
    });
    const retryAt = this.policy.nextRetryAt();
    const status: DaemonStatus = {
      version: 1,
      daemon: {
        pid: process.pid,
        startedAt: this.startedAt.toISOString(),
        townRoot: this.options.townRoot,
        watching: [this.options.sources.daemonJson, ...this.options.sources.manifestDirs, ...this.options.sources.manifestFiles],
        stopped,
      },
      updatedAt: new Date(now).toISOString(),
      ...summary,
      message: maskUrlsInText(summary.message),
      configHash: this.configHash,
      server:
        this.server === null || this.serverCheckedAt === null
          ? null
          : {
              state: this.server.state,
              pid: this.server.state === 'stopped' ? null : this.server.pid,
              port: this.server.port,
              external,
              checkedAt: this.serverCheckedAt.toISOString(),
            },
      supervision: {
        restartsInWindow: supervision.restartsInWindow,
        nextDelayMs: supervision.nextDelayMs,
        stalled: supervision.stalled,
        nextRestartAt: supervision.nextRestartAt === null ? null : new Date(supervision.nextRestartAt).toISOString(),
      },
      nextRetryAt: retryAt === null ? null : new Date(retryAt).toISOString(),
      lastReconcile: this.lastReconcile,
      lastError: this.lastError,
      resources: this.resources.map((resource) => ({ ...resource, message: maskUrlsInText(resource.message) })),
      unmanaged: this.unmanaged,
    };
    try {
      writeDaemonStatus(this.options.townRoot, status);
    } catch (error) {
      this.options.logger.error(`cannot write the status file: ${(error as Error).message}`, { event: 'status-error' });
    }
  }
}
