/** A plan: the ordered, typed actions that converge the observed town to the desired one. */

export type Verb = 'create' | 'update' | 'delete' | 'start' | 'restart' | 'write';

/** Why an action is planned: stable, for scripts and agents that must not parse the prose reason. */
export type ActionCode =
  | 'daemon-config-missing'
  | 'patrol-missing'
  | 'server-stopped'
  | 'server-unhealthy'
  | 'server-config-changed'
  | 'databases-not-served'
  | 'database-missing'
  | 'database-absent'
  | 'remote-missing'
  | 'remote-url-changed'
  | 'remote-undeclared'
  | 'ignore-missing'
  | 'ignore-disabled';

/**
 * Why a change is blocked: one BlockedChange per cause, each with its own hint. incomplete-directory: an interrupted
 * create left the database's directory, and only a server restart (which gt may not do to an external server) clears it.
 */
export type BlockedCode = 'protected' | 'prune-not-requested' | 'unpushed-changes' | 'unpushed-unknown' | 'incomplete-directory';

interface ActionBase {
  /** Stable resource id: server, database/wyvern, remote/wyvern/origin, ignore/wyvern/wisps, daemon-config/patrols.wisp_reaper. */
  id: string;
  verb: Verb;
  code: ActionCode;
  /** Value before / after; null when the resource does not exist on that side. Secrets are masked. */
  before: unknown;
  after: unknown;
  reason: string;
  /** Loses data unless undone (only database drops are). */
  destructive: boolean;
  /** Takes effect only through a server (re)start. */
  needsRestart: boolean;
}

export interface DaemonConfigAction extends ActionBase {
  kind: 'daemon-config';
  verb: 'write';
  code: 'daemon-config-missing' | 'patrol-missing';
  /** The patrol key EnsureLifecycleDefaults fills (`patrols.<key>`); one action per key, also when the file is created. */
  patrol: string;
  /** SHA-256 of daemon.json's text as planned (null: no file). The write refuses a file whose content differs. */
  fileSha256: string | null;
}

export interface ServerAction extends ActionBase {
  kind: 'server';
  verb: 'start' | 'restart';
  code: 'server-stopped' | 'server-unhealthy' | 'server-config-changed' | 'databases-not-served';
}

export interface DatabaseAction extends ActionBase {
  kind: 'database';
  verb: 'create' | 'delete';
  code: 'database-missing' | 'database-absent';
  database: string;
}

export interface RemoteAction extends ActionBase {
  kind: 'remote';
  verb: 'create' | 'update' | 'delete';
  code: 'remote-missing' | 'remote-url-changed' | 'remote-undeclared';
  database: string;
  name: string;
  /** Real URLs for execution; before/after hold the masked forms for display. */
  fromUrl: string | null;
  toUrl: string | null;
}

export interface IgnoreAction extends ActionBase {
  kind: 'ignore';
  verb: 'create' | 'update';
  code: 'ignore-missing' | 'ignore-disabled';
  database: string;
  pattern: string;
}

export type Action = DaemonConfigAction | ServerAction | DatabaseAction | RemoteAction | IgnoreAction;

/** A change the config asks for that gt will not make under the current flags. */
export interface BlockedChange {
  id: string;
  verb: Verb;
  code: BlockedCode;
  reason: string;
  /** What the operator can do about it, e.g. "pass --prune". */
  hint: string;
}

/** A condition under which gt must not act at all (e.g. an imposter on the port). */
export interface PlanError {
  /** imposter: something else holds the port; external-server-unreachable: gt may not start the server it needs. */
  code: 'imposter' | 'external-server-unreachable';
  message: string;
}

export interface PlanOptions {
  /** Allow drops of databases declared `ensure: absent`. */
  prune: boolean;
  /** Allow a drop although the database has unpushed commits. */
  force: boolean;
}

export interface Plan {
  actions: Action[];
  blocked: BlockedChange[];
  /** Databases that exist but are declared nowhere: reported, never touched. */
  unmanaged: string[];
  /** Things the plan could not see, e.g. remotes of on-disk databases while the server is down. */
  notes: string[];
  errors: PlanError[];
}
