/**
 * `gt dolt compact`: the imperative twin of a planned compaction, on the same action and engine, with an agent
 * committing the whole time: the history is flattened, or rewritten surgically, now (whatever the threshold), no agent
 * commit fails or is lost, and the restore point it took is listed by `gt dolt restore --list`. What gt must not
 * rewrite is refused.
 */
import type mysql from 'mysql2/promise';
import { beadsRowCounts } from '../../helpers/beads-schema.js';
import { FOLDED_MESSAGE } from '../../../src/lifecycle/compaction/surgical.js';
import { createBeadsHistory, historyOf, type LoggedCommit } from '../../helpers/compaction.js';
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

  /**
   * `gt dolt compact DATABASE …args` while an agent commits before, during and after. Checks what every run must
   * hold (exit 0, no agent error or lost row, no table with fewer rows) and returns its output and main's history.
   */
  async function compactUnderAgent(database: string, ...args: string[]): Promise<{ stdout: string; history: LoggedCommit[] }> {
    const connection = await town.connect(database);
    connections.push(connection);
    const countsBefore = await beadsRowCounts(connection);
    const writer = await startWriter({ port: town.port, database, pauseMs: 5 });
    await writer.committedMore(5);
    const result = await gt('dolt', 'compact', database, ...args);
    await writer.committedMore(5);
    const report = await writer.stop();

    expect(result.exitCode).toBe(0);
    expect(report.errors).toEqual([]);
    expect(await missingRows(town.port, database, report)).toEqual([]);
    const counts = await beadsRowCounts(connection);
    for (const [table, rows] of Object.entries(countsBefore)) expect(counts[table]).toBeGreaterThanOrEqual(rows);
    return { stdout: result.stdout, history: await historyOf(connection) };
  }

  it('flattens now under a committing agent: 0 agent errors, every row kept, 3 commits plus the agent\'s, a restore point listed', async () => {
    const { stdout, history } = await compactUnderAgent('wyvern');

    expect(stdout).toMatch(/^~ compaction\/wyvern: \d+ commits → flatten now, restore point first/);
    expect(stdout).toMatch(/✓ compaction\/wyvern: \d+ → \d+ commits \(flatten\)/);
    const agents = history.filter((commit) => /^writer /.test(commit.message)).length;
    expect(history.length - agents).toBe(3);
    const listed = await gt('dolt', 'restore', 'wyvern', '--list', '-o', 'json');
    expect((JSON.parse(listed.stdout) as { restorePoints: { complete: boolean }[] }).restorePoints).toEqual([expect.objectContaining({ complete: true })]);
  }, 180_000);

  it('--mode surgical under a committing agent: the 50 newest commits (the default keepRecent) kept on one squash, 0 agent errors, every row kept', async () => {
    const { stdout, history } = await compactUnderAgent('griffin', '--mode', 'surgical');

    expect(stdout).toMatch(/^~ compaction\/griffin: \d+ commits → surgical: keep the 50 newest, squash the older now, restore point first/);
    expect(stdout).toMatch(/✓ compaction\/griffin: \d+ → \d+ commits \(surgical\)/);
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
