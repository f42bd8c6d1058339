import type mysql from 'mysql2/promise';
import { dropConnection } from '../lib/connect.js';
import { firstRow, isTownDatabaseName, quoteIdentifier, quoteString, unionAllTree } from '../lib/sql.js';
import { readBeadsPrefixes, type BeadsPrefixes } from './beads-prefixes.js';
import type { ObservedDatabase, ObservedIgnore } from './observed.js';
import {
  emptyRootFacts,
  factsToKeep,
  planRereads,
  readRootFacts,
  writeRootFacts,
  type IgnoreRow,
  type RootFacts,
} from './root-facts-cache.js';
import { readRootHashes, type RootHashes } from './root-hashes.js';

export interface SqlSnapshot {
  databases: ObservedDatabase[];
  /** Why bd's tables could not be read where some database lacks them (BeadsPrefixes.unreadable); null when read. */
  beadsUnreadable: string | null;
}

/**
 * A row of the snapshot query: database, 'remote' (name, url), or 'ignore' / 'ignore-head' (pattern, ignored) of
 * dolt_ignore in the working set / committed at HEAD.
 */
type SnapshotRow = [db: string, kind: 'remote' | 'ignore' | 'ignore-head', a: string, b: string | number | null];

/** A snapshot whose query is on its way: the server computes it while gt does other work. */
export interface PendingSnapshot {
  /** The rows, then the unpushed-work probes of `probeUnpushed` (databases a plan may drop; a few round trips each). */
  read(probeUnpushed?: readonly string[]): Promise<SqlSnapshot>;
  /** Ends the connections the snapshot opened (the primary one is the caller's). */
  release(): Promise<void>;
  /** Drops them without a goodbye (the server stopped answering, or the caller gave up). */
  abandon(): void;
}

/** Where the snapshot's parts go: the probe's connection, and more connections to the same server opened for it. */
export interface SnapshotConnections {
  primary: mysql.Connection;
  open(): Promise<mysql.Connection>;
}

function select(connection: mysql.Connection, selects: readonly string[]): Promise<SnapshotRow[]> {
  if (selects.length === 0) return Promise.resolve([]);
  return connection
    .query<mysql.RowDataPacket[]>({ sql: unionAllTree(selects), rowsAsArray: true })
    .then(([result]) => result as unknown as SnapshotRow[]);
}

/** The connections a snapshot opened, and whether its caller is done with it (a connection that opens later is dropped). */
interface ExtraConnections {
  opened: mysql.Connection[];
  done: boolean;
}

/** What the snapshot's statements answered: the remotes, and each database's ignore rows and bd prefix. */
interface SnapshotParts {
  remotes: SnapshotRow[];
  ignore: Map<string, IgnoreRow[]>;
  ignoreHead: Map<string, IgnoreRow[]>;
  prefixes: Map<string, string | null>;
  beadsUnreadable: string | null;
}

/** dolt_ignore of each database in the working set, or committed at the HEAD commit given (a literal hash). */
function ignoreSelects(names: readonly string[], heads?: ReadonlyMap<string, RootHashes>): string[] {
  return names.map((name) => {
    const asOf = heads === undefined ? '' : ` AS OF ${quoteString(heads.get(name)?.head ?? 'HEAD')}`;
    return `SELECT ${quoteString(name)}, '${asOf === '' ? 'ignore' : 'ignore-head'}', pattern, ignored FROM ${quoteIdentifier(name)}.dolt_ignore${asOf}`;
  });
}

/** Each named database's rows (an empty list for one without any). */
function ignoreRowsOf(rows: readonly SnapshotRow[], names: readonly string[]): Map<string, IgnoreRow[]> {
  const byName = new Map<string, IgnoreRow[]>(names.map((name) => [name, []]));
  for (const [db, , pattern, ignored] of rows) byName.get(db)?.push([pattern, Number(ignored) === 1]);
  return byName;
}

/** What the working sets hold, read where the cache has nothing, and the hashes they were read at. */
interface WorkingSetReading {
  hashes: ReadonlyMap<string, RootHashes>;
  ignore: Map<string, IgnoreRow[]>;
  beads: BeadsPrefixes | null;
}

/**
 * Reads again what the cache lacks of the working sets named in `rereads`, in one read-only transaction that reads
 * the hashes first: Dolt's transaction sees each database as it was then, so what is read is what those hashes name,
 * whatever agents commit meanwhile. (A working set has no hash to read it AS OF; a commit has.) Starting a
 * transaction costs Dolt tens of milliseconds at 500 databases, so a town whose hashes did not move skips it.
 */
async function readWorkingSets(connection: mysql.Connection, names: readonly string[], known: RootFacts): Promise<WorkingSetReading> {
  await connection.query('START TRANSACTION READ ONLY');
  try {
    const hashes = await readRootHashes(connection, names);
    const rereads = planRereads(hashes, known);
    const ignore = ignoreRowsOf(await select(connection, ignoreSelects(rereads.ignore)), rereads.ignore);
    const beads = rereads.prefix.length === 0 ? null : await readBeadsPrefixes(connection, rereads.prefix);
    return { hashes, ignore, beads };
  } finally {
    await connection.query('COMMIT');
  }
}

/** dolt_ignore committed at each database's HEAD, read AS OF the commit itself: what the hash names, by construction. */
async function readHeads(connection: mysql.Connection, names: readonly string[], hashes: ReadonlyMap<string, RootHashes>): Promise<Map<string, IgnoreRow[]>> {
  return ignoreRowsOf(await select(connection, ignoreSelects(names, hashes)), names);
}

/**
 * The versioned parts of the snapshot: dolt_ignore in the working set and at HEAD, and bd's issue_prefix. Their
 * content is named by the database's root hashes, so one statement reads every hash and only databases whose hash
 * has no entry in the cache are read again (a converged, idle town: none). HEAD's rows go on a connection of their
 * own while the working sets are read.
 */
async function readVersionedParts(onAnother: () => Promise<mysql.Connection>, names: readonly string[], cache: RootFactsStore): Promise<Omit<SnapshotParts, 'remotes'>> {
  const known = cache.read();
  const first = await onAnother();
  const hashes = await readRootHashes(first, names);
  const rereads = planRereads(hashes, known);
  const nothingRead: WorkingSetReading = { hashes, ignore: new Map(), beads: null };
  const [working, ignoreHead] = await Promise.all([
    rereads.ignore.length + rereads.prefix.length === 0 ? nothingRead : readWorkingSets(first, [...new Set([...rereads.ignore, ...rereads.prefix])], known),
    rereads.ignoreHead.length === 0 ? new Map<string, IgnoreRow[]>() : onAnother().then((connection) => readHeads(connection, rereads.ignoreHead, hashes)),
  ]);
  const fresh = emptyRootFacts();
  const { ignore } = working;
  const prefixes = new Map(working.beads?.prefixes ?? []);
  for (const [name, rows] of ignore) fresh.ignoreByWorking.set(working.hashes.get(name)?.working ?? '', rows);
  for (const [name, rows] of ignoreHead) fresh.ignoreByHead.set(hashes.get(name)?.head ?? '', rows);
  for (const [name, prefix] of prefixes) fresh.prefixByWorking.set(working.hashes.get(name)?.working ?? '', prefix);
  for (const [name, { head, working: firstWorking }] of hashes) {
    const workingHash = working.hashes.get(name)?.working ?? firstWorking;
    if (!ignore.has(name)) ignore.set(name, known.ignoreByWorking.get(workingHash) ?? []);
    if (!ignoreHead.has(name)) ignoreHead.set(name, known.ignoreByHead.get(head) ?? []);
    if (!prefixes.has(name) && known.prefixByWorking.has(workingHash)) prefixes.set(name, known.prefixByWorking.get(workingHash) ?? null);
  }
  if (rereads.ignore.length + rereads.ignoreHead.length + rereads.prefix.length > 0) cache.write(factsToKeep(hashes, known, fresh));
  return { ignore, ignoreHead, prefixes, beadsUnreadable: working.beads?.unreadable ?? null };
}

/**
 * The parts, sent on several connections at once: Dolt plans and answers them in parallel. One statement of the
 * remotes and both dolt_ignore reads took a 500-database server 275 ms, three in parallel 153 ms. dolt_ignore is read
 * both in the working set and as committed at HEAD (see presentPatterns): two selects, not a JOIN, which took Dolt
 * 0.6-1.8 s at 300 databases. dolt_remotes is not versioned (no root hash names it), so it is read every time.
 */
function requestParts(connections: SnapshotConnections, names: readonly string[], extras: ExtraConnections, cache: RootFactsStore): Promise<SnapshotParts> {
  // No column aliases (rows come as arrays): each alias costs Dolt's planner a session's worth of allocations.
  const remotes = names.map((name) => `SELECT ${quoteString(name)}, 'remote', name, url FROM ${quoteIdentifier(name)}.dolt_remotes`);
  const onAnother = async (): Promise<mysql.Connection> => {
    let connection: mysql.Connection;
    try {
      connection = await connections.open();
    } catch {
      return connections.primary; // the primary answers this part after its own
    }
    // opened after the caller gave up or finished: nothing may keep it (or the process) alive
    if (extras.done) {
      dropConnection(connection);
      throw new Error('the snapshot was abandoned');
    }
    extras.opened.push(connection);
    return connection;
  };
  const parts = Promise.all([select(connections.primary, remotes), readVersionedParts(onAnother, names, cache)]).then(
    ([remoteRows, versioned]) => ({ remotes: remoteRows, ...versioned }),
  );
  parts.catch(() => undefined); // awaited in read(); until then its failure is not unhandled
  return parts;
}

/** Where the snapshot keeps its root facts between runs; `none` keeps nothing (every run reads everything). */
export interface RootFactsStore {
  read(): RootFacts;
  write(facts: RootFacts): void;
}

export const NO_ROOT_FACTS_STORE: RootFactsStore = { read: emptyRootFacts, write: () => undefined };

/** The store in a file (gt's town keeps it under daemon/). */
export function rootFactsFile(path: string): RootFactsStore {
  return { read: () => readRootFacts(path), write: (facts) => writeRootFacts(path, facts) };
}

/**
 * Everything else gt needs from SQL, in a constant number of statements whatever the number of databases: the root
 * hashes, then UNION ALLs (balanced trees) over the databases' dolt_remotes and, where a hash moved, dolt_ignore and
 * bd's config. Sends them and returns, so the caller can read its config while the server answers. `served` is the
 * server's own list (the health probe asked for it); the system schemas are left out, and so are `incomplete`
 * directories an interrupted create left: a server may list them, but every query on them fails.
 */
export function sendSnapshotQuery(
  connections: SnapshotConnections,
  served: readonly string[],
  incomplete: readonly string[] = [],
  cache: RootFactsStore = NO_ROOT_FACTS_STORE,
): PendingSnapshot {
  const names = served.filter((name) => isTownDatabaseName(name) && !incomplete.includes(name)).sort();
  const byName = new Map<string, ObservedDatabase>(
    names.map((name) => [name, { name, remotes: [], ignore: [], beadsPrefix: null, unpushed: null }]),
  );
  const extras: ExtraConnections = { opened: [], done: false };
  const nothing: SnapshotParts = { remotes: [], ignore: new Map(), ignoreHead: new Map(), prefixes: new Map(), beadsUnreadable: null };
  const parts = names.length > 0 ? requestParts(connections, names, extras, cache) : Promise.resolve(nothing);
  const connection = connections.primary;

  return {
    async read(probeUnpushed = []) {
      const { remotes, ignore, ignoreHead, prefixes, beadsUnreadable } = await parts;
      for (const [db, , name, url] of remotes) byName.get(db)?.remotes.push({ name, url: String(url) });
      for (const database of byName.values()) {
        database.ignore = presentPatterns(ignore.get(database.name) ?? [], ignoreHead.get(database.name) ?? []);
        database.beadsPrefix = prefixes.get(database.name) ?? null;
      }
      for (const name of probeUnpushed) {
        const database = byName.get(name);
        if (!database) continue;
        database.unpushed = await probeUnpushedWork(connection, name);
      }
      return { databases: [...byName.values()], beadsUnreadable };
    },
    async release() {
      extras.done = true;
      await Promise.all(extras.opened.splice(0).map((extra) => extra.end().catch(() => dropConnection(extra))));
    },
    abandon() {
      extras.done = true;
      for (const extra of extras.opened.splice(0)) dropConnection(extra);
    },
  };
}

/**
 * The dolt_ignore rows in effect: a pattern counts when the working set and HEAD both hold it, ignored when both
 * say so. A row only in the working set is in effect for no clone or pull (and Dolt leaves it there when a pattern
 * matches dolt_ignore itself); a row deleted from the working set is in effect for no local `DOLT_ADD('-A')`.
 */
function presentPatterns(working: readonly IgnoreRow[], head: readonly IgnoreRow[]): ObservedIgnore[] {
  const committed = new Map(head);
  return working
    .filter(([pattern]) => committed.has(pattern))
    .map(([pattern, ignored]) => ({ pattern, ignored: ignored && committed.get(pattern) === true }));
}

/**
 * What dropping the database would lose: commits on HEAD not on any remote-tracking branch (all commits after the
 * initial one when it has none) and uncommitted working changes.
 */
async function probeUnpushedWork(
  connection: mysql.Connection,
  name: string,
): Promise<NonNullable<ObservedDatabase['unpushed']>> {
  const db = quoteIdentifier(name);
  const [facts] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT (SELECT COUNT(*) FROM ${db}.dolt_status) AS dirty, (SELECT COUNT(*) FROM ${db}.dolt_log) AS commits`,
  );
  const [remoteBranches] = await connection.query<mysql.RowDataPacket[]>(`SELECT name FROM ${db}.dolt_remote_branches`);
  const dirty = Number(facts[0]?.dirty ?? 0) > 0;
  let commits = Math.max(0, Number(facts[0]?.commits ?? 1) - 1);
  let detail = `${commits} commit(s) and no remote-tracking branch`;
  if (remoteBranches.length > 0) {
    await connection.query(`USE ${db}`);
    for (const branch of remoteBranches) {
      const remoteBranch = String(branch.name);
      const [counted] = await connection.query<mysql.RowDataPacket[]>(
        `CALL DOLT_COUNT_COMMITS('--from', 'HEAD', '--to', ${quoteString(remoteBranch)})`,
      );
      const ahead = Number(firstRow(counted)?.ahead ?? commits);
      if (ahead <= commits) {
        commits = ahead;
        detail = `${ahead} commit(s) not on ${remoteBranch}`;
      }
    }
  }
  if (dirty) detail += ', uncommitted changes in the working set';
  return { commits, dirty, detail };
}
