import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { defaultDaemonConfig } from './lifecycle.js';
import { townPaths } from '../lib/town-layout.js';

const SECOND_NS = 1_000_000_000;

/** Thrown when `gt init` would overwrite operator config. */
export class ScaffoldConflictError extends Error {
  constructor(readonly existing: string[]) {
    super(`refusing to overwrite existing town config: ${existing.join(', ')}`);
    this.name = 'ScaffoldConflictError';
  }
}

/** Where `gt init` looks for a port when none is given: never production's 3307 (Gas Town's default). */
const INIT_PORTS = { first: 3310, last: 3399 } as const;

export interface ScaffoldOptions {
  /** The town's Dolt port (env.GT_DOLT_PORT and dolt_server.port). */
  port: number;
  /** Where the town's Gas Town daemon runs: dolt_backup works only on macOS. */
  platform: NodeJS.Platform;
}

/** The database of the example rig `gt init` writes. */
const EXAMPLE_DATABASE = 'example';

/**
 * The daemon.json `gt init` writes: Gas Town's lifecycle defaults, made effective so that the town validates without
 * warnings (dolt_backup on only where Gas Town runs it, the backup and compactor patrols given the town's databases),
 * and the Dolt server on `port`, which env.GT_DOLT_PORT (read by `gt up` and the agents) names too. gt supervises the
 * server by default, so Gas Town's daemon must not: its dolt_server entry is written disabled, complete otherwise, so
 * that `spec.server.supervisor: gastown` in a Town manifest only has to turn it on.
 */
export function scaffoldDaemonConfig(townRoot: string, options: ScaffoldOptions): Record<string, unknown> {
  const config = defaultDaemonConfig();
  const patrols = config.patrols as Record<string, Record<string, unknown>>;
  config.patrols = {
    ...patrols,
    dolt_backup: { ...patrols.dolt_backup, enabled: options.platform === 'darwin' },
    jsonl_git_backup: { ...patrols.jsonl_git_backup, databases: ['hq'] },
    compactor_dog: { ...patrols.compactor_dog, databases: ['hq', EXAMPLE_DATABASE] },
    dolt_server: {
      enabled: false,
      external: false,
      port: options.port,
      host: '127.0.0.1',
      data_dir: townPaths(townRoot).dataDir,
      log_file: townPaths(townRoot).doltLog,
      restart_delay: 5 * SECOND_NS,
      max_restart_delay: 300 * SECOND_NS,
      restart_window: 600 * SECOND_NS,
      max_restarts_in_window: 5,
      healthy_reset_interval: 300 * SECOND_NS,
      health_check_interval: 30 * SECOND_NS,
    },
  };
  config.env = { GT_DOLT_PORT: String(options.port) };
  return config;
}

/** The first port of INIT_PORTS nothing listens on at 127.0.0.1 now; the first of the range when all are taken. */
export async function freeInitPort(): Promise<number> {
  for (let port: number = INIT_PORTS.first; port <= INIT_PORTS.last; port++) {
    if (await canListen(port)) return port;
  }
  return INIT_PORTS.first;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

const EXAMPLE_RIG = `# A rig and its Dolt database. Rename it, or copy this file once per rig; gt validate checks it.
# Renaming it? Rename it in mayor/daemon.json patrols.compactor_dog.databases too (gt validate warns otherwise).
apiVersion: gastown.dev/v1alpha1
kind: Rig
metadata:
  name: ${EXAMPLE_DATABASE}            # rig name: lowercase letters, digits and _, not "hq"
spec:
  prefix: ex               # beads prefix, no trailing hyphen
  # database: example      # defaults to metadata.name
  ensure: present          # absent drops it, and only with gt apply --prune
  protect: false           # true refuses every destructive action on it
  # remotes:               # the authoritative set of remotes; leave out to not manage them
  #   - name: origin
  #     url: file:///srv/dolt-remotes/example
  ignore: ["wisps", "wisp_*"]
`;

/**
 * Creates a town config in `townRoot`: mayor/daemon.json and mayor/rigs.d/example.yaml (whose database the compactor
 * patrol lists). Refuses (writing nothing)
 * when daemon.json exists or rigs.d/ already holds manifests. Returns the files created.
 */
export function scaffoldTown(townRoot: string, options: ScaffoldOptions): string[] {
  const { daemonJson: daemonPath, rigsDir } = townPaths(townRoot);
  const rigPath = join(rigsDir, 'example.yaml');
  const manifests = existsSync(rigsDir) ? readdirSync(rigsDir).filter((name) => /\.ya?ml$/.test(name)) : [];
  const existing = [...(existsSync(daemonPath) ? [daemonPath] : []), ...manifests.map((name) => join(rigsDir, name))];
  if (existing.length > 0) throw new ScaffoldConflictError(existing);

  mkdirSync(rigsDir, { recursive: true });
  writeFileSync(daemonPath, `${JSON.stringify(scaffoldDaemonConfig(townRoot, options), null, 2)}\n`, {
    mode: 0o644,
    flag: 'wx',
  });
  writeFileSync(rigPath, EXAMPLE_RIG, { mode: 0o644, flag: 'wx' });
  return [daemonPath, rigPath];
}
