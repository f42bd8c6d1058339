import type mysql from 'mysql2/promise';
import { dropConnection } from '../lib/connect.js';
import { firstRow, isTownDatabaseName, quoteIdentifier, quoteString, unionAllTree } from '../lib/sql.js';
import { readBeadsPrefixes, type BeadsPrefixes } from './beads-prefixes.js';
import type { ObservedDatabase, ObservedIgnore } from './observed.js';

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
  return connection
    .query<mysql.RowDataPacket[]>({ sql: unionAllTree(selects), rowsAsArray: true })
    .then(([result]) => result as unknown as SnapshotRow[]);
}

/** The connections a snapshot opened, and whether its caller is done with it (a connection that opens later is dropped). */
interface ExtraConnections {
  opened: mysql.Connection[];
  done: boolean;
}

/** What the snapshot's statements answered: the remote and ignore rows, and bd's issue_prefix of each database. */
interface SnapshotParts {
  rows: SnapshotRow[];
  beads: BeadsPrefixes;
}

/**
 * Four parts, each a UNION ALL over every database, sent on four connections at once: Dolt plans and answers them in
 * parallel. One statement of the first three parts took a 500-database server 275 ms, three in parallel 153 ms
 * (the remotes and the working set's dolt_ignore alone: 140 ms). dolt_ignore is read both in the working set and as
 * committed at HEAD (see presentPatterns): two selects, not a JOIN, which took Dolt 0.6-1.8 s at 300 databases. The
 * fourth part reads bd's settings (readBeadsPrefixes).
 */
function requestParts(connections: SnapshotConnections, names: readonly string[], extras: ExtraConnections): Promise<SnapshotParts> {
  // No column aliases (rows come as arrays): each alias costs Dolt's planner a session's worth of allocations.
  const remotes = names.map((name) => `SELECT ${quoteString(name)}, 'remote', name, url FROM ${quoteIdentifier(name)}.dolt_remotes`);
  const ignores = names.map((name) => `SELECT ${quoteString(name)}, 'ignore', pattern, ignored FROM ${quoteIdentifier(name)}.dolt_ignore`);
  const committed = names.map(
    (name) => `SELECT ${quoteString(name)}, 'ignore-head', pattern, ignored FROM ${quoteIdentifier(name)}.dolt_ignore AS OF 'HEAD'`,
  );
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
  const parts = Promise.all([
    select(connections.primary, remotes),
    onAnother().then((connection) => select(connection, ignores)),
    onAnother().then((connection) => select(connection, committed)),
    onAnother().then((connection) => readBeadsPrefixes(connection, names)),
  ]).then(([remoteRows, ignoreRows, committedRows, beads]) => ({ rows: [...remoteRows, ...ignoreRows, ...committedRows], beads }));
  parts.catch(() => undefined); // awaited in read(); until then its failure is not unhandled
  return parts;
}

/**
 * Everything else gt needs from SQL, in four statements whatever the number of databases (six when some databases
 * have no bd tables): UNION ALLs (balanced trees) over the databases' dolt_remotes, dolt_ignore and bd's config.
 * Sends them and returns, so the caller can read its config while the server answers. `served` is the server's own
 * list (the health probe asked for it); the system schemas are left out, and so are `incomplete` directories an
 * interrupted create left: a server may list them, but every query on them fails.
 */
export function sendSnapshotQuery(connections: SnapshotConnections, served: readonly string[], incomplete: readonly string[] = []): PendingSnapshot {
  const names = served.filter((name) => isTownDatabaseName(name) && !incomplete.includes(name)).sort();
  const byName = new Map<string, ObservedDatabase>(
    names.map((name) => [name, { name, remotes: [], ignore: [], beadsPrefix: null, unpushed: null }]),
  );
  const extras: ExtraConnections = { opened: [], done: false };
  const nothing: SnapshotParts = { rows: [], beads: { prefixes: new Map(), unreadable: null } };
  const parts = names.length > 0 ? requestParts(connections, names, extras) : Promise.resolve(nothing);
  const connection = connections.primary;

  return {
    async read(probeUnpushed = []) {
      const working = new Map<string, ObservedIgnore[]>();
      const head = new Map<string, ObservedIgnore[]>();
      const { rows, beads } = await parts;
      for (const [db, kind, a, b] of rows) {
        const database = byName.get(db);
        if (!database) continue;
        if (kind === 'remote') {
          database.remotes.push({ name: a, url: String(b) });
        } else {
          const side = kind === 'ignore' ? working : head;
          side.set(db, [...(side.get(db) ?? []), { pattern: a, ignored: Number(b) === 1 }]);
        }
      }
      for (const database of byName.values()) {
        database.ignore = presentPatterns(working.get(database.name) ?? [], head.get(database.name) ?? []);
        database.beadsPrefix = beads.prefixes.get(database.name) ?? null;
      }
      for (const name of probeUnpushed) {
        const database = byName.get(name);
        if (!database) continue;
        database.unpushed = await probeUnpushedWork(connection, name);
      }
      return { databases: [...byName.values()], beadsUnreadable: beads.unreadable };
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
function presentPatterns(working: ObservedIgnore[], head: ObservedIgnore[]): ObservedIgnore[] {
  const committed = new Map(head.map((row) => [row.pattern, row.ignored]));
  return working
    .filter((row) => committed.has(row.pattern))
    .map((row) => ({ pattern: row.pattern, ignored: row.ignored && committed.get(row.pattern) === true }));
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
