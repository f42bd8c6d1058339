import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { DaemonStatusReport } from '../daemon/status-file.js';
import { parseGoDuration } from '../lib/go-duration.js';
import { painter, type Paint } from '../lib/paint.js';
import { addManifestOption, globalOptions } from './global-options.js';
import { EXIT, printError, useColor } from './output.js';
import { townPaths } from '../lib/town-layout.js';

interface LoopFlags {
  healthInterval?: number;
  resyncInterval: number;
  lockTimeout: number;
  prune?: boolean;
  stopServerOnExit?: boolean;
}

/** A Go duration ("500ms", "2s", "5m") as milliseconds. */
function parseDurationMs(text: string): number {
  const nanos = parseGoDuration(text);
  if (nanos === null || nanos < 0) throw new InvalidArgumentError('expected a duration such as 500ms, 30s or 5m');
  return nanos / 1e6;
}

function addLoopOptions(command: Command): Command {
  return addManifestOption(command)
    .option('--health-interval <duration>', 'how often to check the server (default: patrols.dolt_server.health_check_interval, else 30s)', parseDurationMs)
    .addOption(
      new Option('--resync-interval <duration>', 'full reconcile this often (±10 % jitter), changes or not').argParser(parseDurationMs).default(5 * 60_000, '5m'),
    )
    .addOption(
      new Option('--lock-timeout <duration>', 'how long a reconcile waits for another applier (then retries with backoff)').argParser(parseDurationMs).default(10_000, '10s'),
    )
    .option('--prune', 'drop databases declared ensure: absent (never protected ones, nor ones with unpushed commits)')
    .option('--stop-server-on-exit', 'stop the Dolt server when the daemon stops (default: it keeps running)');
}

function fail(error: unknown): void {
  printError(error instanceof Error ? error.message : String(error));
  process.exitCode = EXIT.error;
}

/** The town root as the other commands find it; prints the error and returns null when there is none. */
async function townRootFor(command: Command): Promise<string | null> {
  const { findTownRoot } = await import('../config/town-root.js');
  try {
    return findTownRoot({ town: globalOptions(command).town, env: process.env, cwd: process.cwd() });
  } catch (error) {
    fail(error);
    return null;
  }
}

/** The `daemon run` command line a background start runs: absolute paths, the same flags. */
function runArgs(townRoot: string, command: Command, flags: LoopFlags): string[] {
  const globals = globalOptions(command);
  const args = ['--town', townRoot, '--log-level', globals.logLevel, 'daemon', 'run'];
  for (const file of globals.file) args.push('-f', resolve(file));
  args.push('--resync-interval', `${flags.resyncInterval}ms`, '--lock-timeout', `${flags.lockTimeout}ms`);
  if (flags.healthInterval !== undefined) args.push('--health-interval', `${flags.healthInterval}ms`);
  if (flags.prune) args.push('--prune');
  if (flags.stopServerOnExit) args.push('--stop-server-on-exit');
  return args;
}

function age(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

function renderStatusText({ running, pid, status }: DaemonStatusReport, paint: Paint): string {
  const lines: string[] = [];
  lines.push(
    running
      ? `${paint('green', '●')} gt daemon is running (PID ${String(pid)}${status ? `, since ${status.daemon.startedAt}` : ''})`
      : `○ gt daemon is not running${status ? ` (last status ${age(status.updatedAt)})` : ''}`,
  );
  if (status === null) return `${lines.join('\n')}\n`;
  const healthStyle = status.health === 'Healthy' ? 'green' : status.health === 'Progressing' ? 'cyan' : status.health === 'Degraded' ? 'yellow' : 'red';
  lines.push(`  Sync:    ${status.sync === 'InSync' ? paint('green', status.sync) : paint('yellow', status.sync)}`);
  lines.push(`  Health:  ${paint(healthStyle, status.health)} — ${status.message}`);
  if (status.server) {
    const { server } = status;
    lines.push(`  Server:  ${server.state}${server.pid === null ? '' : ` (PID ${server.pid})`}, port ${server.port}${server.external ? ', external' : ''}; checked ${age(server.checkedAt)}`);
  }
  const last = status.lastReconcile;
  if (last) {
    const a = last.actions;
    lines.push(
      `  Last reconcile: ${last.result}, ${age(last.startedAt)} (${last.triggers.join(', ')}), ${last.durationMs} ms: ` +
        `${a.done} done, ${a.failed} failed, ${a.skipped} skipped, ${a.remaining} remaining${a.blocked ? `, ${a.blocked} blocked` : ''}`,
    );
  }
  if (status.supervision.restartsInWindow > 0 || status.supervision.stalled) {
    lines.push(`  Restarts in window: ${status.supervision.restartsInWindow}${status.supervision.stalled ? paint('red', ' (Stalled)') : ''}`);
  }
  if (status.lastError) {
    const [first = '', ...rest] = status.lastError.message.split('\n');
    lines.push(`  Last error (${status.lastError.class} ${status.lastError.kind}, ${age(status.lastError.at)}): ${first}`);
    for (const line of rest) lines.push(`    ${line}`);
  }
  const notReady = status.resources.filter((resource) => !resource.ready);
  if (notReady.length > 0) {
    lines.push('  Not ready:');
    for (const resource of notReady) lines.push(`    ${resource.id}: ${resource.reason} — ${resource.message}`);
  }
  if (status.unmanaged.length > 0) lines.push(`  Unmanaged databases (never touched): ${status.unmanaged.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** `gt daemon run|start|stop|status`: the reconcile loop (DESIGN §6). */
export function registerDaemonCommand(program: Command): void {
  const daemon = program.command('daemon').description('the reconcile loop: keeps the town converged to its config');

  addLoopOptions(daemon.command('run').description('run the reconcile loop in the foreground (SIGTERM/SIGINT stop it, SIGHUP reconciles now)')).action(
    async (flags: LoopFlags, command: Command) => {
      const globals = globalOptions(command);
      const { runDaemon } = await import('../daemon/daemon.js');
      try {
        await runDaemon({
          town: globals.town,
          files: globals.file,
          cwd: process.cwd(),
          env: process.env,
          logLevel: globals.logLevel,
          console: process.stdout.isTTY === true ? 'text' : 'json',
          healthIntervalMs: flags.healthInterval ?? null,
          resyncIntervalMs: flags.resyncInterval,
          lockTimeoutMs: flags.lockTimeout,
          prune: flags.prune === true,
          stopServerOnExit: flags.stopServerOnExit === true,
        });
      } catch (error) {
        fail(error);
      }
    },
  );

  addLoopOptions(daemon.command('start').description('start the reconcile loop in the background (pid file daemon/gt-reconciler.pid)')).action(
    async (flags: LoopFlags, command: Command) => {
      const townRoot = await townRootFor(command);
      if (townRoot === null) return;
      const { startDaemonInBackground } = await import('../daemon/control.js');
      try {
        const { pid } = await startDaemonInBackground(townRoot, runArgs(townRoot, command, flags));
        console.log(`gt daemon started (PID ${pid}); log: ${townPaths(townRoot).reconcilerLog}`);
      } catch (error) {
        fail(error);
      }
    },
  );

  daemon
    .command('stop')
    .description('stop the background reconcile loop (it finishes the action in flight; the Dolt server keeps running)')
    .addOption(new Option('--timeout <duration>', 'how long to wait for it to exit').argParser(parseDurationMs).default(60_000, '60s'))
    .action(async (flags: { timeout: number }, command: Command) => {
      const townRoot = await townRootFor(command);
      if (townRoot === null) return;
      const { stopDaemon } = await import('../daemon/control.js');
      try {
        const { pid } = await stopDaemon(townRoot, flags.timeout);
        console.log(pid === null ? 'gt daemon is not running' : `gt daemon stopped (PID ${pid})`);
      } catch (error) {
        fail(error);
      }
    });

  daemon
    .command('status')
    .description("show the reconcile loop's last status (exit 0: running, 1: not running)")
    .action(async (_flags: unknown, command: Command) => {
      const townRoot = await townRootFor(command);
      if (townRoot === null) return;
      const { readDaemonStatus } = await import('../daemon/status-file.js');
      const report = readDaemonStatus(townRoot);
      if (globalOptions(command).output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(renderStatusText(report, painter(useColor(globalOptions(command)))));
      if (!report.running) process.exitCode = EXIT.differences;
    });
}
