import type { DaemonFile, DesiredState, ServerSettings } from '../config/desired.js';
import { isJsonObject } from '../lib/json-value.js';
import type { ObservedServer } from '../observe/observed.js';
import { planDaemonSetting, type WantedSetting } from './plan-daemon-config.js';
import type { BlockedChange, DaemonConfigSettingAction } from './types.js';

const DOLT_SERVER = ['patrols', 'dolt_server'] as const;

function doltServerEntry(file: DaemonFile): Record<string, unknown> {
  const patrols = file.raw.patrols;
  const entry = isJsonObject(patrols) ? patrols.dolt_server : undefined;
  return isJsonObject(entry) ? entry : {};
}

/** Whether Gas Town's dolt_remotes patrol is on: it pushes only while Gas Town's daemon supervises the server. */
function pushesThroughGasTown(file: DaemonFile): boolean {
  const patrols = file.raw.patrols;
  const remotes = isJsonObject(patrols) ? patrols.dolt_remotes : undefined;
  return isJsonObject(remotes) && remotes.enabled === true;
}

/** gt supervises: Gas Town's daemon must stand down (its `enabled` off), the rest of the entry stays. */
function gtSettings(server: ServerSettings, file: DaemonFile): WantedSetting[] {
  if (doltServerEntry(file).enabled !== true) return [];
  const remotes = pushesThroughGasTown(file)
    ? "; Gas Town's dolt_remotes patrol pushes only while it is on, so it stops pushing (choose spec.server.supervisor: gastown to keep it)"
    : '';
  return [
    {
      path: [...DOLT_SERVER, 'enabled'],
      value: false,
      code: 'second-supervisor',
      reason:
        `gt supervises the server (supervisor from ${server.supervisor.source}), and patrols.dolt_server.enabled: true ` +
        "would make Gas Town's daemon supervise it too: both would rewrite .dolt-data/config.yaml from their own " +
        "templates and restart the server. Off, Gas Town's daemon stands down (gt still reads the entry's port, host, " +
        `user and password)${remotes}`,
    },
  ];
}

/**
 * Gas Town's daemon supervises: it does so only while `enabled` is true, and it needs the port, the data dir and the
 * log file in the entry (it takes no defaults for them); the port and the data dir must be the ones gt and Gas Town's
 * commands use.
 */
function gastownSettings(server: ServerSettings, entry: Record<string, unknown>): WantedSetting[] {
  const why = `Gas Town's daemon supervises the server (supervisor from ${server.supervisor.source})`;
  const wanted: WantedSetting[] = [];
  const want = (key: string, value: string | number | boolean, reason: string, code: WantedSetting['code'] = 'supervisor-setting'): void => {
    wanted.push({ path: [...DOLT_SERVER, key], value, code, reason: `${why}: ${reason}` });
  };
  if (entry.enabled !== true) want('enabled', true, 'it starts, restarts and configures it only while patrols.dolt_server.enabled is true', 'supervisor-disabled');
  if (entry.port !== server.port.value) {
    want('port', server.port.value, `it starts the server on patrols.dolt_server.port, which must be the town's port (from ${server.port.source})`);
  }
  if (entry.data_dir !== server.dataDir.value) {
    want('data_dir', server.dataDir.value, "it serves patrols.dolt_server.data_dir, which must be the town's data dir");
  }
  if (typeof entry.log_file !== 'string' || entry.log_file === '') {
    want('log_file', server.logFile.value, 'it cannot start the server without patrols.dolt_server.log_file');
  }
  return wanted;
}

/**
 * The daemon.json settings that make exactly one program supervise the server (none when it is external: nobody
 * starts or stops it then, and gt leaves Gas Town's entry as it is).
 */
export function planSupervisorSettings(server: ServerSettings, file: DaemonFile): DaemonConfigSettingAction[] {
  const wanted =
    server.supervisor.value === 'gt'
      ? gtSettings(server, file)
      : server.supervisor.value === 'gastown'
        ? gastownSettings(server, doltServerEntry(file))
        : [];
  return wanted.flatMap((setting) => planDaemonSetting(file, setting) ?? []);
}

/** What the plan says about a server gt does not supervise, so nobody expects gt to start or configure it. */
export function supervisorNote(server: ServerSettings): string | null {
  if (server.supervisor.value !== 'gastown') return null;
  return (
    `Gas Town's daemon supervises the server (supervisor from ${server.supervisor.source}): gt never starts, stops or ` +
    'restarts it and does not write .dolt-data/config.yaml; gt converges the databases while it runs'
  );
}

/**
 * Gas Town's daemon supervises the server and it is not running (or not answering): gt may not start or restart it,
 * so the SQL work waits for it. Null when gt may go on.
 */
export function blockedByGasTown(desired: DesiredState, observed: ObservedServer): BlockedChange | null {
  const { server } = desired;
  if (server.supervisor.value !== 'gastown' || observed.state === 'running' || observed.state === 'imposter') return null;
  const at = `${server.host.value}:${observed.port}`;
  const state = observed.state === 'stopped' ? `nothing serves this town on ${at}` : `the server on ${at} does not answer (${observed.reason})`;
  return {
    id: 'server',
    verb: observed.state === 'stopped' ? 'start' : 'restart',
    code: 'supervised-by-gastown',
    reason: `${state}, and Gas Town's daemon supervises it (supervisor from ${server.supervisor.source}): gt never starts or restarts it`,
    hint:
      "start Gas Town's daemon (Gas Town's gt daemon start, or gt up), which starts the server while patrols.dolt_server.enabled " +
      'is true; or set spec.server.supervisor: gt in the Town manifest to let gt run it. The databases are planned once it runs',
  };
}
