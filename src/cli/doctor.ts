import { Option, type Command } from 'commander';
import type { DesiredState } from '../config/desired.js';
import type { ProcessSource } from '../observe/dolt-processes.js';
import type { DoctorOptions, DoctorReport, FixResult } from '../plan/doctor-types.js';
import { withApplierLock } from './dolt/run.js';
import { addLockTimeoutOption, addManifestOption, parseDurationMs } from './global-options.js';
import { loadConfigForCommand } from './load-config.js';
import { EXIT, runCommand, type CommandIO, type Session } from './output.js';

interface DoctorFlags {
  fix?: boolean;
  stopServers?: boolean;
  force?: boolean;
  gracePeriod: number;
  lockTimeout: number;
}

/** Exit 0 when every check is ok, 1 with warnings, 2 with errors. */
const EXIT_FOR = { ok: EXIT.ok, warning: 1, error: 2 } as const;

/** Observes and checks the town: one pass, read-only. */
async function examine(desired: DesiredState, options: DoctorOptions, processSource: ProcessSource): Promise<DoctorReport> {
  const { observeForDoctor } = await import('../observe/doctor-observation.js');
  const { diagnose } = await import('../plan/doctor.js');
  return diagnose(desired, await observeForDoctor(desired, { processSource }), options);
}

/**
 * --fix: under the applier lock, checks the town, executes the fixes it plans (what `gt doctor` showed, unless the
 * town changed meanwhile), then checks again; the report is the second look.
 */
async function fixAndRecheck(
  desired: DesiredState,
  options: DoctorOptions,
  flags: DoctorFlags,
  processSource: ProcessSource,
): Promise<{ report: DoctorReport; results: FixResult[] }> {
  const { executeDoctorFixes } = await import('../apply/doctor-fixes.js');
  return withApplierLock(desired.townRoot, flags.lockTimeout, async () => {
    const planned = await examine(desired, options, processSource);
    const results = await executeDoctorFixes(desired.townRoot, planned.plan.actions, { processSource });
    return { report: await examine(desired, options, processSource), results };
  });
}

async function runDoctor(io: CommandIO, flags: DoctorFlags): Promise<number> {
  const loaded = await loadConfigForCommand(io);
  if (!loaded) return EXIT.error;
  const { desired } = loaded;
  const { defaultProcessSource } = await import('../observe/dolt-processes.js');
  const { doctorDocument, renderDoctorText } = await import('../plan/render-doctor.js');
  const processSource = defaultProcessSource();
  const options: DoctorOptions = { stopServers: flags.stopServers === true, force: flags.force === true, graceMs: flags.gracePeriod, gt: io.invocation };
  const { report, results } = flags.fix
    ? await fixAndRecheck(desired, options, flags, processSource)
    : { report: await examine(desired, options, processSource), results: undefined };
  io.stdout.write(
    io.output === 'json' ? `${JSON.stringify(doctorDocument(desired.townRoot, report, results), null, 2)}\n` : renderDoctorText(report, io.color, results),
  );
  return EXIT_FOR[report.status];
}

/** `gt doctor`: the storage checks an operator runs first, and their safe fixes. */
export function registerDoctorCommand(program: Command, session: Session): void {
  const command = addManifestOption(program.command('doctor'))
    .description('check the storage: servers by data dir, orphan databases, stale files, growth (exit 0 ok, 1 warnings, 2 errors)')
    .option('--fix', 'make the safe fixes: stale port, pid and state files rewritten or removed, half-created directories moved aside')
    .option('--stop-servers', 'with --fix, also stop duplicate, rogue and stale-snapshot servers (SIGTERM; never a foreign one)')
    .option('--force', 'with --stop-servers, SIGKILL a server still running after the grace period')
    .addOption(new Option('--grace-period <duration>', 'how long a stopped server has to exit after SIGTERM').argParser(parseDurationMs).default(30_000, '30s'));
  addLockTimeoutOption(command, '60s', 'with --fix, how long to wait for another applier (gt apply, the daemon) to finish');
  command.action(runCommand(session, (io, flags: DoctorFlags) => runDoctor(io, flags)));
}
