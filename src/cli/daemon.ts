import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { DaemonStatusReport } from '../daemon/status-file.js';
import { painter, type Paint } from '../lib/paint.js';
import { addLockTimeoutOption, addManifestOption, parseDurationMs, type GlobalOptions } from './global-options.js';
import { EXIT, runCommand, type CommandIO, type Session } from './output.js';
import { townPaths } from '../lib/town-layout.js';

interface LoopFlags {
  healthInterval?: number;
  resyncInterval: number;
  lockTimeout: number;
  prune?: boolean;
  stopServerOnExit?: boolean;
}

function addLoopOptions(command: Command): Command {
  const loop = addManifestOption(command)
    .option('--health-interval <duration>', 'how often to check the server (default: patrols.dolt_server.health_check_interval, else 30s)', parseDurationMs)
    .addOption(
      new Option('--resync-interval <duration>', 'full reconcile this often (±10 % jitter), changes or not').argParser(parseDurationMs).default(5 * 60_000, '5m'),
    )
    .option('--prune', 'drop databases declared ensure: absent (never protected ones, nor ones with unpushed commits)')
    .option('--stop-server-on-exit', 'stop the Dolt server when the daemon stops (default: it keeps running)');
  return addLockTimeoutOption(loop, '10s', 'how long a reconcile waits for another applier (then retries with backoff)');
}

/** The town root as the other commands find it. */
async function townRootFor(io: CommandIO): Promise<string> {
  const { findTownRoot } = await import('../config/town-root.js');
  return findTownRoot({ town: io.options.town, env: io.env, cwd: process.cwd() });
}

/** The `daemon run` command line a background start runs: absolute paths, the same flags. */
function runArgs(townRoot: string, globals: GlobalOptions, flags: LoopFlags): string[] {
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
    lines.push(`  Server:  ${server.state}${server.pid === null ? '' : ` (PID ${server.pid})`}, port ${server.port}${server.supervisor === 'gt' ? '' : server.supervisor === 'external' ? ', external' : ", supervised by Gas Town's daemon"}; checked ${age(server.checkedAt)}`);
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

async function runInForeground(io: CommandIO, flags: LoopFlags): Promise<number> {
  const { runDaemon } = await import('../daemon/daemon.js');
  await runDaemon({
    town: io.options.town,
    files: io.options.file,
    cwd: process.cwd(),
    env: io.env,
    logLevel: io.options.logLevel,
    console: io.stdout.isTTY === true ? 'text' : 'json',
    healthIntervalMs: flags.healthInterval ?? null,
    resyncIntervalMs: flags.resyncInterval,
    lockTimeoutMs: flags.lockTimeout,
    prune: flags.prune === true,
    stopServerOnExit: flags.stopServerOnExit === true,
  });
  return EXIT.ok;
}

async function startInBackground(io: CommandIO, flags: LoopFlags): Promise<number> {
  const townRoot = await townRootFor(io);
  const { startDaemonInBackground } = await import('../daemon/control.js');
  const { pid } = await startDaemonInBackground(townRoot, runArgs(townRoot, io.options, flags));
  io.stdout.write(`gt daemon started (PID ${pid}); log: ${townPaths(townRoot).reconcilerLog}\n`);
  return EXIT.ok;
}

async function stop(io: CommandIO, timeoutMs: number): Promise<number> {
  const townRoot = await townRootFor(io);
  const { stopDaemon } = await import('../daemon/control.js');
  const { pid } = await stopDaemon(townRoot, timeoutMs);
  io.stdout.write(pid === null ? 'gt daemon is not running\n' : `gt daemon stopped (PID ${pid})\n`);
  return EXIT.ok;
}

async function showStatus(io: CommandIO): Promise<number> {
  const townRoot = await townRootFor(io);
  const { readDaemonStatus } = await import('../daemon/status-file.js');
  const report = readDaemonStatus(townRoot);
  io.stdout.write(io.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderStatusText(report, painter(io.color)));
  return report.running ? EXIT.ok : EXIT.notRunning;
}

/** `gt daemon run|start|stop|status`: the reconcile loop. */
export function registerDaemonCommand(program: Command, session: Session): void {
  const daemon = program.command('daemon').description('the reconcile loop: keeps the town converged to its config');

  addLoopOptions(daemon.command('run').description('run the reconcile loop in the foreground (SIGTERM/SIGINT stop it, SIGHUP reconciles now)')).action(
    runCommand(session, (io, flags: LoopFlags) => runInForeground(io, flags)),
  );

  addLoopOptions(daemon.command('start').description('start the reconcile loop in the background (pid file daemon/gt-reconciler.pid)')).action(
    runCommand(session, (io, flags: LoopFlags) => startInBackground(io, flags)),
  );

  daemon
    .command('stop')
    .description('stop the background reconcile loop (it finishes the action in flight; the Dolt server keeps running)')
    .addOption(new Option('--timeout <duration>', 'how long to wait for it to exit').argParser(parseDurationMs).default(60_000, '60s'))
    .action(runCommand(session, (io, flags: { timeout: number }) => stop(io, flags.timeout)));

  daemon
    .command('status')
    .description("show the reconcile loop's last status (exit 0: running, 1: not running)")
    .action(runCommand(session, (io) => showStatus(io)));
}
