import type { DesiredDatabase, ServerSettings } from '../config/desired.js';
import { beadsDirIn, beadsWorkDir } from '../lib/town-layout.js';
import type { ObservedBd } from '../observe/observed.js';
import { declaredAt, relativeToTown } from './source-label.js';
import type { BeadsAction } from './types.js';

/** The issue types Gas Town registers with every beads database (`bd config set types.custom`). */
const GAS_TOWN_CUSTOM_TYPES = 'agent,role,rig,convoy,slot,queue,event,message,molecule,gate,merge-request';

/** The town database's issue prefix, and the prefixes its issues may carry (convoys are hq-cv-…). */
const TOWN_PREFIX = 'hq';
const TOWN_ALLOWED_PREFIXES = 'hq,hq-cv';

/** The oldest bd whose `bd init` has every flag gt passes (--database, --non-interactive, --skip-agents, --role). */
const MIN_BD_VERSION = '1.0.0';

/** At most this many databases are named in a note; the rest are counted. */
const NAMED_IN_NOTE = 5;

/**
 * What gt knows of a declared database's beads state: initialized with this prefix, not initialized (also a database
 * this plan creates), or unknown (it exists but is not served, or bd's tables could not be read).
 */
export type BeadsState = { state: 'initialized'; prefix: string } | { state: 'not-initialized' } | { state: 'unknown' };

export interface BeadsPlan {
  actions: BeadsAction[];
  notes: string[];
}

function beadsPrefixOf(database: DesiredDatabase): string {
  return database.prefix ?? TOWN_PREFIX;
}

/** a.b.c compared as numbers: negative, zero or positive. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * What Gas Town runs when it adds a rig (or, for hq, installs a town), as bd's arguments: `bd init` of the existing
 * database in server mode at the town's port, never prompting, installing no git hooks and writing no agent files;
 * `--force` because gt may already have written `.beads/metadata.json`, and without it bd refuses any directory
 * whose metadata names a database the server has (bd still refuses, non-interactively, to touch one with issues).
 * Then the issue types and prefix, and for hq its role (through init, which sets it only inside a git repository)
 * and the convoy prefixes.
 */
function bdCommands(database: DesiredDatabase, server: ServerSettings): string[][] {
  const prefix = beadsPrefixOf(database);
  const town = database.kind === 'Town';
  const init = ['init', '--prefix', prefix, '--server', '--server-port', String(server.port.value), '--database', database.name];
  init.push('--non-interactive', '--skip-hooks', '--skip-agents', '--force');
  if (server.user.value !== 'root') init.push('--server-user', server.user.value);
  if (town) init.push('--role', 'maintainer');
  return [
    init,
    ['config', 'set', 'types.custom', GAS_TOWN_CUSTOM_TYPES],
    ['config', 'set', 'issue_prefix', prefix],
    ...(town ? [['config', 'set', 'allowed_prefixes', TOWN_ALLOWED_PREFIXES]] : []),
  ];
}

function initAction(townRoot: string, database: DesiredDatabase, server: ServerSettings, bd: { path: string; version: string }): BeadsAction {
  const workDir = beadsWorkDir(townRoot, database);
  const directory = relativeToTown(townRoot, beadsDirIn(workDir));
  const commands = bdCommands(database, server);
  const where = workDir === townRoot ? 'the town root' : relativeToTown(townRoot, workDir);
  return {
    kind: 'beads',
    id: `beads/${database.name}`,
    verb: 'create',
    code: 'beads-not-initialized',
    database: database.name,
    bd,
    workDir,
    commands,
    before: null,
    after: { issue_prefix: beadsPrefixOf(database), directory },
    reason:
      `declared in ${declaredAt(townRoot, database)}; bd has not initialized it (no issue_prefix): bd ${bd.version} runs ` +
      `init and ${commands.length - 1} config set calls in ${where}, with its server auto-start off and the town ` +
      'server in its environment',
    destructive: false,
    needsRestart: false,
  };
}

/** The bd apply runs, or why gt cannot run bd. */
function usableBd(bd: ObservedBd): { path: string; version: string } | { reason: string } {
  if (bd.state === 'unavailable') return { reason: bd.reason };
  if (bd.state === 'not-checked') return { reason: 'gt did not look for bd' };
  if (compareVersions(bd.version, MIN_BD_VERSION) < 0) {
    return { reason: `${bd.path} is bd ${bd.version}, and gt needs bd ${MIN_BD_VERSION} or later for the flags it passes to bd init` };
  }
  return { path: bd.path, version: bd.version };
}

function namesOf(databases: readonly DesiredDatabase[]): string {
  const names = databases.slice(0, NAMED_IN_NOTE).map((db) => db.name);
  const more = databases.length - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  return names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} and ${names.at(-1) as string}`;
}

function unusableNote(waiting: readonly DesiredDatabase[], why: string): string {
  const are = waiting.length === 1 ? 'is' : 'are';
  return (
    `${namesOf(waiting)} ${are} not initialized for beads (no issue_prefix in bd's config table), so bd cannot use ` +
    `${waiting.length === 1 ? 'it' : 'them'}, and gt cannot run bd: ${why}. Install bd ${MIN_BD_VERSION} or later ` +
    '(or set GT_BD_BIN to its path), then run gt apply'
  );
}

function prefixMismatchNote(townRoot: string, database: DesiredDatabase, prefix: string): string {
  return (
    `bd's issue_prefix of ${database.name} is "${prefix}", but ${declaredAt(townRoot, database)} declares ` +
    `"${beadsPrefixOf(database)}"; gt never changes a prefix bd already has (every issue id carries it)`
  );
}

function unreadableNote(reason: string): string {
  return (
    `gt cannot tell which databases bd has initialized: the server serves a database it cannot read (${reason}); ` +
    'gt plans bd init there once that database is repaired or moved out of the data dir'
  );
}

/**
 * Pure: `bd init` for each declared database bd has not initialized, when gt can run bd; else one note that says
 * which databases wait and how to let gt initialize them. A database already initialized with another prefix than
 * its manifest's is only noted, and so is a town whose bd tables could not be read (`unreadable`).
 */
export function planBeads(
  townRoot: string,
  server: ServerSettings,
  states: ReadonlyArray<{ database: DesiredDatabase; beads: BeadsState }>,
  bd: ObservedBd,
  unreadable: string | null,
): BeadsPlan {
  const notes: string[] = unreadable === null ? [] : [unreadableNote(unreadable)];
  const waiting: DesiredDatabase[] = [];
  for (const { database, beads } of states) {
    if (beads.state === 'not-initialized') waiting.push(database);
    else if (beads.state === 'initialized' && beads.prefix !== beadsPrefixOf(database)) notes.push(prefixMismatchNote(townRoot, database, beads.prefix));
  }
  if (waiting.length === 0) return { actions: [], notes };
  const runner = usableBd(bd);
  if ('reason' in runner) return { actions: [], notes: [...notes, unusableNote(waiting, runner.reason)] };
  return { actions: waiting.map((database) => initAction(townRoot, database, server, runner)), notes };
}
