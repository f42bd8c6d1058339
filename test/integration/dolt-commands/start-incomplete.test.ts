import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

describe('gt dolt start after an interrupted CREATE DATABASE', () => {
  let town: TestTown;

  afterAll(async () => {
    await town.stopServer();
  });

  it('moves the declared leftover aside like gt apply does, so the database can be created', async () => {
    town = await makeTown([{ name: 'wyvern' }, { name: 'gryphon' }]);
    const dataDir = join(town.root, '.dolt-data');
    mkdirSync(join(dataDir, 'gryphon', '.dolt', 'noms'), { recursive: true }); // killed before repo_state.json
    writeFileSync(join(dataDir, 'gryphon', '.dolt', 'config.json'), '{}');
    mkdirSync(join(dataDir, 'stray', '.dolt', 'noms'), { recursive: true }); // declared by no manifest

    const start = await runGt(['dolt', 'start', '--town', town.root]);
    expect(start.exitCode).toBe(0);
    expect(start.stdout).toMatch(/moved what an interrupted create left to \.dolt-data\/\.gt-incomplete\/gryphon-/);
    expect(readdirSync(join(dataDir, '.gt-incomplete')).map((name) => name.replace(/-\d{4}-.*$/, ''))).toEqual(['gryphon']);
    expect(existsSync(join(dataDir, 'stray', '.dolt', 'noms'))).toBe(true);

    const apply = await runGt(['apply', '--town', town.root]);
    expect(apply.exitCode).toBe(0);
    const databases = (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
    expect(databases).toEqual(expect.arrayContaining(['gryphon', 'wyvern']));
    expect(await town.query('SELECT * FROM dolt_remotes', 'gryphon')).toEqual([]);
  }, 90_000);
});
