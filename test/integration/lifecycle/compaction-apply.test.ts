import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { beadsRowCounts, createBeadsSchema, insertIssues, insertWisps } from '../../helpers/beads-schema.js';
import { freePort } from '../../helpers/dolt-server.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';

interface PlannedAction {
  id: string;
  kind: string;
  before: { commits: number };
  after: { commits: number };
  summary: string;
}

interface ApplyJson {
  results: { action: PlannedAction; status: string; message: string | null }[];
}

/** gt executes the lifecycle, and flattens a database past 30 commits at most once a day, keeping restore points a week. */
const TOWN_YAML = [
  'apiVersion: gastown.dev/v1alpha1',
  'kind: Town',
  'spec:',
  '  lifecycle:',
  '    executor: gt',
  '    compaction:',
  '      mode: flatten',
  '      threshold: 30',
  '      interval: 24h',
  '      gc: full',
  '',
].join('\n');

/** A rig that overrides the Town's flatten: surgical, keeping its 10 newest commits. */
const SURGICAL_RIG_YAML = [
  'apiVersion: gastown.dev/v1alpha1',
  'kind: Rig',
  'metadata:',
  '  name: basilisk',
  'spec:',
  '  prefix: ba',
  '  lifecycle:',
  '    compaction:',
  '      mode: surgical',
  '      keepRecent: 10',
  '',
].join('\n');

async function rowCounts(town: TestTown, database = 'wyvern'): Promise<Record<string, number>> {
  const connection = await town.connect(database);
  try {
    return await beadsRowCounts(connection);
  } finally {
    await connection.end();
  }
}

async function commitCount(town: TestTown, database: string): Promise<number> {
  const [row] = await town.query<{ n: number }>('SELECT COUNT(*) AS n FROM dolt_log', database);
  return Number(row?.n);
}

describe('compaction planned by gt diff and executed by gt apply, with an agent committing the whole time', () => {
  let town: TestTown;

  beforeAll(async () => {
    const port = await freePort();
    town = await makeTown([{ name: 'wyvern' }], { port, daemon: { ...defaultDaemonConfig(), env: { GT_DOLT_PORT: String(port) } } });
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), TOWN_YAML);
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'basilisk.yaml'), SURGICAL_RIG_YAML);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    for (const [database, prefix] of [['wyvern', 'wy'], ['basilisk', 'ba']] as const) {
      const connection = await town.connect(database);
      await createBeadsSchema(connection);
      await insertWisps(connection, [{ id: `${prefix}-w1`, status: 'closed', createdSecondsAgo: 60, closedSecondsAgo: 30 }]);
      for (let n = 0; n < 40; n++) await insertIssues(connection, [{ id: `${prefix}-${n}`, labels: ['history'] }], new Date(), `bd: create ${prefix}-${n}`);
      await connection.end();
    }
  }, 180_000);

  afterAll(async () => {
    await town.stopServer();
  });

  it('flattens one history and rewrites the other surgically, as declared, keeping every row and the wisps; restore points taken, the next diff is clean', async () => {
    const planned = await runGt(['diff', '--town', town.root, '-o', 'json']);
    expect(planned.exitCode).toBe(1);
    const compaction = (JSON.parse(planned.stdout) as { actions: PlannedAction[] }).actions.filter((a) => a.kind === 'compaction');
    expect(compaction.map((a) => [a.id, a.after.commits])).toEqual([
      ['compaction/basilisk', 14],
      ['compaction/wyvern', 3],
    ]);
    expect(compaction[0]?.summary).toMatch(/ → surgical: keep the 10 newest, squash the older, restore point first/);
    expect(compaction[1]?.before.commits).toBeGreaterThan(30);

    const rowsBefore = { wyvern: await rowCounts(town), basilisk: await rowCounts(town, 'basilisk') };
    const writers = { wyvern: await startWriter({ port: town.port, database: 'wyvern' }), basilisk: await startWriter({ port: town.port, database: 'basilisk' }) };
    for (const writer of Object.values(writers)) await writer.committedMore(5);
    const applied = await runGt(['apply', '--town', town.root, '-o', 'json']);
    for (const writer of Object.values(writers)) await writer.committedMore(5);
    const reports = { wyvern: await writers.wyvern.stop(), basilisk: await writers.basilisk.stop() };

    expect(applied.exitCode).toBe(0);
    const results = (JSON.parse(applied.stdout) as ApplyJson).results.filter((r) => r.action.kind === 'compaction');
    expect(results.map((r) => [r.action.id, r.status])).toEqual([
      ['compaction/basilisk', 'done'],
      ['compaction/wyvern', 'done'],
    ]);
    expect(results[0]?.message).toMatch(/→ \d+ commits \(surgical\)/);
    expect(results[1]?.message).toMatch(/→ \d+ commits \(flatten\)/);
    for (const database of ['wyvern', 'basilisk'] as const) {
      expect(reports[database].errors).toEqual([]);
      expect(await missingRows(town.port, database, reports[database])).toEqual([]);
      expect(await rowCounts(town, database)).toEqual(rowsBefore[database]);
      const restorePoints = join(townPaths(town.root).restorePointsDir, database);
      expect(existsSync(restorePoints) && readdirSync(restorePoints).length).toBeGreaterThan(0);
    }
    // as planned, and then only what the agents committed after the swap
    const agentCommits = async (database: string): Promise<number> =>
      Number((await town.query<{ n: number }>("SELECT COUNT(*) AS n FROM dolt_log WHERE message LIKE 'writer %' AND commit_order > (SELECT MAX(commit_order) FROM dolt_log WHERE email = 'gt@gastown.local')", database))[0]?.n);
    expect((await commitCount(town, 'wyvern')) - (await agentCommits('wyvern'))).toBe(3);
    expect((await commitCount(town, 'basilisk')) - (await agentCommits('basilisk'))).toBe(14);

    // compacted today: the interval holds it back, so nothing is left to do
    const again = await runGt(['diff', '--town', town.root]);
    expect(again.stdout).not.toContain('compaction/');
    expect(again.exitCode).toBe(0);
  });
});
