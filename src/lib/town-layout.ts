import { join } from 'node:path';

/**
 * Every path under a town root that gt reads or writes, in one place: "which files does gt own in a town?" is
 * answered here. Each entry says who writes the file. Gas Town's own files keep Gas Town's names and formats (its
 * `internal/doltserver` and `internal/daemon` packages), so both programs find each other's state.
 */
export interface TownPaths {
  root: string;
  /** Gas Town's `mayor/` directory; a town is found by it (with daemon.json, town.json or rigs.d/ inside). */
  mayorDir: string;
  /** The operator and Gas Town write it; gt fills missing lifecycle patrols (EnsureLifecycleDefaults). */
  daemonJson: string;
  /** Gas Town writes it at install; gt only checks whether it exists when finding the town. */
  townJson: string;
  /** The operator's rig manifests (YAML); gt writes one only through `gt dolt init-rig`. */
  rigsDir: string;
  /** Gas Town writes it (`gt config`); gt reads which patrols an operator disabled there. */
  settingsJson: string;
  /** The runtime directory Gas Town and gt share. */
  daemonDir: string;
  /** Gas Town writes it (`KEY=VALUE` lines for its daemon); gt reads GT_DOLT_* from it. */
  daemonEnvFile: string;
  /** Dolt's data dir: one directory per database. Dolt writes it; gt creates databases through the server. */
  dataDir: string;
  /** gt writes it before every start (Gas Town's daemon writes its own when it supervises): the server's config. */
  serverConfigYaml: string;
  /** Whoever starts the server writes it (gt, or Gas Town's daemon in "PID\nNONCE" form): the server's pid. */
  doltPid: string;
  /** Whoever starts the server writes it (Gas Town's `doltserver.State`): port, data dir, databases. */
  doltState: string;
  /** The server's own log; gt points the server at it and tails it for `gt dolt logs`. */
  doltLog: string;
  /** gt writes it: the applier lock `gt apply` and gt's daemon share (holder pid, command, start time). */
  applierLock: string;
  /** gt's daemon writes it: its pid, so `gt daemon stop/status` and a second daemon find it. */
  reconcilerPid: string;
  /** gt's daemon writes it: JSON lines, one per event. */
  reconcilerLog: string;
  /** gt's daemon writes it after every cycle: sync state, health, conditions; `gt status` reads it. */
  reconcilerStatus: string;
  /** `gt daemon start` points the background daemon's stderr here: what it prints before its logger exists. */
  reconcilerStderr: string;
}

/** The layout of the town at `root` (an absolute path). */
export function townPaths(root: string): TownPaths {
  const mayorDir = join(root, 'mayor');
  const daemonDir = join(root, 'daemon');
  const dataDir = join(root, '.dolt-data');
  return {
    root,
    mayorDir,
    daemonJson: join(mayorDir, 'daemon.json'),
    townJson: join(mayorDir, 'town.json'),
    rigsDir: join(mayorDir, 'rigs.d'),
    settingsJson: join(root, 'settings', 'config.json'),
    daemonDir,
    daemonEnvFile: join(daemonDir, 'daemon.env'),
    dataDir,
    serverConfigYaml: join(dataDir, 'config.yaml'),
    doltPid: join(daemonDir, 'dolt.pid'),
    doltState: join(daemonDir, 'dolt-state.json'),
    doltLog: join(daemonDir, 'dolt.log'),
    applierLock: join(daemonDir, 'gt.lock'),
    reconcilerPid: join(daemonDir, 'gt-reconciler.pid'),
    reconcilerLog: join(daemonDir, 'gt-reconciler.log'),
    reconcilerStatus: join(daemonDir, 'gt-reconciler-status.json'),
    reconcilerStderr: join(daemonDir, 'gt-reconciler.stderr'),
  };
}

/** The managed server config inside a data dir (the data dir is a resolved setting; it is the town's `.dolt-data`). */
export function serverConfigIn(dataDir: string): string {
  return join(dataDir, 'config.yaml');
}

/** bd's files in a beads directory. */
export interface BeadsDirFiles {
  /** bd writes the port it dials first (before metadata.json's); gt's doctor rewrites it when it names another port. */
  portFile: string;
  /** bd writes the pid of a server it started itself; gt's doctor removes it once that process is gone. */
  pidFile: string;
  /** bd's server settings (Gas Town's EnsureMetadata); gt's doctor corrects only a stale `dolt_server_port`. */
  metadataJson: string;
}

export function beadsDirFiles(dir: string): BeadsDirFiles {
  return { portFile: join(dir, 'dolt-server.port'), pidFile: join(dir, 'dolt-server.pid'), metadataJson: join(dir, 'metadata.json') };
}

/**
 * The beads directories bd and Gas Town read in a town: the town's (hq's), then each rig's own and its mayor clone's
 * (`<rig>/mayor/rig/.beads`, which Gas Town prefers when it exists).
 */
export function townBeadsDirs(root: string, rigs: readonly string[]): string[] {
  return [join(root, '.beads'), ...rigs.flatMap((rig) => [join(root, rig, '.beads'), join(root, rig, 'mayor', 'rig', '.beads')])];
}

/** Port files Gas Town's stale-port check reads besides the beads directories': the data dir's and the daemon's. */
export function serverPortFiles(root: string): string[] {
  return [join(root, '.dolt-data', '.beads', 'dolt-server.port'), join(root, 'daemon', 'dolt.port')];
}
