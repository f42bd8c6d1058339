import type mysql from 'mysql2/promise';

/**
 * A beads-shaped database, modelled on the schema bd v1.0.0 creates: the version-tracked tables agents write through
 * bd (issues and the rows that hang off them, config, metadata), and the dolt-ignored `wisps` table with its
 * auxiliary tables, which bd keeps out of Dolt history by adding the `wisps` and `wisp_%` patterns to `dolt_ignore`
 * (and committing that) before it creates them. Column sets are trimmed to what gt's lifecycle work reads and what
 * makes rows realistic; names, keys, types and the ignore rows are bd's.
 */

/** The version-tracked tables, in the order bd creates them (children after `issues`, which they reference). */
export const TRACKED_TABLES = ['issues', 'dependencies', 'labels', 'comments', 'events', 'config', 'metadata'] as const;

/** The dolt-ignored tables: never in a commit, only in the working set. */
export const WISP_TABLES = ['wisps', 'wisp_labels', 'wisp_comments', 'wisp_events', 'wisp_dependencies'] as const;

/** The rows bd adds to `dolt_ignore` before it creates the wisp tables. */
export const WISP_IGNORE_PATTERNS = ['wisps', 'wisp_%'] as const;

/** The columns `issues` and `wisps` share (bd's wisps table mirrors issues). */
const ISSUE_COLUMNS = `
    id VARCHAR(255) PRIMARY KEY,
    content_hash VARCHAR(64),
    title VARCHAR(500) NOT NULL,
    description TEXT NOT NULL,
    status VARCHAR(32) NOT NULL DEFAULT 'open',
    priority INT NOT NULL DEFAULT 2,
    issue_type VARCHAR(32) NOT NULL DEFAULT 'task',
    assignee VARCHAR(255),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by VARCHAR(255) DEFAULT '',
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    closed_at DATETIME,
    ephemeral TINYINT(1) DEFAULT 0,
    wisp_type VARCHAR(32) DEFAULT '',
    mol_type VARCHAR(32) DEFAULT '',
    metadata JSON DEFAULT (JSON_OBJECT()),
    close_reason TEXT DEFAULT ''`;

const TRACKED_DDL = [
  `CREATE TABLE IF NOT EXISTS issues (${ISSUE_COLUMNS},
    INDEX idx_issues_status (status),
    INDEX idx_issues_created_at (created_at))`,
  `CREATE TABLE IF NOT EXISTS dependencies (
    issue_id VARCHAR(255) NOT NULL,
    depends_on_id VARCHAR(255) NOT NULL,
    type VARCHAR(32) NOT NULL DEFAULT 'blocks',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (issue_id, depends_on_id),
    INDEX idx_dependencies_depends_on (depends_on_id),
    CONSTRAINT fk_dep_issue FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE)`,
  `CREATE TABLE IF NOT EXISTS labels (
    issue_id VARCHAR(255) NOT NULL,
    label VARCHAR(255) NOT NULL,
    PRIMARY KEY (issue_id, label),
    INDEX idx_labels_label (label),
    CONSTRAINT fk_labels_issue FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE)`,
  `CREATE TABLE IF NOT EXISTS comments (
    id CHAR(36) NOT NULL PRIMARY KEY DEFAULT (UUID()),
    issue_id VARCHAR(255) NOT NULL,
    author VARCHAR(255) NOT NULL,
    text TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    INDEX idx_comments_issue (issue_id),
    CONSTRAINT fk_comments_issue FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE)`,
  `CREATE TABLE IF NOT EXISTS events (
    id CHAR(36) NOT NULL PRIMARY KEY DEFAULT (UUID()),
    issue_id VARCHAR(255) NOT NULL,
    event_type VARCHAR(32) NOT NULL,
    actor VARCHAR(255) NOT NULL,
    old_value TEXT,
    new_value TEXT,
    comment TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    INDEX idx_events_issue (issue_id),
    CONSTRAINT fk_events_issue FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE)`,
  'CREATE TABLE IF NOT EXISTS config (`key` VARCHAR(255) PRIMARY KEY, value TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS metadata (`key` VARCHAR(255) PRIMARY KEY, value TEXT NOT NULL)',
];

/** bd's wisp tables carry no foreign keys: rows of a purged wisp stay until something deletes them. */
const WISP_DDL = [
  `CREATE TABLE IF NOT EXISTS wisps (${ISSUE_COLUMNS},
    INDEX idx_wisps_status (status),
    INDEX idx_wisps_created_at (created_at))`,
  `CREATE TABLE IF NOT EXISTS wisp_labels (
    issue_id VARCHAR(255) NOT NULL,
    label VARCHAR(255) NOT NULL,
    PRIMARY KEY (issue_id, label),
    INDEX idx_wisp_labels_label (label))`,
  `CREATE TABLE IF NOT EXISTS wisp_dependencies (
    issue_id VARCHAR(255) NOT NULL,
    depends_on_id VARCHAR(255) NOT NULL,
    type VARCHAR(32) NOT NULL DEFAULT 'blocks',
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    created_by VARCHAR(255) DEFAULT '',
    PRIMARY KEY (issue_id, depends_on_id),
    INDEX idx_wisp_dep_depends (depends_on_id))`,
  `CREATE TABLE IF NOT EXISTS wisp_events (
    id CHAR(36) NOT NULL PRIMARY KEY DEFAULT (UUID()),
    issue_id VARCHAR(255) NOT NULL,
    event_type VARCHAR(32) NOT NULL,
    actor VARCHAR(255) DEFAULT '',
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    INDEX idx_wisp_events_issue (issue_id))`,
  `CREATE TABLE IF NOT EXISTS wisp_comments (
    id CHAR(36) NOT NULL PRIMARY KEY DEFAULT (UUID()),
    issue_id VARCHAR(255) NOT NULL,
    author VARCHAR(255) DEFAULT '',
    text TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    INDEX idx_wisp_comments_issue (issue_id))`,
];

/**
 * Creates the schema in the database `connection` uses, as bd does: the tracked tables and a commit, then the
 * `dolt_ignore` rows and a commit of them, then the wisp tables (which, being ignored, make no commit).
 */
export async function createBeadsSchema(connection: mysql.Connection): Promise<void> {
  for (const ddl of TRACKED_DDL) await connection.query(ddl);
  await connection.query("INSERT INTO config (`key`, value) VALUES ('issue_prefix', 'bd'), ('compaction_enabled', 'false')");
  await connection.query("INSERT INTO metadata (`key`, value) VALUES ('bd_version', '1.0.0')");
  await connection.query("CALL DOLT_COMMIT('-Am', 'bd init: schema')");
  for (const pattern of WISP_IGNORE_PATTERNS) await connection.query('REPLACE INTO dolt_ignore VALUES (?, true)', [pattern]);
  await connection.query("CALL DOLT_ADD('dolt_ignore')");
  await connection.query("CALL DOLT_COMMIT('-m', 'chore: add wisps patterns to dolt_ignore')");
  for (const ddl of WISP_DDL) await connection.query(ddl);
}

/** A time `secondsAgo` before `now`, as the UTC `DATETIME` literal bd stores. */
export function utcDatetime(now: Date, secondsAgo = 0): string {
  return new Date(now.getTime() - secondsAgo * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export interface BeadRow {
  id: string;
  status?: 'open' | 'hooked' | 'in_progress' | 'closed';
  issueType?: string;
  /** Seconds before `now` the bead was created (default 0). */
  createdSecondsAgo?: number;
  /** Seconds before `now` it was closed; only for `status: 'closed'` (default: when it was created). */
  closedSecondsAgo?: number;
  /** Each adds one row to the label table. */
  labels?: string[];
  /** How many comment rows to add. */
  comments?: number;
  /** How many event rows to add. */
  events?: number;
  /** The id of its parent: a `parent-child` dependency row from this bead to that one. */
  parent?: string;
}

interface RowTables {
  main: 'issues' | 'wisps';
  labels: 'labels' | 'wisp_labels';
  comments: 'comments' | 'wisp_comments';
  events: 'events' | 'wisp_events';
  dependencies: 'dependencies' | 'wisp_dependencies';
}

const ISSUE_TABLES: RowTables = { main: 'issues', labels: 'labels', comments: 'comments', events: 'events', dependencies: 'dependencies' };
const WISP_ROW_TABLES: RowTables = {
  main: 'wisps',
  labels: 'wisp_labels',
  comments: 'wisp_comments',
  events: 'wisp_events',
  dependencies: 'wisp_dependencies',
};

async function insertBead(connection: mysql.Connection, tables: RowTables, bead: BeadRow, now: Date): Promise<void> {
  const status = bead.status ?? 'open';
  const created = utcDatetime(now, bead.createdSecondsAgo ?? 0);
  const closed = status === 'closed' ? utcDatetime(now, bead.closedSecondsAgo ?? bead.createdSecondsAgo ?? 0) : null;
  await connection.query(
    `INSERT INTO ${tables.main} (id, title, description, status, issue_type, created_at, updated_at, closed_at, ephemeral)
     VALUES (?, ?, '', ?, ?, ?, ?, ?, ?)`,
    [bead.id, `bead ${bead.id}`, status, bead.issueType ?? 'task', created, closed ?? created, closed, tables.main === 'wisps' ? 1 : 0],
  );
  for (const label of bead.labels ?? []) await connection.query(`INSERT INTO ${tables.labels} (issue_id, label) VALUES (?, ?)`, [bead.id, label]);
  for (let n = 0; n < (bead.comments ?? 0); n++) {
    await connection.query(`INSERT INTO ${tables.comments} (issue_id, author, text, created_at) VALUES (?, 'agent', ?, ?)`, [bead.id, `note ${n}`, created]);
  }
  for (let n = 0; n < (bead.events ?? 0); n++) {
    await connection.query(`INSERT INTO ${tables.events} (issue_id, event_type, actor, created_at) VALUES (?, 'status_changed', 'agent', ?)`, [bead.id, created]);
  }
  if (bead.parent !== undefined) {
    await connection.query(`INSERT INTO ${tables.dependencies} (issue_id, depends_on_id, type, created_at, created_by) VALUES (?, ?, 'parent-child', ?, 'agent')`, [
      bead.id,
      bead.parent,
      created,
    ]);
  }
}

/** Inserts wisps (dolt-ignored: no commit follows, none is possible) with their related rows; times relative to `now`. */
export async function insertWisps(connection: mysql.Connection, wisps: readonly BeadRow[], now = new Date()): Promise<void> {
  for (const wisp of wisps) await insertBead(connection, WISP_ROW_TABLES, wisp, now);
}

/** Inserts issues with their related rows and commits them, as bd does for a tracked write. */
export async function insertIssues(connection: mysql.Connection, issues: readonly BeadRow[], now = new Date(), message = 'bd: create issues'): Promise<void> {
  for (const issue of issues) await insertBead(connection, ISSUE_TABLES, issue, now);
  await connection.query("CALL DOLT_COMMIT('-Am', ?)", [message]);
}

/** Every row count of the beads tables (tracked and ignored), e.g. to assert what decay removed. */
export async function beadsRowCounts(connection: mysql.Connection): Promise<Record<string, number>> {
  const tables = [...TRACKED_TABLES, ...WISP_TABLES];
  const [rows] = await connection.query<mysql.RowDataPacket[]>(tables.map((table) => `SELECT '${table}' AS name, COUNT(*) AS n FROM ${table}`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [String(row.name), Number(row.n)]));
}

/**
 * The schema of a database whose wisps are version-tracked: no `dolt_ignore` rows for them (a database made before bd
 * kept wisps out of history, or whose patterns were removed), so every wisp write is a tracked change that needs a
 * commit. (Adding the patterns later does not help: Dolt 1.86.4 then lists the tables' changes in dolt_status but
 * stages none of them, so they can never be committed.)
 */
export async function createBeadsSchemaWithTrackedWisps(connection: mysql.Connection): Promise<void> {
  for (const ddl of [...TRACKED_DDL, ...WISP_DDL]) await connection.query(ddl);
  await connection.query("CALL DOLT_COMMIT('-Am', 'bd init: schema, wisp tables included')");
}

/** The commits of the database `connection` uses, newest first: hash, author and message. */
export async function commitLog(connection: mysql.Connection): Promise<{ hash: string; committer: string; message: string }[]> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT commit_hash, committer, message FROM dolt_log');
  return rows.map((row) => ({ hash: String(row.commit_hash), committer: String(row.committer), message: String(row.message) }));
}
