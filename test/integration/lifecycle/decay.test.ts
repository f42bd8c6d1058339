import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import {
  beadsRowCounts,
  commitLog,
  createBeadsSchema,
  createBeadsSchemaWithTrackedWisps,
  insertWisps,
  type BeadRow,
} from '../../helpers/beads-schema.js';
import { freePort } from '../../helpers/dolt-server.js';
import { runGt } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { missingRows, startWriter, type WriterReport } from '../../helpers/writer.js';

const DAY = 86_400;

interface PlannedAction {
  id: string;
  kind: string;
  verb: string;
  before: { staleOpen: number; closedExpired: number; related: number };
  summary: string;
}

interface PlanJson {
  actions: PlannedAction[];
  notes: string[];
}

interface ApplyJson {
  converged: boolean;
  results: { action: PlannedAction; status: string; message: string | null }[];
}

/**
 * The wisps of one rig, as a week of agents leaves them: 250 closed long ago (each with 2 labels, a comment and an
 * event, and every other one the parent of the next: 3 batches of deletes), 5 closed recently, 3 stale open ones with
 * no parent, 4 stale ones under an open parent, and a stale agent bead; decay closes 3 and deletes 250.
 */
function aWeekOfWisps(prefix: string): BeadRow[] {
  const rows: BeadRow[] = [];
  for (let n = 0; n < 250; n++) {
    const parent = n % 2 === 1 ? `${prefix}-old-${n - 1}` : undefined;
    rows.push({ id: `${prefix}-old-${n}`, status: 'closed', createdSecondsAgo: 9 * DAY, closedSecondsAgo: 8 * DAY, labels: ['gt:patrol', 'x'], comments: 1, events: 1, parent });
  }
  for (let n = 0; n < 5; n++) rows.push({ id: `${prefix}-recent-${n}`, status: 'closed', createdSecondsAgo: 3 * DAY, closedSecondsAgo: 2 * DAY, labels: ['y'] });
  for (let n = 0; n < 3; n++) rows.push({ id: `${prefix}-stale-${n}`, createdSecondsAgo: 2 * DAY, comments: 1 });
  rows.push({ id: `${prefix}-molecule`, status: 'in_progress', createdSecondsAgo: 60 });
  for (let n = 0; n < 4; n++) rows.push({ id: `${prefix}-step-${n}`, status: 'hooked', createdSecondsAgo: 2 * DAY, parent: `${prefix}-molecule` });
  rows.push({ id: `${prefix}-agent`, issueType: 'agent', createdSecondsAgo: 30 * DAY });
  return rows;
}

/** Related rows of the 250 old wisps: 500 labels + 250 comments + 250 events + 125 dependencies between them. */
const RELATED = 500 + 250 + 250 + 125;
const EXPECTED = { staleOpen: 3, closedExpired: 250, related: RELATED };

const TOWN_YAML = [
  'apiVersion: gastown.dev/v1alpha1',
  'kind: Town',
  'spec:',
  '  lifecycle:',
  '    executor: gt',
  '    decay:',
  '      closeStaleWispsAfter: 24h',
  '      deleteClosedWispsAfter: 168h',
  '      interval: 30m',
  '',
].join('\n');

async function diffJson(town: TestTown): Promise<{ exitCode: number; plan: PlanJson }> {
  const result = await runGt(['diff', '--town', town.root, '-o', 'json']);
  return { exitCode: result.exitCode, plan: JSON.parse(result.stdout) as PlanJson };
}

describe('decay on a live server, with agents committing the whole time', () => {
  let town: TestTown;

  beforeAll(async () => {
    const port = await freePort();
    town = await makeTown([], { port, daemon: { ...defaultDaemonConfig(), env: { GT_DOLT_PORT: String(port) } } });
    for (const name of ['wyvern', 'tracked', 'plain']) town.writeRig({ name });
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), TOWN_YAML);
    const applied = await runGt(['apply', '--town', town.root]);
    expect(applied.exitCode).toBe(0);
    for (const [name, create] of [
      ['wyvern', createBeadsSchema],
      ['tracked', createBeadsSchemaWithTrackedWisps],
    ] as const) {
      const connection = await town.connect(name);
      await create(connection);
      await insertWisps(connection, aWeekOfWisps(name));
      if (name === 'tracked') await connection.query("CALL DOLT_COMMIT('-Am', 'bd: wisps')");
      await connection.end();
    }
  }, 120_000);

  afterAll(async () => {
    await town.stopServer();
  });

  it('gt diff counts the due work once, then reads only the heads while nothing moved, and recounts only what moved', async () => {
    const first = await countStatements(town.port, () => diffJson(town));
    expect(first.result.exitCode).toBe(1);
    const decay = first.result.plan.actions.filter((a) => a.kind === 'decay');
    expect(decay.map((a) => [a.id, a.verb, a.before])).toEqual([
      ['decay/tracked', 'delete', EXPECTED],
      ['decay/wyvern', 'delete', EXPECTED],
    ]);
    expect(decay[0]?.summary).toBe('close 3 stale wisps; delete 250 closed wisps + 1,125 related rows');
    expect(first.result.plan.notes).toEqual(expect.arrayContaining([expect.stringContaining('decay/plain: plain has no wisps table')]));

    // nothing moved: the snapshot's statements (7 here: bd's issue prefixes take three when some database has no bd
    // tables, as plain has not) and one that reads every head
    const again = await countStatements(town.port, () => diffJson(town));
    expect(again.statements).toBe(8);
    expect(again.result.plan.actions.filter((a) => a.kind === 'decay').map((a) => a.before)).toEqual([EXPECTED, EXPECTED]);

    // The cache answers for databases whose hashes did not move: a count planted in it for tracked is believed,
    // while wyvern, whose working set an agent moved, is counted again (one more statement, all moved ones at once).
    const cachePath = townPaths(town.root).historyFactsCache;
    const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as { databases: Record<string, { decay: { staleOpen: number } }> };
    for (const name of ['wyvern', 'tracked']) (cache.databases[name] as { decay: { staleOpen: number } }).decay.staleOpen = 77;
    writeFileSync(cachePath, JSON.stringify(cache));
    await town.run(["UPDATE wisps SET title = 'renamed' WHERE id = 'wyvern-recent-0'"], 'wyvern');
    const moved = await countStatements(town.port, () => diffJson(town));
    expect(moved.statements).toBe(9);
    const counts = Object.fromEntries(moved.result.plan.actions.filter((a) => a.kind === 'decay').map((a) => [a.id, a.before.staleOpen]));
    expect(counts).toEqual({ 'decay/tracked': 77, 'decay/wyvern': 3 });
    // put the planted count right again: a write moves tracked's working set too
    await town.run(["UPDATE wisps SET title = 'renamed' WHERE id = 'tracked-recent-0'", "CALL DOLT_COMMIT('-Am', 'bd: rename')"], 'tracked');
  });

  it('gt apply closes and deletes exactly the due rows in batches, commits only tracked changes, once, and a second diff exits 0', async () => {
    const planned = await diffJson(town);
    expect(planned.plan.actions.filter((a) => a.kind === 'decay').map((a) => a.before)).toEqual([EXPECTED, EXPECTED]);
    const before = { wyvern: await logOf(town, 'wyvern'), tracked: await logOf(town, 'tracked') };
    const writers = await Promise.all(['wyvern', 'tracked'].map((database) => startWriter({ port: town.port, database })));
    await Promise.all(writers.map((writer) => writer.committedMore(5)));

    const applied = await runGt(['apply', '--town', town.root, '-o', 'json']);
    await Promise.all(writers.map((writer) => writer.committedMore(5)));
    const reports = await Promise.all(writers.map((writer) => writer.stop()));

    expect(applied.exitCode).toBe(0);
    const report = JSON.parse(applied.stdout) as ApplyJson;
    const decayResults = report.results.filter((r) => r.action.kind === 'decay');
    expect(decayResults.map((r) => [r.action.id, r.status, r.action.before])).toEqual([
      ['decay/tracked', 'done', EXPECTED],
      ['decay/wyvern', 'done', EXPECTED],
    ]);
    expect(decayResults[0]?.message).toMatch(/^closed 3 stale wisps; deleted 250 closed wisps \+ 1,125 related rows; commit [0-9a-v]{32}$/);
    expect(decayResults[1]?.message).toBe('closed 3 stale wisps; deleted 250 closed wisps + 1,125 related rows; no commit (only dolt-ignored tables changed)');

    for (const [i, database] of ['wyvern', 'tracked'].entries()) {
      expectNoWriterHarm(reports[i] as WriterReport, await missingRows(town.port, database, reports[i] as WriterReport));
      const connection = await town.connect(database);
      expect(await beadsRowCounts(connection)).toMatchObject({ wisps: 14, wisp_labels: 5, wisp_comments: 3, wisp_events: 0, wisp_dependencies: 4 });
      const [open] = await connection.query<import('mysql2/promise').RowDataPacket[]>(
        "SELECT id FROM wisps WHERE status <> 'closed' ORDER BY id",
      );
      expect(open.map((row) => String(row.id)).sort()).toEqual([`${database}-agent`, `${database}-molecule`, ...[0, 1, 2, 3].map((n) => `${database}-step-${n}`)].sort());
      await connection.end();
    }

    // Besides the writers' (committed as root): wyvern has no commit at all, tracked exactly one by gt with the decay
    // (after which its wisp tables are clean)
    const after = { wyvern: await logOf(town, 'wyvern'), tracked: await logOf(town, 'tracked') };
    const notWriters = (commits: { committer: string; message: string }[]) => commits.filter((c) => c.committer !== 'root');
    expect(notWriters(newCommits(before.wyvern, after.wyvern))).toEqual([]);
    expect(notWriters(newCommits(before.tracked, after.tracked))).toEqual([
      { committer: 'gt', message: 'gt: decay tracked: closed 3 stale wisps; deleted 250 closed wisps + 1,125 related rows' },
    ]);
    expect(await town.query("SELECT * FROM dolt_status WHERE table_name LIKE 'wisp%'", 'tracked')).toEqual([]);

    const second = await runGt(['diff', '--town', town.root]);
    expect(second.stdout).toContain('No changes');
    expect(second.exitCode).toBe(0);
  });
});

async function logOf(town: TestTown, database: string) {
  const connection = await town.connect(database);
  try {
    return await commitLog(connection);
  } finally {
    await connection.end();
  }
}

function newCommits(before: { hash: string }[], after: { hash: string; committer: string; message: string }[]) {
  const known = new Set(before.map((commit) => commit.hash));
  return after.filter((commit) => !known.has(commit.hash)).map(({ committer, message }) => ({ committer, message }));
}

function expectNoWriterHarm(report: WriterReport, missing: number[]): void {
  expect(report.errors).toEqual([]);
  expect(missing).toEqual([]);
  expect(report.committed.length).toBeGreaterThanOrEqual(10);
}
