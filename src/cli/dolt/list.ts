import type { DesiredState, ServerEndpointSettings } from '../../config/desired.js';
import { formatLocation } from '../../lib/location.js';
import { maskUrl } from '../../lib/mask.js';
import { diskYamlCache } from '../../config/yaml-documents.js';
import type { ObservedRemote, ObservedServer } from '../../observe/observed.js';
import { relativeToTown } from '../../plan/source-label.js';
import { ownerLabel } from '../database-owner.js';
import type { TownFiles } from '../../config/load.js';
import { loadConfigForCommand } from '../load-config.js';
import { EXIT, type CommandIO } from '../output.js';
import { assertServerRunning } from './server-required.js';

/** One database of `gt dolt list` (`-o json` prints `{ "databases": [...] }`). */
export interface ListedDatabase {
  name: string;
  managed: boolean;
  /** "hq" for the town database; null when unmanaged. */
  rig: string | null;
  /** The manifest place that declares it (`mayor/rigs.d/wyvern.yaml:4:9`); null for an implicit hq or unmanaged. */
  declaredAt: string | null;
  ensure: 'present' | 'absent' | null;
  served: boolean;
  onDisk: boolean;
  /** Credentials in URLs masked; null when not asked for (--remotes) or not served. */
  remotes: { name: string; url: string }[] | null;
}

/** What a listing knows of the live town: names served and on disk, and the remotes of served databases when asked. */
export interface ListingFacts {
  served: readonly string[];
  onDisk: readonly string[];
  /** By served database; null when the remotes were not read. */
  remotes: ReadonlyMap<string, readonly ObservedRemote[]> | null;
}

/** Every database the town has, served or on disk, with the manifest that manages it, if any. */
export function listDatabases(desired: DesiredState, facts: ListingFacts): ListedDatabase[] {
  const declared = new Map(desired.databases.map((db) => [db.name, db]));
  const served = new Set(facts.served);
  const onDisk = new Set(facts.onDisk);
  const names = [...new Set([...served, ...onDisk])].sort();
  return names.map((name) => {
    const declaration = declared.get(name);
    const source = declaration?.source ?? null;
    const remotes = facts.remotes?.get(name);
    return {
      name,
      managed: declaration !== undefined,
      rig: declaration?.rig ?? null,
      declaredAt: source === null ? null : formatLocation({ ...source, file: relativeToTown(desired.townRoot, source.file) }),
      ensure: declaration?.ensure ?? null,
      served: served.has(name),
      onDisk: onDisk.has(name),
      remotes: remotes === undefined ? null : remotes.map((remote) => ({ name: remote.name, url: maskUrl(remote.url) })),
    };
  });
}

function managedBy(database: ListedDatabase): string {
  if (!database.managed) return 'unmanaged';
  const who = ownerLabel(database);
  const absent = database.ensure === 'absent' ? ' (ensure: absent)' : '';
  return `${who}${absent}${database.declaredAt === null ? '' : `, ${database.declaredAt}`}`;
}

/** The remotes column: shown when `withRemotes` (gt dolt list --remotes). */
function remotesCell(database: ListedDatabase): string {
  if (database.remotes === null || database.remotes.length === 0) return '-';
  return database.remotes.map((remote) => `${remote.name} ${remote.url}`).join(', ');
}

/** The table; `server`: the state the server was found in (unless running, nothing is known to be served). */
export function renderListText(databases: readonly ListedDatabase[], options: { withRemotes: boolean; server: ObservedServer['state'] }): string {
  const header = ['DATABASE', 'MANAGED BY', ...(options.withRemotes ? ['REMOTES'] : [])];
  const rows = databases.map((db) => [db.name, managedBy(db), ...(options.withRemotes ? [remotesCell(db)] : [])]);
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] as string).length)));
  const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] as number)).join('  ').trimEnd();
  const managed = databases.filter((db) => db.managed).length;
  const lines = [line(header), ...rows.map(line), ''];
  lines.push(`${databases.length} database${databases.length === 1 ? '' : 's'}: ${managed} managed, ${databases.length - managed} unmanaged`);
  const unserved = databases.filter((db) => !db.served).map((db) => db.name);
  if (options.server !== 'running') {
    const why = options.server === 'stopped' ? 'The server is not running' : `The server does not answer (${options.server})`;
    lines.push(`${why}: these are the databases in the data dir`);
  } else if (unserved.length > 0) {
    const unknown = options.withRemotes ? ', remotes unknown' : '';
    lines.push(`Not served (on disk only${unknown}): ${unserved.join(', ')} — a restart loads them (gt apply)`);
  }
  return `${lines.join('\n')}\n`;
}

/** What a listing knows of the live town, and the state the server was found in. */
interface Listing {
  facts: ListingFacts;
  server: ObservedServer['state'];
}

/**
 * The names only (no --remotes): the probe is sent as soon as daemon.json is read, and the server answers it while gt
 * reads the manifests (as gt diff starts its snapshot). Null when the settings are not known yet (the config load
 * then says why).
 */
async function startNamesListing(io: CommandIO): Promise<{ town: TownFiles; listing: Promise<Listing> } | null> {
  const { loadServerSettings } = await import('../../config/load.js');
  const town = loadServerSettings({ town: io.options.town, files: io.options.file, env: io.env, cwd: process.cwd(), yamlCache: diskYamlCache(io.env) });
  if (town === null) return null;
  const listing = namesListing(town.townRoot, town.server);
  listing.catch(() => undefined); // awaited after the config load, which reports a bad config first
  return { town, listing };
}

async function namesListing(townRoot: string, settings: ServerEndpointSettings): Promise<Listing> {
  const { observeDatabaseNames } = await import('../../observe/database-names.js');
  const names = await observeDatabaseNames(townRoot, settings);
  return {
    facts: { served: names.served ?? [], onDisk: names.onDisk, remotes: null },
    server: names.served === null ? names.server.state : 'running',
  };
}

/** The databases with their remotes from the snapshot gt diff reads (that needs the server). */
async function remotesListing(desired: DesiredState, io: CommandIO): Promise<Listing> {
  const { observe } = await import('../../observe/observe.js');
  const observed = await observe(desired, { yamlCache: diskYamlCache(io.env) });
  assertServerRunning(desired.server, observed.server, io.invocation);
  const served = observed.databases ?? [];
  const facts = { served: served.map((db) => db.name), onDisk: observed.onDisk, remotes: new Map(served.map((db) => [db.name, db.remotes])) };
  return { facts, server: 'running' };
}

/**
 * `gt dolt list`: the town's databases, served or on disk, managed (by which manifest) or not. At most one statement
 * (the health probe that names the served databases; none when the server is down), as Gas Town's own list reads
 * only the data dir; `--remotes` adds each database's remotes from the snapshot gt diff reads, and needs the server.
 */
export async function runList(io: CommandIO, options: { remotes?: boolean }): Promise<number> {
  const withRemotes = options.remotes === true;
  const early = withRemotes ? null : await startNamesListing(io);
  const loaded = await loadConfigForCommand(io, { town: early?.town });
  if (!loaded) return EXIT.error;
  const { desired } = loaded;
  const listing = early?.listing ?? (withRemotes ? remotesListing(desired, io) : namesListing(desired.townRoot, desired.server));
  const { facts, server } = await listing;
  const databases = listDatabases(desired, facts);
  io.stdout.write(io.output === 'json' ? `${JSON.stringify({ databases }, null, 2)}\n` : renderListText(databases, { withRemotes, server }));
  return EXIT.ok;
}
