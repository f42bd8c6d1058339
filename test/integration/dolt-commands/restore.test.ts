/**
 * `gt dolt restore`: the restore points compaction took, listed, and one restored as a new database through the
 * running server; the database it was taken of is never touched and an existing target is refused.
 */
import type mysql from 'mysql2/promise';
import { compactDatabase } from '../../../src/lifecycle/compaction/engine.js';
import type { CompactedOutcome } from '../../../src/lifecycle/compaction/types.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { beadsRowCounts } from '../../helpers/beads-schema.js';
import { compactionRequest, createBeadsHistory, historyOf } from '../../helpers/compaction.js';
import { GT_COMMAND, runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

describe('gt dolt restore', () => {
  let town: TestTown;
  let outcome: CompactedOutcome;
  let countsBefore: Record<string, number>;
  const connections: mysql.Connection[] = [];
  /** gt as a whole process, without the config warnings the default daemon.json draws (not this command's). */
  const gt = async (...args: string[]) => {
    const result = await runGt([...args, '--town', town.root]);
    return { ...result, stderr: result.stderr.replace(/^.*warning GT-W.*\n?/gm, '') };
  };
  const connect = async (database?: string): Promise<mysql.Connection> => {
    const connection = await town.connect(database);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern', prefix: 'wy' }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    await createBeadsHistory(town.port, 'wyvern', 25);
    countsBefore = await beadsRowCounts(await connect('wyvern'));
    const result = await compactDatabase(compactionRequest(town.port, townPaths(town.root).dataDir, town.root, 'wyvern'));
    if (result.status !== 'compacted') throw new Error(JSON.stringify(result));
    outcome = result;
  });

  afterAll(async () => {
    for (const connection of connections) connection.destroy();
    await town?.stopServer();
  });

  it('--list shows the restore point with the commits it holds, and how to restore it', async () => {
    const name = outcome.restorePoint.name;
    const text = await gt('dolt', 'restore', 'wyvern', '--list');
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^RESTORE POINT +TAKEN \\(UTC\\) +AGE +COMMITS +SIZE\\n${name.replace('.', '\\.')} +\\S+ \\S+ +\\d+m +${outcome.commits.before} +[\\d.]+ MB\\n`));
    expect(text.stdout).toContain(`Restore one as a new database: ${GT_COMMAND} dolt restore wyvern --from ${name} --as wyvern_restored`);

    const json = JSON.parse((await gt('dolt', 'restore', 'wyvern', '--list', '-o', 'json')).stdout) as { restorePoints: { name: string; complete: boolean; commits: number }[] };
    expect(json.restorePoints).toEqual([expect.objectContaining({ name, complete: true, commits: outcome.commits.before })]);
    expect((await gt('dolt', 'restore', 'hq', '--list')).stdout).toBe("No restore points of hq: gt's compaction takes one before every rewrite.");
  });

  it('--from --as restores the pre-compaction history as a new database, wisps included, and leaves wyvern alone', async () => {
    const wyvern = await connect('wyvern');
    const before = await historyOf(wyvern);

    const result = await gt('dolt', 'restore', 'wyvern', '--from', outcome.restorePoint.name, '--as', 'wyvern_restored');

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const restored = await connect('wyvern_restored');
    const commits = (await historyOf(restored)).length;
    expect(result.stdout).toBe(
      `✓ Restored wyvern's restore point ${outcome.restorePoint.name} as wyvern_restored (${commits} commits); wyvern was not touched.\n` +
        '  wyvern_restored is not declared in any manifest: gt lists it as unmanaged and leaves it alone.',
    );
    expect(commits).toBe(outcome.commits.before);
    expect(await beadsRowCounts(restored)).toEqual(countsBefore);
    expect(await historyOf(wyvern)).toEqual(before);
    expect((await gt('diff')).exitCode).toBe(0);
  });

  it('refuses, changing nothing: an existing target, a bad name, an unknown restore point, no restore point given', async () => {
    const name = outcome.restorePoint.name;
    const cases: [string[], string][] = [
      [['--from', name, '--as', 'wyvern'], 'gt: database wyvern already exists; gt restores only into a new database, so nothing was changed: choose another name with --as'],
      [['--from', name, '--as', 'Wyvern-2'], 'gt: "Wyvern-2" is not a database name gt creates: use lowercase letters, digits and _ (at most 64), e.g. wyvern_2'],
      [['--from', 'nosuch', '--as', 'x'], `gt: wyvern has no restore point nosuch; list them with: ${GT_COMMAND} dolt restore wyvern --list`],
      [[], `gt: say which restore point and the new database's name: ${GT_COMMAND} dolt restore wyvern --from RESTORE_POINT --as NEW_DB (list them with --list)`],
      [['--list', '--as', 'x'], 'gt: --list lists restore points; leave out --from and --as'],
    ];
    for (const [args, stderr] of cases) {
      const result = await gt('dolt', 'restore', 'wyvern', ...args);
      expect({ args, exitCode: result.exitCode, stderr: result.stderr }).toEqual({ args, exitCode: 2, stderr });
    }
    const [databases] = await (await connect()).query<mysql.RowDataPacket[]>('SHOW DATABASES');
    expect(databases.map((row) => String(row.Database)).filter((db) => db.startsWith('wyvern') || db === 'x')).toEqual(['wyvern', 'wyvern_restored']);
  });
});
