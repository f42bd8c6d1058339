import type { DesiredState } from '../config/desired.js';
import type { DoctorObservation } from '../observe/doctor-observation.js';
import { checkTestDatabases, checkUndeclaredDatabases, checkUnservedDatabases } from './doctor-databases.js';
import { checkDaemonDir, checkDataDir, checkJournals, GROWTH_THRESHOLDS } from './doctor-growth.js';
import { checkServerProcesses, checkTownServer } from './doctor-servers.js';
import { checkInterruptedCreates, checkPortFiles, checkRuntimeFiles } from './doctor-town-files.js';
import type { CheckOutcome, DoctorOptions, DoctorReport, GrowthThresholds } from './doctor-types.js';

/**
 * Pure: gt doctor's checks of what was observed, in the order an operator reads them (servers, databases, files,
 * growth), and the plan of what `gt doctor --fix` would do about them. No I/O, no clock.
 */
export function diagnose(
  desired: DesiredState,
  observation: DoctorObservation,
  options: DoctorOptions,
  thresholds: GrowthThresholds = GROWTH_THRESHOLDS,
): DoctorReport {
  const context = { desired, observation, options, thresholds };
  const checks = [
    checkTownServer,
    checkServerProcesses,
    checkUndeclaredDatabases,
    checkUnservedDatabases,
    checkTestDatabases,
    checkPortFiles,
    checkRuntimeFiles,
    checkInterruptedCreates,
    checkDataDir,
    checkJournals,
    checkDaemonDir,
  ];
  const outcomes: CheckOutcome[] = checks.map((check) => check(context));
  const results = outcomes.map((outcome) => outcome.check);
  const status = results.some((check) => check.status === 'error') ? 'error' : results.some((check) => check.status === 'warning') ? 'warning' : 'ok';
  return {
    checks: results,
    plan: { actions: outcomes.flatMap((outcome) => outcome.actions), blocked: outcomes.flatMap((outcome) => outcome.blocked) },
    status,
  };
}
