import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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

/** The daemon.json `gt init` writes: Gas Town's lifecycle defaults plus a supervised Dolt server on the default port. */
export function scaffoldDaemonConfig(townRoot: string): Record<string, unknown> {
  const config = defaultDaemonConfig();
  config.patrols = {
    ...(config.patrols as Record<string, unknown>),
    dolt_server: {
      enabled: true,
      external: false,
      port: 3307,
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
  return config;
}

const EXAMPLE_RIG = `# A rig and its Dolt database. Rename it, or copy this file once per rig; gt validate checks it.
apiVersion: gastown.dev/v1alpha1
kind: Rig
metadata:
  name: example            # rig name: lowercase letters, digits and _, not "hq"
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
 * Creates a town config in `townRoot`: mayor/daemon.json and mayor/rigs.d/example.yaml. Refuses (writing nothing)
 * when daemon.json exists or rigs.d/ already holds manifests. Returns the files created.
 */
export function scaffoldTown(townRoot: string): string[] {
  const { daemonJson: daemonPath, rigsDir } = townPaths(townRoot);
  const rigPath = join(rigsDir, 'example.yaml');
  const manifests = existsSync(rigsDir) ? readdirSync(rigsDir).filter((name) => /\.ya?ml$/.test(name)) : [];
  const existing = [...(existsSync(daemonPath) ? [daemonPath] : []), ...manifests.map((name) => join(rigsDir, name))];
  if (existing.length > 0) throw new ScaffoldConflictError(existing);

  mkdirSync(rigsDir, { recursive: true });
  writeFileSync(daemonPath, `${JSON.stringify(scaffoldDaemonConfig(townRoot), null, 2)}\n`, {
    mode: 0o644,
    flag: 'wx',
  });
  writeFileSync(rigPath, EXAMPLE_RIG, { mode: 0o644, flag: 'wx' });
  return [daemonPath, rigPath];
}
