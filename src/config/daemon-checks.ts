import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { DaemonConfig, PatrolsConfig } from './generated/daemon-config.js';
import type { PositionedDocument } from './positioned-document.js';
import { SERVER_ENV } from './server-env.js';

export interface DaemonCheckContext {
  /** Databases declared present (hq included). */
  declaredDatabases: readonly string[];
  /** `disabled_patrols` of settings/config.json. */
  disabledPatrols: readonly string[];
  /** Where Gas Town's daemon runs (dolt_backup works only on darwin). */
  platform: NodeJS.Platform;
}

/** Patrols whose `databases` list names Dolt databases the patrol works on. */
const DATABASE_PATROLS = ['dolt_remotes', 'dolt_backup', 'jsonl_git_backup', 'wisp_reaper', 'compactor_dog'] as const;

/**
 * What daemon.json's schema cannot see (Gas Town's `DaemonPatrolConfig`, and `gt config
 * set`): the port range `gt config set` enforces, port settings that disagree, patrols naming databases no manifest
 * declares, and patrols that are enabled but do nothing.
 */
export function checkDaemonConfig(
  config: DaemonConfig,
  document: PositionedDocument,
  context: DaemonCheckContext,
): Diagnostic[] {
  const patrols: NonNullable<PatrolsConfig> = config.patrols ?? {};
  return [
    ...checkPortSettings(config, patrols, document),
    ...checkPatrolDatabases(patrols, document, new Set(context.declaredDatabases)),
    ...checkIneffectivePatrols(patrols, document, context),
  ];
}

/** The env values `gt config set` would refuse, and a supervisor port that disagrees with the env's. */
function checkPortSettings(config: DaemonConfig, patrols: NonNullable<PatrolsConfig>, document: PositionedDocument): Diagnostic[] {
  const found: Diagnostic[] = [];
  const envPort = config.env?.GT_DOLT_PORT;
  if (envPort !== undefined && (Number(envPort) < 1024 || Number(envPort) > 65535)) {
    found.push(
      diagnostic(
        'GT-E047',
        document.locate(['env', 'GT_DOLT_PORT']),
        `env.GT_DOLT_PORT is "${envPort}"; use a port from 1024 to 65535 (as \`gt config set dolt.port\` requires)`,
      ),
    );
  }
  const waitTimeout = config.env?.GT_DOLT_WAIT_TIMEOUT;
  if (waitTimeout !== undefined && SERVER_ENV.GT_DOLT_WAIT_TIMEOUT.parse(waitTimeout) === null) {
    found.push(
      diagnostic(
        'GT-E049',
        document.locate(['env', 'GT_DOLT_WAIT_TIMEOUT']),
        `env.GT_DOLT_WAIT_TIMEOUT is "${waitTimeout}"; use ${SERVER_ENV.GT_DOLT_WAIT_TIMEOUT.expected}`,
      ),
    );
  }
  const server = patrols.dolt_server;
  if (server?.port !== undefined && envPort !== undefined && Number(envPort) !== server.port) {
    found.push(
      diagnostic(
        'GT-W062',
        document.locate(['patrols', 'dolt_server', 'port']),
        `patrols.dolt_server.port ${server.port} differs from env.GT_DOLT_PORT "${envPort}"; gt and Gas Town's commands use env.GT_DOLT_PORT, while Gas Town's daemon, when it supervises the server, starts it on dolt_server.port and exports that to its agents — make them equal`,
      ),
    );
  }
  return found;
}

/** At most this many declared databases are named in a warning: a town has hundreds, and the line must stay readable. */
const DECLARED_NAMED = 10;

/** The declared databases, for a warning: all of them in a small town, the first few and a count in a large one. */
function declaredList(declared: ReadonlySet<string>): string {
  const names = [...declared];
  if (names.length <= DECLARED_NAMED) return names.join(', ');
  return `${names.slice(0, DECLARED_NAMED).join(', ')} and ${names.length - DECLARED_NAMED} more`;
}

/** Patrols that name a database no manifest declares. */
function checkPatrolDatabases(patrols: NonNullable<PatrolsConfig>, document: PositionedDocument, declared: ReadonlySet<string>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const key of DATABASE_PATROLS) {
    (patrols[key]?.databases ?? []).forEach((name, index) => {
      if (!declared.has(name)) {
        found.push(
          diagnostic(
            'GT-W060',
            document.locate(['patrols', key, 'databases', index]),
            `patrols.${key}.databases names "${name}", which no manifest declares (declared: ${declaredList(declared)})`,
          ),
        );
      }
    });
  }
  return found;
}

/** Patrols that are enabled but do nothing, and a setting no Gas Town reader takes. */
function checkIneffectivePatrols(patrols: NonNullable<PatrolsConfig>, document: PositionedDocument, context: DaemonCheckContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (patrols.dolt_remotes?.interval !== undefined) {
    found.push(
      diagnostic(
        'GT-W066',
        document.locate(['patrols', 'dolt_remotes', 'interval'], 'key'),
        "patrols.dolt_remotes.interval has no value both of Gas Town's readers accept: its daemon reads integer nanoseconds (a string makes it discard the file), while gt doctor's legacy loader (config.LoadDaemonPatrolConfig) needs a string and fails on a number (\"Failed to read daemon config\"); leave it out — the daemon then pushes every 15m",
      ),
    );
  }
  const ineffective = (key: string, why: string) =>
    found.push(diagnostic('GT-W061', document.locate(['patrols', key, 'enabled'], 'key'), `patrols.${key} is enabled but ${why}`));
  for (const [key, entry] of Object.entries(patrols)) {
    if (isEnabled(entry) && context.disabledPatrols.includes(key)) {
      ineffective(key, 'settings/config.json lists it in disabled_patrols, so Gas Town never runs it');
    }
  }
  if (isEnabled(patrols.jsonl_git_backup) && (patrols.jsonl_git_backup?.databases ?? []).length === 0) {
    ineffective('jsonl_git_backup', 'has no databases, so it exports nothing; list the databases to back up, e.g. ["hq"]');
  }
  if (isEnabled(patrols.dolt_backup) && context.platform !== 'darwin') {
    ineffective('dolt_backup', `Gas Town runs it only on macOS (this is ${context.platform}); set "enabled": false to say so`);
  }
  const compacted = [...(patrols.compactor_dog?.databases ?? []), ...(patrols.wisp_reaper?.databases ?? [])];
  if (isEnabled(patrols.compactor_dog) && compacted.length === 0 && new Set(context.declaredDatabases).size > 1) {
    ineffective(
      'compactor_dog',
      'has no databases (nor wisp_reaper.databases), so it compacts only hq; list the rig databases to compact them too',
    );
  }
  if (isEnabled(patrols.scheduled_maintenance) && patrols.scheduled_maintenance?.window === undefined) {
    ineffective('scheduled_maintenance', 'has no window, so Gas Town skips it; set "window": "HH:MM"');
  }
  const server = patrols.dolt_server;
  if (isEnabled(patrols.dolt_remotes) && !(server?.enabled === true && (server.data_dir ?? '') !== '')) {
    ineffective('dolt_remotes', 'Gas Town pushes only when patrols.dolt_server is enabled with a data_dir');
  }
  return found;
}

function isEnabled(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && (entry as { enabled?: unknown }).enabled === true;
}
