import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

const gtBin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'bin', 'gt.js');

describe('gt dolt init-rig, list and sql on a converged town', () => {
  let town: TestTown;
  const gt = (...args: string[]) => runGt([...args, '--town', town.root]);
  const rigsDir = () => join(town.root, 'mayor', 'rigs.d');
  const databases = async () => (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);

  beforeAll(async () => {
    town = await makeTown([{ name: 'gryphon', prefix: 'gr' }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    await town.query('CREATE DATABASE legacy');
    await town.query("CALL DOLT_REMOTE('add', 'origin', 'https://bot:s3cret@dolthub.example/legacy')", 'legacy');
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('init-rig creates the database and its manifest, after which gt diff exits 0', async () => {
    const result = await gt('dolt', 'init-rig', 'gas_town');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✓ Rig database "gas_town" created');
    expect(result.stdout).toContain('Manifest: mayor/rigs.d/gas_town.yaml (rig gas_town, prefix gt)');
    expect(await databases()).toContain('gas_town');
    expect(readFileSync(join(rigsDir(), 'gas_town.yaml'), 'utf8')).toBe(
      [
        '# Written by gt dolt init-rig. This file declares the rig: gt apply keeps the town true to it.',
        '',
        'apiVersion: gastown.dev/v1alpha1',
        'kind: Rig',
        'metadata:',
        '  name: gas_town',
        'spec:',
        '  prefix: gt',
        '',
      ].join('\n'),
    );

    // Gas Town's files for the rig, as gt apply writes them (the same plan and writer)
    expect(result.stdout).toContain('  ✓ gas_town/config.json: created');
    expect(result.stdout).toContain('  ✓ gas_town/.beads/metadata.json: created');
    const json = (path: string) => JSON.parse(readFileSync(join(town.root, path), 'utf8')) as Record<string, unknown>;
    expect(json('gas_town/config.json')).toMatchObject({ type: 'rig', version: 1, name: 'gas_town', git_url: '', beads: { prefix: 'gt' } });
    expect(json('gas_town/.beads/metadata.json')).toEqual({
      backend: 'dolt',
      database: 'dolt',
      dolt_database: 'gas_town',
      dolt_mode: 'server',
      dolt_server_host: '127.0.0.1',
      dolt_server_port: town.port,
    });
    expect(json('mayor/rigs.json')).toMatchObject({ rigs: { gas_town: { git_url: '', beads: { repo: 'local', prefix: 'gt' } } } });
    expect(readFileSync(join(town.root, '.beads', 'routes.jsonl'), 'utf8')).toContain('{"prefix":"gt-","path":"gas_town"}\n');
    expect(json('daemon/dolt-state.json').databases).toEqual(['gas_town', 'gryphon', 'hq', 'legacy']);

    const diff = await gt('diff');
    expect(diff.stdout).toContain('No changes. The town matches its config.');
    expect(diff.exitCode).toBe(0);
    expect((await gt('validate')).exitCode).toBe(0);
  });

  it('init-rig --prefix sets the prefix', async () => {
    expect((await gt('dolt', 'init-rig', 'sky', '--prefix', 'sk2')).exitCode).toBe(0);
    expect(readFileSync(join(rigsDir(), 'sky.yaml'), 'utf8')).toContain('  prefix: sk2\n');
    expect((await gt('diff')).exitCode).toBe(0);
  });

  describe('init-rig refuses, changing nothing', () => {
    let manifestsBefore: Map<string, string>;
    let databasesBefore: string[];

    beforeAll(async () => {
      manifestsBefore = new Map(readdirSync(rigsDir()).map((file) => [file, readFileSync(join(rigsDir(), file), 'utf8')]));
      databasesBefore = await databases();
    });

    afterEach(async () => {
      const manifestsNow = new Map(readdirSync(rigsDir()).map((file) => [file, readFileSync(join(rigsDir(), file), 'utf8')]));
      expect(manifestsNow).toEqual(manifestsBefore);
      expect(await databases()).toEqual(databasesBefore);
    });

    it('a name already declared (and its derived prefix), naming the declaration', async () => {
      const result = await gt('dolt', 'init-rig', 'gryphon');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/gt: cannot create rig "gryphon": rig name "gryphon" is already declared at .*gryphon.yaml:4:9/);
      expect(result.stderr).toContain('gt: nothing was changed');
    });

    it('a prefix another rig has', async () => {
      const result = await gt('dolt', 'init-rig', 'griffin', '--prefix', 'gr');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/prefix "gr" is already declared at .*gryphon.yaml:6:11/);
    });

    it('a name that is not a lowercase identifier, suggesting one', async () => {
      const result = await gt('dolt', 'init-rig', 'Sky-Harbor');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('metadata.name is "Sky-Harbor": names use only lowercase letters, digits and underscores');
      expect(result.stderr).toContain('e.g. "sky_harbor"');
      expect(existsSync(join(rigsDir(), 'Sky-Harbor.yaml'))).toBe(false);
    });

    it('the town name hq', async () => {
      const result = await gt('dolt', 'init-rig', 'hq', '--prefix', 'hqx');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('a rig cannot be named "hq"');
    });

    it('a Gas Town file it could not edit (rigs.json that does not parse), naming its place', async () => {
      const path = join(town.root, 'mayor', 'rigs.json');
      const valid = readFileSync(path, 'utf8');
      writeFileSync(path, valid.replace('"version": 1,', '"version": 1,,'));
      try {
        const result = await gt('dolt', 'init-rig', 'griffin', '--prefix', 'gf');
        expect(result.exitCode).toBe(2);
        expect(result.stderr).toMatch(/mayor\/rigs\.json:2:16: error GT-E018/);
        expect(existsSync(join(town.root, 'griffin'))).toBe(false);
      } finally {
        writeFileSync(path, valid);
      }
    });

    it('a database that already exists but no manifest declares', async () => {
      const result = await gt('dolt', 'init-rig', 'legacy');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('database "legacy" already exists and no manifest declares it');
    });
  });

  it('list shows managed databases with their manifest and unmanaged ones; --remotes their remotes, masked', async () => {
    const names = await gt('dolt', 'list');
    expect(names.exitCode).toBe(0);
    expect(names.stdout.split('\n')[0]).toMatch(/^DATABASE +MANAGED BY$/);
    expect(names.stdout).toMatch(/\ngas_town +rig gas_town, mayor\/rigs.d\/gas_town.yaml:6:9\n/);
    expect(names.stdout).toMatch(/\nlegacy +unmanaged\n/);
    expect(names.stdout).toContain('5 databases: 4 managed, 1 unmanaged');

    const result = await gt('dolt', 'list', '--remotes');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^DATABASE +MANAGED BY +REMOTES$/);
    expect(result.stdout).toMatch(/\ngas_town +rig gas_town, mayor\/rigs.d\/gas_town.yaml:6:9 +-\n/);
    expect(result.stdout).toMatch(/\ngryphon +rig gryphon, mayor\/rigs.d\/gryphon.yaml:4:9 +-\n/);
    expect(result.stdout).toMatch(/\nhq +town +-\n/);
    expect(result.stdout).toMatch(/\nlegacy +unmanaged +origin https:\/\/bot:\*\*\*@dolthub.example\/legacy\n/);
    expect(result.stdout).toContain('5 databases: 4 managed, 1 unmanaged');
    expect(result.stdout).not.toContain('s3cret');

    const json = JSON.parse((await gt('dolt', 'list', '--remotes', '-o', 'json')).stdout) as {
      databases: { name: string; managed: boolean; rig: string | null; remotes: { name: string; url: string }[] }[];
    };
    expect(json.databases.map((db) => [db.name, db.managed, db.rig])).toEqual([
      ['gas_town', true, 'gas_town'],
      ['gryphon', true, 'gryphon'],
      ['hq', true, 'hq'],
      ['legacy', false, null],
      ['sky', true, 'sky'],
    ]);
    expect(json.databases.find((db) => db.name === 'legacy')?.remotes).toEqual([
      { name: 'origin', url: 'https://bot:***@dolthub.example/legacy' },
    ]);
  });

  it('sql -q returns rows as a table, and as JSON with -o json', async () => {
    const setup = await gt(
      'dolt', 'sql', '-d', 'gryphon', '-q',
      "CREATE TABLE beads (id VARCHAR(10) PRIMARY KEY, title VARCHAR(40), closed_at DATETIME); INSERT INTO beads VALUES ('gr-1', 'first', NULL), ('gr-2', 'second', '2026-01-02 03:04:05')",
    );
    expect(setup.exitCode).toBe(0);
    expect(setup.stdout).toBe('Query OK, 0 rows affected\n\nQuery OK, 2 rows affected');

    const table = await gt('dolt', 'sql', '-d', 'gryphon', '-q', 'SELECT id, title, closed_at FROM beads ORDER BY id');
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toBe(
      [
        '+------+--------+---------------------+',
        '| id   | title  | closed_at           |',
        '+------+--------+---------------------+',
        '| gr-1 | first  | NULL                |',
        '| gr-2 | second | 2026-01-02 03:04:05 |',
        '+------+--------+---------------------+',
      ].join('\n'),
    );

    const json = await gt('dolt', 'sql', '-o', 'json', '-q', 'SELECT id, closed_at FROM gryphon.beads ORDER BY id; SELECT COUNT(*) AS n FROM gryphon.beads');
    expect(json.exitCode).toBe(0);
    expect(json.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { rows: [{ id: 'gr-1', closed_at: null }, { id: 'gr-2', closed_at: '2026-01-02 03:04:05' }] },
      { rows: [{ n: 2 }] },
    ]);
  });

  it('sql -q with a bad statement: the server error, exit 2', async () => {
    const result = await gt('dolt', 'sql', '-q', 'SELECT * FROM no_such_table');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^gt: .*no database selected/m);
  });

  it('sql without -q is the dolt client: it reads statements from a pipe', async () => {
    const result = await execa('node', [gtBin, 'dolt', 'sql', '-d', 'gryphon', '--town', town.root], {
      env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1' },
      input: 'SELECT title FROM beads ORDER BY id;\n',
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\| title +\|/);
    expect(result.stdout).toMatch(/\| first +\|\n\| second +\|/);
  });
});
