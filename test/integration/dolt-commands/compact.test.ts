/**
 * `gt dolt compact`: the imperative twin of a planned compaction, on the same action and engine, with an agent
 * committing the whole time: the history is flattened, or rewritten surgically, now (whatever the threshold), no agent
 * commit fails or is lost, and the restore point it took is listed by `gt dolt restore --list`. What gt must not
 * rewrite is refused.
 */
import type mysql from 'mysql2/promise';
import { beadsRowCounts } from '../../helpers/beads-schema.js';
import { FOLDED_MESSAGE } from '../../../src/lifecycle/compaction/surgical.js';
import { createBeadsHistory, historyOf } from '../../helpers/compaction.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';

describe('gt dolt compact', () => {
  let town: TestTown;
  const connections: mysql.Connection[] = [];
  const gt = (...args: string[]) => runGt([...args, '--town', town.root]);

  beforeAll(async () => {
    town = await makeTown([
      { name: 'wyvern', prefix: 'wy' },
      { name: 'vault', prefix: 'va', protect: true },
      { name: 'griffin', prefix: 'gr' },
    ]);
    expect((await gt('apply')).exitCode).toBe(0);
    await createBeadsHistory(town.port, 'wyvern', 40);
    await createBeadsHistory(town.port, 'griffin', 70);
  }, 120_000);

  afterAll(async () => {
    for (const connection of connections) connection.destroy();
    await town?.stopServer();
  });

  it('flattens now under a committing agent: 0 agent errors, every row kept, 3 commits plus the agent\'s, a restore point listed', async () => {
    const wyvern = await town.connect('wyvern');
    connections.push(wyvern);
    const countsBefore = await beadsRowCounts(wyvern);
    const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 5 });
    await writer.committedMore(5);
    const result = await gt('dolt', 'compact', 'wyvern');
    await writer.committedMore(5);
    const report = await writer.stop();

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^~ compaction\/wyvern: \d+ commits → flatten now, restore point first/);
    expect(result.stdout).toMatch(/✓ compaction\/wyvern: \d+ → \d+ commits \(flatten\)/);
    expect(report.errors).toEqual([]);
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    const counts = await beadsRowCounts(wyvern);
    for (const [table, rows] of Object.entries(countsBefore)) expect(counts[table]).toBeGreaterThanOrEqual(rows);
    const history = await historyOf(wyvern);
    const agents = history.filter((commit) => /^writer /.test(commit.message)).length;
    expect(history.length - agents).toBe(3);
    const listed = await gt('dolt', 'restore', 'wyvern', '--list', '-o', 'json');
    expect((JSON.parse(listed.stdout) as { restorePoints: { complete: boolean }[] }).restorePoints).toEqual([expect.objectContaining({ complete: true })]);
  }, 180_000);

  it('--mode surgical under a committing agent: the 50 newest commits (the default keepRecent) kept on one squash, 0 agent errors, every row kept', async () => {
    const griffin = await town.connect('griffin');
    connections.push(griffin);
    const countsBefore = await beadsRowCounts(griffin);
    const writer = await startWriter({ port: town.port, database: 'griffin', pauseMs: 5 });
    await writer.committedMore(5);
    const result = await gt('dolt', 'compact', 'griffin', '--mode', 'surgical');
    await writer.committedMore(5);
    const report = await writer.stop();

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^~ compaction\/griffin: \d+ commits → surgical: keep the 50 newest, squash the older now, restore point first/);
    expect(result.stdout).toMatch(/✓ compaction\/griffin: \d+ → \d+ commits \(surgical\)/);
    expect(report.errors).toEqual([]);
    expect(await missingRows(town.port, 'griffin', report)).toEqual([]);
    const counts = await beadsRowCounts(griffin);
    for (const [table, rows] of Object.entries(countsBefore)) expect(counts[table]).toBeGreaterThanOrEqual(rows);
    const history = await historyOf(griffin);
    expect(history[1]?.message).toMatch(/^gt compaction: \d+ older commits squashed into one$/);
    expect(history[53]?.message).toBe(FOLDED_MESSAGE);
    expect(history.slice(54).filter((commit) => !/^writer /.test(commit.message))).toEqual([]);
  }, 180_000);

  it('refuses a protected database and an undeclared database, changing nothing', async () => {
    const vault = await gt('dolt', 'compact', 'vault');
    expect(vault.exitCode).toBe(2);
    expect(vault.stderr).toContain('vault has protect: true, which refuses every history rewrite; nothing was changed');
    const unknown = await gt('dolt', 'compact', 'nosuch');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('nosuch is not a database the manifests declare present');
  });
});
