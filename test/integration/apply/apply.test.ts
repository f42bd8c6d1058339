import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withoutBeadsNote } from '../../helpers/bd-stub.js';
import { runGt } from '../../helpers/gt.js';
import { parseDocument } from '../../helpers/json-schemas.js';
import { makeTown, type RigSpec, type TestTown } from '../../helpers/town.js';

const gtBin = fileURLToPath(new URL('../../../bin/gt.js', import.meta.url));

/** The databases Dolt itself serves on every server; everything else is the town's. */
const SYSTEM_DATABASES = new Set(['information_schema', 'mysql', 'performance_schema', 'sys']);

/** The author gt records on every Dolt commit it makes (GT_AUTHOR in src/lib/gt-author.ts). */
const GT_COMMITTER = { committer: 'gt', email: 'gt@gastown.local' };

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

/** The town's databases on its server, sorted, without Dolt's system databases. */
async function townDatabases(town: TestTown): Promise<string[]> {
  const rows = await town.query<{ Database: string }>('SHOW DATABASES');
  return rows.map((row) => row.Database).filter((name) => !SYSTEM_DATABASES.has(name)).sort();
}

async function expectConverged(town: TestTown, rigs: RigSpec[]): Promise<void> {
  expect(await townDatabases(town)).toEqual(['hq', ...rigs.map((rig) => rig.name)].sort());
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

/** The tables a commit changed, from dolt_diff. */
async function tablesChangedBy(town: TestTown, database: string, commitHash: string): Promise<string[]> {
  const rows = await town.query<{ table_name: string }>(
    `SELECT table_name FROM dolt_diff WHERE commit_hash = '${commitHash}' ORDER BY table_name`,
    database,
  );
  return rows.map((row) => row.table_name);
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

  it('commits ignore patterns as gt (name and email) on every rig, touching only dolt_ignore', async () => {
    for (const rig of rigs) {
      const log = await town.query<{ commit_hash: string; committer: string; email: string; message: string }>(
        'SELECT commit_hash, committer, email, message FROM dolt_log ORDER BY commit_order',
        rig.name,
      );
      // Dolt's own first commit of a new database, then exactly gt's one dolt_ignore commit
      expect(log.map((entry) => entry.message)).toEqual(['Initialize data repository', 'gt: ensure dolt_ignore wisps, wisp_*']);
      const gtCommits = log.slice(1);
      for (const commit of gtCommits) {
        expect({ committer: commit.committer, email: commit.email }).toEqual(GT_COMMITTER);
        expect(await tablesChangedBy(town, rig.name, commit.commit_hash)).toEqual(['dolt_ignore']);
      }
    }
  });

  it('a second apply executes nothing and says so', async () => {
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(0);
    expect(withoutBeadsNote(result.stdout)).toBe('No changes. The town matches its config.');
  });

  it('corrects every drift the diff tests detect', async () => {
    await town.query("CALL DOLT_REMOTE('remove', 'origin')", 'wyvern');
    await town.query(`CALL DOLT_REMOTE('add', 'stray', '${town.remoteUrl('stray')}')`, 'gryphon');
    await town.query("CALL DOLT_REMOTE('remove', 'backup')", 'sky');
    await town.query(`CALL DOLT_REMOTE('add', 'backup', '${town.remoteUrl('elsewhere')}')`, 'sky');
    await town.run([
      "DELETE FROM dolt_ignore WHERE pattern = 'wisps'",
      "CALL DOLT_COMMIT('-Am', 'an agent removed the ignore row')",
    ], 'ember');
    const result = await runGt(['apply', '--town', town.root, '-o', 'json']);
    expect(result.exitCode).toBe(0);
    const report = parseDocument('apply', result.stdout) as { converged: boolean; results: { action: { id: string; verb: string }; status: string }[] };
    expect(report.converged).toBe(true);
    expect(report.results.map((r) => `${r.action.verb} ${r.action.id} ${r.status}`).sort()).toEqual([
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
    const declared = ['hq', ...rigs.map((rig) => rig.name)].sort();
    const child = execa('node', [gtBin, 'apply', '--town', town.root], {
      reject: false,
      env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1' },
      stdin: 'ignore',
    });
    // The plan printed before execution names every `create  database/…`; a step line ends in `... done (N ms)`.
    // gt writes each step line before it starts the next action (stdout to a pipe is synchronous on Linux), and each
    // database create is a round trip to Dolt, so the kill lands while the remaining creates are still to come.
    let output = '';
    let killedAfter: string | null = null;
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const firstDatabaseDone = /^ {2}\+ create {2}database\/(\S+) \.\.\. done \(\d+ ms\)$/m.exec(output);
      if (killedAfter === null && firstDatabaseDone) {
        killedAfter = firstDatabaseDone[1] ?? '';
        child.kill('SIGKILL');
      }
    });
    const killed = await child;
    expect(killed.signal).toBe('SIGKILL');
    expect(killedAfter).toBe('hq');
    expect(output).toMatch(/\+ start {3}server \.\.\. done/);

    // gt died mid-plan: its server keeps running, its lock names the dead gt, and only some databases exist
    const serverPid = town.serverPid();
    expect(serverPid).not.toBeNull();
    const lock = JSON.parse(readFileSync(join(town.root, 'daemon', 'gt.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(child.pid);
    const partial = await townDatabases(town);
    expect(partial).toContain('hq');
    expect(partial.every((name) => declared.includes(name))).toBe(true);
    expect(partial.length).toBeLessThan(declared.length);
    // every create comes before the first remote or ignore step, so none of those ran
    for (const database of partial) {
      expect(await town.query('SELECT name FROM dolt_remotes', database)).toEqual([]);
      expect(await town.query('SELECT pattern FROM dolt_ignore', database)).toEqual([]);
    }

    const next = await runGt(['apply', '--town', town.root]);
    expect(next.stderr).not.toContain('gt:');
    expect(next.exitCode).toBe(0);
    expect(next.stdout).toContain('The town matches its config.');
    for (const database of partial) expect(next.stdout).not.toContain(`create  database/${database} `);
    await expectConverged(town, rigs);

    const third = await runGt(['apply', '--town', town.root]);
    expect(third.exitCode).toBe(0);
    expect(withoutBeadsNote(third.stdout)).toBe('No changes. The town matches its config.');
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

describe('gt commits only dolt_ignore while an agent has uncommitted work', () => {
  let town: TestTown;

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern', ignore: ['wisps'] }]);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('leaves the agent table uncommitted and commits dolt_ignore alone, as gt', async () => {
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);

    await town.run([
      'CREATE TABLE agent_notes (id INT PRIMARY KEY, note VARCHAR(64))',
      "INSERT INTO agent_notes VALUES (1, 'half done')",
    ], 'wyvern');
    const uncommitted = [{ table_name: 'agent_notes', staged: 0, status: 'new table' }];
    expect(await town.query('SELECT table_name, staged, status FROM dolt_status', 'wyvern')).toEqual(uncommitted);

    town.writeRig({ name: 'wyvern', ignore: ['wisps', 'scratch_*'] });
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\+ create {2}ignore\/wyvern\/scratch_\* \.\.\. done \(\d+ ms\): commit (\w+)/);
    const reportedHash = /: commit (\w+)/.exec(result.stdout)?.[1];

    expect(await town.query('SELECT table_name, staged, status FROM dolt_status', 'wyvern')).toEqual(uncommitted);
    expect(await town.query('SELECT id, note FROM agent_notes', 'wyvern')).toEqual([{ id: 1, note: 'half done' }]);
    const head = await town.query<{ commit_hash: string; committer: string; email: string; message: string }>(
      'SELECT commit_hash, committer, email, message FROM dolt_log ORDER BY commit_order DESC LIMIT 1',
      'wyvern',
    );
    expect(head).toEqual([{ commit_hash: reportedHash, ...GT_COMMITTER, message: 'gt: ensure dolt_ignore scratch_*' }]);
    expect(await tablesChangedBy(town, 'wyvern', reportedHash ?? '')).toEqual(['dolt_ignore']);
    expect(
      await town.query("SELECT to_table_name, diff_type FROM dolt_diff_summary('HEAD~1', 'HEAD')", 'wyvern'),
    ).toEqual([{ to_table_name: 'dolt_ignore', diff_type: 'modified' }]);
  });

  it("never commits an agent's staged work: it waits until nothing else is staged", async () => {
    await town.run([
      'CREATE TABLE agent_staged (id INT PRIMARY KEY)',
      'INSERT INTO agent_staged VALUES (7)',
      "CALL DOLT_ADD('agent_staged')",
    ], 'wyvern');
    const statusBefore = await town.query('SELECT table_name, staged, status FROM dolt_status ORDER BY table_name', 'wyvern');
    expect(statusBefore).toContainEqual({ table_name: 'agent_staged', staged: 1, status: 'new table' });
    const headBefore = await town.query('SELECT commit_hash FROM dolt_log ORDER BY commit_order DESC LIMIT 1', 'wyvern');

    town.writeRig({ name: 'wyvern', ignore: ['wisps', 'scratch_*', 'tmp_*'] });
    const refused = await runGt(['apply', '--town', town.root]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/ignore\/wyvern\/tmp_\* \.\.\. FAILED .*wyvern has staged changes that are not gt's \(agent_staged\)/);
    expect(await town.query('SELECT table_name, staged, status FROM dolt_status ORDER BY table_name', 'wyvern')).toEqual(statusBefore);
    expect(await town.query('SELECT commit_hash FROM dolt_log ORDER BY commit_order DESC LIMIT 1', 'wyvern')).toEqual(headBefore);
    expect(await town.query("SELECT pattern FROM dolt_ignore WHERE pattern = 'tmp_*'", 'wyvern')).toEqual([]);

    await town.query("CALL DOLT_COMMIT('-m', 'agent work', '--author', 'agent <agent@gastown.local>')", 'wyvern');
    const converged = await runGt(['apply', '--town', town.root]);
    expect(converged.exitCode).toBe(0);
    const hash = /tmp_\* \.\.\. done \(\d+ ms\): commit (\w+)/.exec(converged.stdout)?.[1] ?? '';
    expect(await tablesChangedBy(town, 'wyvern', hash)).toEqual(['dolt_ignore']);
    const authors = await town.query('SELECT committer, message FROM dolt_log ORDER BY commit_order DESC LIMIT 2', 'wyvern');
    expect(authors).toEqual([
      { committer: 'gt', message: 'gt: ensure dolt_ignore tmp_*' },
      { committer: 'agent', message: 'agent work' },
    ]);
  });
});

describe('gt apply checks that its dolt_ignore commit holds the patterns', () => {
  let town: TestTown;

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern', ignore: ['wisps'] }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('fails loudly when Dolt commits nothing (a pattern someone put in dolt_ignore matches dolt_ignore itself)', async () => {
    // what validation refuses in a manifest (GT-E050), written by hand: from now on DOLT_ADD('dolt_ignore') stages nothing
    await town.run(["INSERT INTO dolt_ignore VALUES ('d*', 1)"], 'wyvern');
    const headBefore = await town.query('SELECT commit_hash FROM dolt_log ORDER BY commit_order DESC LIMIT 1', 'wyvern');

    town.writeRig({ name: 'wyvern', ignore: ['wisps', 'scratch_*'] });
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /ignore\/wyvern\/scratch_\* \.\.\. FAILED .*wyvern: Dolt committed no dolt_ignore change for "scratch_\*": a pattern in dolt_ignore matches dolt_ignore itself/,
    );
    expect(result.stdout).not.toContain('already present');
    expect(await town.query('SELECT commit_hash FROM dolt_log ORDER BY commit_order DESC LIMIT 1', 'wyvern')).toEqual(headBefore);
    expect(await town.query("SELECT pattern FROM dolt_ignore WHERE pattern = 'scratch_*'", 'wyvern')).toEqual([]);
    // still planned: diff compares dolt_ignore at HEAD
    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toContain('create  ignore/wyvern/scratch_*');

    await town.run(["DELETE FROM dolt_ignore WHERE pattern = 'd*'"], 'wyvern');
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    expect(await town.query("SELECT pattern FROM dolt_ignore AS OF 'HEAD' WHERE pattern = 'scratch_*'", 'wyvern')).toEqual([
      { pattern: 'scratch_*' },
    ]);
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
