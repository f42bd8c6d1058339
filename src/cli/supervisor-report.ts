import type { ServerSettings, Supervisor } from '../config/desired.js';

/** Who supervises the server, as `gt status` and `gt dolt status` report it (`-o json`: `server.supervisor`). */
export interface SupervisorReport {
  by: Supervisor;
  /** The config source that decided it. */
  source: string;
  /**
   * Whether anything restarts a crashed server: for gt, whether gt's daemon runs; false when external; null when Gas
   * Town's daemon supervises (it restarts the server while it runs, which gt does not track).
   */
  restartsCrashedServer: boolean | null;
}

export function supervisorReport(server: ServerSettings, gtDaemonRunning: boolean): SupervisorReport {
  const { value: by, source } = server.supervisor;
  return { by, source, restartsCrashedServer: by === 'gt' ? gtDaemonRunning : by === 'external' ? false : null };
}

/** Who supervises, and what that means for a crashed server (after "Supervisor: "); hints name gt as `gt` runs it. */
export function describeSupervisor(report: SupervisorReport, gt = 'gt'): string {
  switch (report.by) {
    case 'gt':
      return report.restartsCrashedServer === true
        ? "gt's daemon (running): a crashed server is restarted"
        : `gt, but gt's daemon is not running: nothing restarts a crashed server (start it with: ${gt} daemon start)`;
    case 'gastown':
      return `Gas Town's daemon (from ${report.source}): it restarts a crashed server while it runs; gt never starts, stops or restarts it`;
    case 'external':
      return `none, the server is external (from ${report.source}): nobody in this town starts, stops or restarts it`;
  }
}
