import type mysql from 'mysql2/promise';

/**
 * Deterministic beads content for the ledger's golden files: fixed ids (comments and events too, which bd gives UUIDs),
 * fixed times, text that exercises the record encoding, and rows the scrub and the pollution patterns must keep out.
 */

const AT = '2026-01-02 03:04:05';

/** Each ledger table's ORDER BY as Gas Town's per-table export writes it: the tests and B9 run that export to compare. */
export const GAS_TOWN_ORDER_BY: Readonly<Record<string, string>> = {
  issues: 'id',
  comments: 'id',
  config: '`key`',
  dependencies: 'issue_id, depends_on_id',
  events: 'id',
  labels: 'issue_id, label',
  metadata: '`key`',
};

/** An issue row: only the columns the fixture sets, the rest take the schema's defaults. */
interface IssueRow {
  id: string;
  title: string;
  status?: string;
  issueType?: string;
  ephemeral?: 0 | 1;
}

/** Issues the scrub (SQL) or the pollution patterns (id or title) keep out of the archive. */
export function pollutedIssues(prefix: string): IssueRow[] {
  return [
    { id: `${prefix}-wisp-x1`, title: 'a wisp that leaked into issues' },
    { id: `${prefix}-cv-1`, title: 'a convoy' },
    { id: 'test-1', title: 'a test id' },
    { id: `${prefix}-eph`, title: 'ephemeral', ephemeral: 1 },
    { id: `${prefix}-msg`, title: 'mail', issueType: 'message' },
    { id: `${prefix}-gone`, title: 'deleted', status: 'tombstone' },
    { id: `${prefix}-usage`, title: 'Usage: bd list [flags]' },
    { id: `${prefix}-dash`, title: '--json output' },
    { id: 'bd-7', title: 'short test id' },
    { id: 'bd-abc12', title: 'test-style id' },
    { id: `${prefix}-ti`, title: 'Test Issue 9' },
    { id: `${prefix}-tu`, title: 'test_thing' },
    { id: 'doctest_1', title: 'doctest' },
    { id: 'offlinebrew-1', title: 'offline' },
    { id: `${prefix}-help`, title: '--help' },
  ];
}

/** The title that exercises the encoding: quotes, a backslash, HTML, non-ASCII, an emoji, control and separator characters. */
export const AWKWARD_TITLE = 'He said "ship it" \\ <b>&amp;</b> ünïcödé 😀 tab\there\nnext line \u2028 sep \u0001 ctl';

export function durableIssues(prefix: string, count: number): IssueRow[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-a${String(i).padStart(3, '0')}`, title: i === 1 ? AWKWARD_TITLE : `Issue ${i} of ${prefix}` }));
}

async function insertIssue(connection: mysql.Connection, issue: IssueRow): Promise<void> {
  await connection.query(
    'INSERT INTO issues (id, title, description, status, issue_type, created_at, updated_at, ephemeral, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [issue.id, issue.title, `about ${issue.id}`, issue.status ?? 'open', issue.issueType ?? 'task', AT, AT, issue.ephemeral ?? 0, '{"b": 1, "a": [1, 2.5, "x"]}'],
  );
}

/** Labels of a durable issue: `labelsPerIssue` of them. */
export async function insertLabels(connection: mysql.Connection, ids: readonly string[], labelsPerIssue: number, from = 0): Promise<void> {
  for (const id of ids) {
    for (let n = from; n < from + labelsPerIssue; n++) await connection.query('INSERT INTO labels (issue_id, label) VALUES (?, ?)', [id, `label-${n}`]);
  }
}

/**
 * The fixture of one database (its beads schema already created): `count` durable issues (each with 2 labels, a
 * comment, an event, and a dependency on the one before), the polluted issues, one commit.
 */
export async function insertLedgerFixture(connection: mysql.Connection, prefix: string, count: number): Promise<void> {
  const durable = durableIssues(prefix, count);
  for (const issue of [...durable, ...pollutedIssues(prefix)]) await insertIssue(connection, issue);
  await insertLabels(connection, durable.map((issue) => issue.id), 2);
  for (const [i, issue] of durable.entries()) {
    await connection.query('INSERT INTO comments (id, issue_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)', [`c-${issue.id}`, issue.id, 'agent', `note on ${issue.id}`, AT]);
    await connection.query('INSERT INTO events (id, issue_id, event_type, actor, old_value, new_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      `e-${issue.id}`,
      issue.id,
      'status_changed',
      'agent',
      null,
      'open',
      AT,
    ]);
    if (i > 0) {
      await connection.query('INSERT INTO dependencies (issue_id, depends_on_id, type, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
        issue.id,
        (durable[i - 1] as IssueRow).id,
        'blocks',
        AT,
        'agent',
      ]);
    }
  }
  await connection.query("CALL DOLT_COMMIT('-Am', 'bd: fixture')");
}
