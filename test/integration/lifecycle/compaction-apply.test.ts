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

async function rowCounts(town: TestTown): Promise<Record<string, number>> {
  const connection = await town.connect('wyvern');
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
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    const connection = await town.connect('wyvern');
    await createBeadsSchema(connection);
    await insertWisps(connection, [{ id: 'wy-w1', status: 'closed', createdSecondsAgo: 60, closedSecondsAgo: 30 }]);
    for (let n = 0; n < 40; n++) await insertIssues(connection, [{ id: `wy-${n}`, labels: ['history'] }], new Date(), `bd: create wy-${n}`);
    await connection.end();
  }, 180_000);

  afterAll(async () => {
    await town.stopServer();
  });

  it('flattens the history past its threshold, keeps every row and the wisps, takes a restore point, and the next diff is clean', async () => {
    const planned = await runGt(['diff', '--town', town.root, '-o', 'json']);
    expect(planned.exitCode).toBe(1);
    const compaction = (JSON.parse(planned.stdout) as { actions: PlannedAction[] }).actions.filter((a) => a.kind === 'compaction');
    expect(compaction.map((a) => a.id)).toEqual(['compaction/wyvern']);
    expect(compaction[0]?.before.commits).toBeGreaterThan(30);

    const rowsBefore = await rowCounts(town);
    const writer = await startWriter({ port: town.port, database: 'wyvern' });
    await writer.committedMore(5);
    const applied = await runGt(['apply', '--town', town.root, '-o', 'json']);
    await writer.committedMore(5);
    const report = await writer.stop();

    expect(applied.exitCode).toBe(0);
    const result = (JSON.parse(applied.stdout) as ApplyJson).results.find((r) => r.action.kind === 'compaction');
    expect(result?.status).toBe('done');
    expect(result?.message).toMatch(/→ \d+ commits \(flatten\)/);
    expect(report.errors).toEqual([]);
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    const rowsAfter = await rowCounts(town);
    expect(rowsAfter).toEqual(rowsBefore);
    // the flatten commit plus the root, and what the agent committed after the swap
    expect(await commitCount(town, 'wyvern')).toBeLessThan(compaction[0]?.before.commits ?? 0);
    const restorePoints = join(townPaths(town.root).restorePointsDir, 'wyvern');
    expect(existsSync(restorePoints) && readdirSync(restorePoints).length).toBeGreaterThan(0);

    // compacted today: the interval holds it back, so nothing is left to do
    const again = await runGt(['diff', '--town', town.root]);
    expect(again.stdout).not.toContain('compaction/wyvern');
    expect(again.exitCode).toBe(0);
  });
});
