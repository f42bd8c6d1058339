import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type RigSpec, type TestTown } from '../../helpers/town.js';

const gtBin = fileURLToPath(new URL('../../../bin/gt.js', import.meta.url));

function fiveRigs(town: TestTown): RigSpec[] {
  return ['wyvern', 'gryphon', 'sky', 'ember', 'dune'].map((name) => ({
    name,
    remotes: [
      { name: 'origin', url: town.remoteUrl(name) },
      { name: 'backup', url: town.remoteUrl(`${name}-backup`) },
    ],
    ignore: ['wisps', 'wisp_*'],
  }));
}

async function expectConverged(town: TestTown, rigs: RigSpec[]): Promise<void> {
  const databases = (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
  expect(databases).toEqual(expect.arrayContaining(['hq', ...rigs.map((rig) => rig.name)]));
  for (const rig of rigs) {
    const remotes = await town.query<{ name: string; url: string }>('SELECT name, url FROM dolt_remotes ORDER BY name', rig.name);
    expect(remotes).toEqual([...(rig.remotes ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
    const ignore = await town.query<{ pattern: string; ignored: number }>(
      'SELECT pattern, ignored FROM dolt_ignore ORDER BY pattern',
      rig.name,
    );
    expect(ignore).toEqual([...(rig.ignore ?? [])].sort().map((pattern) => ({ pattern, ignored: 1 })));
  }
}

describe('gt apply from an empty dir to a converged 5-rig town', () => {
  let town: TestTown;
  let rigs: RigSpec[];

  beforeAll(async () => {
    town = await makeTown();
    rigs = fiveRigs(town);
    for (const rig of rigs) town.writeRig(rig);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('creates the server, every database, remote and ignore pattern', async () => {
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('The town matches its config.');
    await expectConverged(town, rigs);
  });

  it('commits ignore patterns as gt, and only dolt_ignore', async () => {
    const log = await town.query<{ committer: string; message: string }>(
      'SELECT committer, message FROM dolt_log ORDER BY commit_order DESC LIMIT 1',
      'wyvern',
    );
    expect(log[0]?.committer).toBe('gt');
    expect(log[0]?.message).toContain('dolt_ignore');
  });

  it('a second apply executes nothing and says so', async () => {
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe('No changes. The town matches its config.');
  });

  it('corrects every drift the diff tests detect', async () => {
    await town.query("CALL DOLT_REMOTE('remove', 'origin')", 'wyvern');
    await town.query(`CALL DOLT_REMOTE('add', 'stray', '${town.remoteUrl('stray')}')`, 'gryphon');
    await town.query("CALL DOLT_REMOTE('remove', 'backup')", 'sky');
    await town.query(`CALL DOLT_REMOTE('add', 'backup', '${town.remoteUrl('elsewhere')}')`, 'sky');
    const connection = await town.connect('ember');
    try {
      await connection.query("DELETE FROM dolt_ignore WHERE pattern = 'wisps'");
      await connection.query("CALL DOLT_COMMIT('-Am', 'an agent removed the ignore row')");
    } finally {
      await connection.end();
    }
    const result = await runGt(['apply', '--town', town.root, '-o', 'json']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { converged: boolean; results: { id: string; verb: string; status: string }[] };
    expect(report.converged).toBe(true);
    expect(report.results.map((r) => `${r.verb} ${r.id} ${r.status}`).sort()).toEqual([
      'create ignore/ember/wisps done',
      'create remote/wyvern/origin done',
      'delete remote/gryphon/stray done',
      'update remote/sky/backup done',
    ]);
    await expectConverged(town, rigs);

    await town.stopServer();
    const restarted = await runGt(['apply', '--town', town.root]);
    expect(restarted.exitCode).toBe(0);
    expect(restarted.stdout).toMatch(/\+ start {3}server \.\.\. done/);
    await expectConverged(town, rigs);
  });
});

describe('gt apply under interruption and concurrency', () => {
  let town: TestTown;
  let rigs: RigSpec[];

  beforeEach(async () => {
    town = await makeTown();
    rigs = fiveRigs(town);
    for (const rig of rigs) town.writeRig(rig);
  });

  afterEach(async () => {
    await town.stopServer();
  });

  it('an apply killed between two actions converges on the next run', async () => {
    const child = execa('node', [gtBin, 'apply', '--town', town.root], { reject: false, env: { NO_COLOR: '1' } });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('create  database/')) child.kill('SIGKILL');
    });
    const killed = await child;
    expect(killed.signal).toBe('SIGKILL');

    const next = await runGt(['apply', '--town', town.root]);
    expect(next.stderr).not.toContain('gt:');
    expect(next.exitCode).toBe(0);
    await expectConverged(town, rigs);
    expect((await runGt(['diff', '--town', town.root])).exitCode).toBe(0);
  });

  it('two concurrent applies both end converged without failed actions', async () => {
    const [first, second] = await Promise.all([
      runGt(['apply', '--town', town.root]),
      runGt(['apply', '--town', town.root]),
    ]);
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(`${first.stdout}${second.stdout}`).not.toContain('FAILED');
    await expectConverged(town, rigs);
  });
});

describe('gt apply --dry-run', () => {
  it('prints the plan, exits 1 and changes nothing', async () => {
    const town = await makeTown([{ name: 'wyvern' }]);
    const daemonJson = join(town.root, 'mayor', 'daemon.json');
    const before = readFileSync(daemonJson, 'utf8');
    const result = await runGt(['apply', '--dry-run', '--town', town.root]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('+ create  database/wyvern');
    expect(town.serverPid()).toBeNull();
    expect(readFileSync(daemonJson, 'utf8')).toBe(before);
  });
});
