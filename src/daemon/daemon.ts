import { setFlagsFromString } from 'node:v8';
import { findTownRoot } from '../config/town-root.js';
import { configSources } from './config-sources.js';
import { createDaemonLogger, type DaemonLogger } from './logger.js';
import { claimDaemonPidFile } from './pid-file.js';
import { ReconcileLoop } from './reconcile-loop.js';
import { watchConfig } from './watch-config.js';
import type { DesiredState } from '../config/desired.js';
import { metricsUrl } from '../observe/dolt-metrics.js';
import { DaemonMetrics } from './metrics.js';
import { MetricsServer } from './metrics-server.js';

export interface DaemonOptions {
  town?: string;
  /** -f paths (relative to cwd). */
  files: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logLevel: string;
  /** Console log format: text on a terminal, JSON lines otherwise. */
  console: 'text' | 'json';
  /** Overrides the config's health_check_interval. */
  healthIntervalMs: number | null;
  resyncIntervalMs: number;
  lockTimeoutMs: number;
  prune: boolean;
  stopServerOnExit: boolean;
}

/** --stop-server-on-exit: a failure to stop it is logged; the daemon exits all the same. */
async function stopServerOnExit(loop: ReconcileLoop, logger: DaemonLogger['logger']): Promise<void> {
  try {
    logger.info(await loop.stopServer(), { event: 'server-stop' });
  } catch (error) {
    logger.error(`cannot stop the Dolt server: ${(error as Error).message}`, { event: 'server-stop' });
  }
}

/**
 * `gt daemon run`: claims the town's daemon pid file, watches the config, reconciles on every trigger until SIGTERM
 * or SIGINT, then finishes the action in flight, releases the lock and returns (the Dolt server keeps running
 * unless `stopServerOnExit`). SIGHUP asks for a reconcile now. Throws (changing nothing) when the town cannot be
 * found or another daemon runs for it.
 */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  // A process that idles between reconciles, each of which allocates tens of MB in a town of hundreds of rigs: V8's
  // default heap sizing keeps that garbage resident. Favour a small heap over speed (reconciles are no slower).
  setFlagsFromString('--optimize-for-size');
  const townRoot = findTownRoot({ town: options.town, env: options.env, cwd: options.cwd });
  const releasePidFile = claimDaemonPidFile(townRoot);
  const { logger, close: closeLogger } = createDaemonLogger({ townRoot, level: options.logLevel, console: options.console });
  const sources = configSources(townRoot, options.files, options.cwd);
  const metrics = new DaemonMetrics();
  const endpoint = new MetricsServer(metrics);
  const followEndpoint = (desired: DesiredState): void => {
    const declared = desired.daemonMetrics;
    endpoint.follow(declared).then(
      () => {
        if (declared !== null) logger.debug(`metrics at ${metricsUrl(declared)}`, { event: 'metrics-endpoint' });
      },
      (error: Error) => logger.error(`cannot serve metrics on ${declared === null ? '?' : metricsUrl(declared)}: ${error.message}`, { event: 'metrics-endpoint' }),
    );
  };
  const loop = new ReconcileLoop({ ...options, townRoot, sources, logger, metrics, onConfigLoaded: followEndpoint });

  let stopRequested: (signal: NodeJS.Signals) => void = () => undefined;
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => (stopRequested = resolve));
  let stopping = false;
  const onStop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now without waiting for the action in flight`);
      process.exit(1);
    }
    stopping = true;
    stopRequested(signal);
  };
  const onHangup = (): void => {
    logger.info('SIGHUP: reconciling now', { event: 'signal' });
    loop.request('signal');
  };
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);
  process.on('SIGHUP', onHangup);

  try {
    const watcher = await watchConfig(
      sources,
      (paths) => {
        logger.info(`config files changed: ${paths.join(', ')}`, { event: 'file-change', paths });
        loop.request('file');
      },
      (error) => logger.error(`file watcher: ${error.message}`, { event: 'watch-error' }),
    );
    logger.info(`gt daemon started (PID ${process.pid}) for ${townRoot}`, {
      event: 'started',
      pid: process.pid,
      townRoot,
      watching: [sources.daemonJson, ...sources.manifestDirs, ...sources.manifestFiles],
    });
    loop.start();

    const signal = await stopSignal;
    logger.info(`${signal}: stopping after the action in flight`, { event: 'stopping', signal });
    await watcher.close();
    await loop.stop();
    await endpoint.close();
    if (options.stopServerOnExit) await stopServerOnExit(loop, logger);
    logger.info('gt daemon stopped', { event: 'stopped' });
  } finally {
    process.off('SIGTERM', onStop);
    process.off('SIGINT', onStop);
    process.off('SIGHUP', onHangup);
    releasePidFile();
    await closeLogger();
  }
}
