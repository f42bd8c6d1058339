import { runGt, type GtResult } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/**
 * `gt dolt list` names the databases (served and on disk) with their owners in at most one SQL statement whatever the
 * number of rigs, as Gas Town's own list reads only the data dir; `--remotes` reads the same snapshot gt diff reads.
 */
describe('gt dolt list: statements sent to the server', () => {
  let town: TestTown;
  const counted = (args: string[]): Promise<{ result: GtResult; statements: number }> =>
    countStatements(town.port, () => runGt([...args, '--town', town.root]));

  beforeAll(async () => {
    town = await makeTown([{ name: 'alpha' }, { name: 'bravo' }, { name: 'charlie', remotes: [{ name: 'origin', url: 'file:///srv/remotes/c' }] }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('one statement for the listing, at 4 databases and at 24; --remotes as many as gt diff', async () => {
    const small = await counted(['dolt', 'list']);
    expect(small.result.exitCode).toBe(0);
    expect(small.result.stdout).toContain('4 databases: 4 managed, 0 unmanaged');
    expect(small.statements).toBe(1);

    const diff = await counted(['diff']);
    expect(diff.result.exitCode).toBe(0);
    const remotes = await counted(['dolt', 'list', '--remotes']);
    expect(remotes.result.stdout).toMatch(/\ncharlie +rig charlie, mayor\/rigs.d\/charlie.yaml:4:9 +origin file:\/\/\/srv\/remotes\/c\n/);
    expect(remotes.statements).toBe(diff.statements);

    for (let i = 1; i <= 20; i++) town.writeRig({ name: `rig${String(i).padStart(2, '0')}`, prefix: `r${i}` });
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    const large = await counted(['dolt', 'list']);
    expect(large.result.stdout).toContain('24 databases: 24 managed, 0 unmanaged');
    expect(large.statements).toBe(1);
  });
});
