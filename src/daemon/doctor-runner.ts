import type winston from 'winston';
import type { DesiredState } from '../config/desired.js';
import { doctorSchedule } from '../config/doctor-dog.js';
import type { CheckStatus, DoctorReport } from '../plan/doctor-types.js';
import type { Clock } from './loop-types.js';

/** The daemon's latest gt doctor run, as its status file and `gt status` show it. */
export interface DoctorStatus {
  /** Whether the daemon runs the checks (Gas Town's `patrols.doctor_dog`). */
  enabled: boolean;
  intervalMs: number;
  /** Why it does not run them, when it does not. */
  reason: string | null;
  lastRun: {
    at: string;
    durationMs: number;
    status: 'ok' | 'warning' | 'error';
    /** Every check with its status and one line; `gt doctor` shows the evidence. */
    checks: { id: string; status: CheckStatus; summary: string }[];
  } | null;
  /** The last run failed to check at all (it is retried at the next interval). */
  lastError: string | null;
}

export interface DoctorRunnerDeps {
  clock: Clock;
  /** Observes the town and runs the checks (read-only: the daemon never fixes what it finds). */
  run: (desired: DesiredState) => Promise<DoctorReport>;
  disabledPatrols: (townRoot: string) => readonly string[];
  logger: winston.Logger;
  /** Called when the status changed, to write the status file. */
  onChange: () => void;
}

function problems(report: DoctorReport): string {
  return report.checks
    .filter((check) => check.status === 'warning' || check.status === 'error')
    .map((check) => `${check.id}: ${check.summary}`)
    .join('; ');
}

/**
 * gt doctor's checks on Gas Town's doctor_dog interval, beside the reconcile loop and never in its way: a run is
 * read-only, takes no lock and does not hold up a reconcile. The first run follows the first reconcile (the server
 * is up by then); each later one is due an interval after the previous one started. The config, re-read by every
 * reconcile, can turn it on or off or change its interval.
 */
export class DoctorRunner {
  status: DoctorStatus | null = null;
  private desired: DesiredState | null = null;
  private timer: unknown = null;
  private armedIntervalMs: number | null = null;
  private running: Promise<void> | null = null;
  private lastStartedAt: number | null = null;
  private lastProblems: string | null = null;
  private stopped = false;

  constructor(private readonly deps: DoctorRunnerDeps) {}

  /** After a reconcile cycle: arms the next run from the config that cycle loaded. */
  schedule(desired: DesiredState): void {
    this.desired = desired;
    if (this.stopped || this.running !== null) return;
    const takenOver = desired.lifecycle.declared && desired.lifecycle.executor === 'gt';
    const schedule = doctorSchedule(desired.daemonConfig.raw, this.deps.disabledPatrols(desired.townRoot), takenOver);
    this.status = { lastRun: null, lastError: null, ...this.status, enabled: schedule.enabled, intervalMs: schedule.intervalMs, reason: schedule.reason };
    if (!schedule.enabled) {
      this.disarm();
      return;
    }
    if (this.timer !== null && this.armedIntervalMs === schedule.intervalMs) return;
    this.disarm();
    const now = this.deps.clock.now();
    const due = this.lastStartedAt === null ? now : this.lastStartedAt + schedule.intervalMs;
    this.armedIntervalMs = schedule.intervalMs;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce(schedule.intervalMs).finally(() => {
        this.running = null;
        if (this.desired !== null) this.schedule(this.desired);
      });
    }, Math.max(0, due - now));
  }

  /** Stops scheduling and waits for a run in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.disarm();
    await this.running;
  }

  private disarm(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.armedIntervalMs = null;
  }

  private async runOnce(intervalMs: number): Promise<void> {
    const desired = this.desired;
    if (desired === null) return;
    const startedAt = this.deps.clock.now();
    this.lastStartedAt = startedAt;
    const base = { enabled: true, intervalMs, reason: null };
    try {
      const report = await this.deps.run(desired);
      const checks = report.checks.map(({ id, status, summary }) => ({ id, status, summary }));
      const lastRun = { at: new Date(startedAt).toISOString(), durationMs: this.deps.clock.now() - startedAt, status: report.status, checks };
      this.status = { ...base, lastRun, lastError: null };
      this.log(report);
    } catch (error) {
      const message = (error as Error).message;
      this.status = { ...base, lastRun: this.status?.lastRun ?? null, lastError: message };
      this.deps.logger.error(`gt doctor could not check the town: ${message}`, { event: 'doctor', error: message });
    }
    this.deps.onChange();
  }

  /** A warning when what is wrong changed (not every interval for the same findings), else a debug line. */
  private log(report: DoctorReport): void {
    const found = problems(report);
    const fields = { event: 'doctor', status: report.status, problems: report.checks.filter((check) => check.status === 'warning' || check.status === 'error').map((check) => check.id) };
    if (found !== '' && found !== this.lastProblems) this.deps.logger.warn(`gt doctor: ${found}`, fields);
    else if (found === '' && this.lastProblems !== null && this.lastProblems !== '') this.deps.logger.info('gt doctor: every check is ok again', fields);
    else this.deps.logger.debug(`gt doctor: ${report.status}`, fields);
    this.lastProblems = found;
  }
}

/** The daemon's run: observe and check, planning no fix (the daemon never stops a server or rewrites a file for it). */
export async function runDoctorChecks(desired: DesiredState): Promise<DoctorReport> {
  const { observeForDoctor } = await import('../observe/doctor-observation.js');
  const { diagnose } = await import('../plan/doctor.js');
  return diagnose(desired, await observeForDoctor(desired), { stopServers: false, force: false, graceMs: 0, gt: 'gt' });
}
