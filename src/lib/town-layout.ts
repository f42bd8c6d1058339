import { join, sep } from 'node:path';

/** bd's port file in a beads directory: the port bd dials first, before metadata.json's. */
const BEADS_PORT_FILE = 'dolt-server.port';
/** bd's pid file in a beads directory: the server bd started itself. */
const BEADS_PID_FILE = 'dolt-server.pid';

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
  /**
   * Gas Town's town identity, written by its install. gt finds the town by it, creates it when absent and fills only
   * the fields it lacks (never rewrites one).
   */
  townJson: string;
  /**
   * Gas Town's rig registry (install, rig add). gt converges an entry per declared rig (its beads prefix); other
   * rigs' entries and unknown fields stay.
   */
  rigsJson: string;
  /** The town's beads directory (hq's): metadata.json, routes.jsonl and bd's port file live here. */
  townBeadsDir: string;
  /** Gas Town's prefix routes (install adds hq- and hq-cv-, rig add one per rig); gt converges those, keeps other lines. */
  routesJsonl: string;
  /** A port file Gas Town's stale-port check reads; gt rewrites it when it names another port, never creates it. */
  dataDirPortFile: string;
  /** The same for the daemon directory's copy. */
  daemonPortFile: string;
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
  /**
   * The DOLT_ROOT_PATH gt starts the server with: gt creates it before its first start (the global config seeded from
   * the root the server had before, its credentials linked); Dolt writes it (the cluster role and epoch among it).
   * Outside the data dir, where a `.dolt` directory would be taken for a database.
   */
  doltRoot: string;
  /**
   * gt writes it: one directory per database holding the restore points compaction takes (a Dolt backup each, named
   * by its UTC time, with a JSON record beside it). Outside `.dolt-backup`, whose newest file Gas Town's health checks
   * read as the age of its own backups: a fresh restore point there would hide a stale backup.
   */
  restorePointsDir: string;
  /** Whoever starts the server writes it (gt, or Gas Town's daemon in "PID\nNONCE" form): the server's pid. */
  doltPid: string;
  /**
   * Whoever starts the server writes it (Gas Town's `doltserver.State`): port, data dir, databases. gt also keeps its
   * database list current after it creates or drops databases, when the file describes the server gt runs.
   */
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
  /** gt writes it after each decay or compaction it runs: when it last ran on each database (its `interval`). */
  lifecycleState: string;
  /** gt writes it while observing: per database commit count and decay candidates, keyed by head and working set. */
  historyFactsCache: string;
  /** gt writes it while observing: what the SQL snapshot read at each root hash (dolt_ignore, bd's issue_prefix). */
  rootFactsCache: string;
  /**
   * gt writes it after each successful push and backup sync: when each last succeeded (Dolt keeps no such time), so
   * the next waits its `pushInterval` / `interval`.
   */
  syncState: string;
  /**
   * gt's compaction writes it when it rewrites a history a remote holds: the remote's main before and the rewritten
   * head, so a push may overwrite that remote (and only while it still holds the old head). A forced push clears it.
   */
  compactionDivergence: string;
  /**
   * gt writes it after each ledger export (and while observing, when an export is found to change nothing): per
   * database the Dolt hash the archive holds and when it was last checked, and the pushes that failed in a row.
   */
  ledgerState: string;
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
    rigsJson: join(mayorDir, 'rigs.json'),
    townBeadsDir: join(root, '.beads'),
    routesJsonl: join(root, '.beads', 'routes.jsonl'),
    dataDirPortFile: join(dataDir, '.beads', BEADS_PORT_FILE),
    daemonPortFile: join(daemonDir, 'dolt.port'),
    rigsDir: join(mayorDir, 'rigs.d'),
    settingsJson: join(root, 'settings', 'config.json'),
    daemonDir,
    daemonEnvFile: join(daemonDir, 'daemon.env'),
    dataDir,
    serverConfigYaml: join(dataDir, 'config.yaml'),
    doltRoot: join(root, '.dolt-root'),
    restorePointsDir: join(root, '.gt-restore-points'),
    doltPid: join(daemonDir, 'dolt.pid'),
    doltState: join(daemonDir, 'dolt-state.json'),
    doltLog: join(daemonDir, 'dolt.log'),
    applierLock: join(daemonDir, 'gt.lock'),
    reconcilerPid: join(daemonDir, 'gt-reconciler.pid'),
    reconcilerLog: join(daemonDir, 'gt-reconciler.log'),
    reconcilerStatus: join(daemonDir, 'gt-reconciler-status.json'),
    reconcilerStderr: join(daemonDir, 'gt-reconciler.stderr'),
    lifecycleState: join(daemonDir, 'gt-lifecycle-state.json'),
    historyFactsCache: join(daemonDir, 'gt-history-facts.json'),
    rootFactsCache: join(daemonDir, 'gt-root-facts.json'),
    syncState: join(daemonDir, 'gt-sync-state.json'),
    compactionDivergence: join(daemonDir, 'gt-compaction-divergence.json'),
    ledgerState: join(daemonDir, 'gt-ledger-state.json'),
  };
}

/** A beads directory's files gt converges. */
export interface BeadsFiles {
  dir: string;
  /**
   * bd's server settings (Gas Town's EnsureMetadata fields); gt converges those fields and keeps every other one. hq's
   * and every declared rig's are created when absent.
   */
  metadataJson: string;
  /** bd writes it when it connects; gt rewrites it when it names another port than the server's, never creates it. */
  portFile: string;
  /** bd writes the pid of a server it started itself; gt's doctor removes it once that process is gone. */
  pidFile: string;
}

// Plain concatenation, not join: a town has hundreds of rigs, and these paths are built for every one of them on every
// gt diff. The parts are already normal (an absolute town root, a rig name that is a single path component).

export function beadsFiles(dir: string): BeadsFiles {
  return {
    dir,
    metadataJson: `${dir}${sep}metadata.json`,
    portFile: `${dir}${sep}${BEADS_PORT_FILE}`,
    pidFile: `${dir}${sep}${BEADS_PID_FILE}`,
  };
}

/** A rig's directory under the town root (Gas Town's layout; gt creates the directory and config.json). */
export interface RigPaths {
  dir: string;
  /** Gas Town's rig identity (`rig.RigConfig`); gt creates it when absent, fills missing fields, converges the prefix. */
  configJson: string;
  /** The rig's own beads directory: where bd and Gas Town look unless the mayor's clone has one. */
  beadsDir: string;
  /** The mayor's clone's beads directory, which Gas Town prefers when it exists (a rig added from a repo with beads). */
  mayorCloneBeadsDir: string;
}

export function rigPaths(root: string, rig: string): RigPaths {
  const dir = `${root}${sep}${rig}`;
  return {
    dir,
    configJson: `${dir}${sep}config.json`,
    beadsDir: `${dir}${sep}.beads`,
    mayorCloneBeadsDir: `${dir}${sep}mayor${sep}rig${sep}.beads`,
  };
}

/** A path under the town root, relative to it (the way plans name files); cheap, for paths built from the root. */
export function inTown(root: string, path: string): string {
  return path.startsWith(`${root}${sep}`) ? path.slice(root.length + 1) : path;
}

/** The managed server config inside a data dir (the data dir is a resolved setting; it is the town's `.dolt-data`). */
export function serverConfigIn(dataDir: string): string {
  return join(dataDir, 'config.yaml');
}

/** What locates a database's beads directory: the rig that owns it, and whether it is the town's own (hq). */
export interface BeadsOwner {
  kind: 'Rig' | 'Town';
  rig: string;
}

/**
 * Where bd runs for a database and keeps its `.beads/` directory: the town root for the town database hq, the rig's
 * directory `<town>/<rig>` for a rig (where Gas Town's `gt install` and `gt rig add` run `bd init`). bd writes it.
 */
export function beadsWorkDir(root: string, owner: BeadsOwner): string {
  return owner.kind === 'Town' ? root : join(root, owner.rig);
}

/** The `.beads/` directory bd keeps in a work dir (its metadata.json, config.yaml, port file). */
export function beadsDirIn(workDir: string): string {
  return join(workDir, '.beads');
}

/**
 * Gas Town's marker of a local-only database, `<data dir>/<database>/.no-sync`: its sync skips the database unless
 * asked for it by name. The operator creates it; gt only looks for it.
 */
export function noSyncMarkerIn(dataDir: string, database: string): string {
  return join(dataDir, database, '.no-sync');
}
