import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { firstRow } from '../../../src/lib/sql.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { runGt } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';

const RIGS = ['alpha', 'beta', 'gamma'];

/** A rig whose origin is pushed (or only declared) and, with `backup`, backed up to a file:// backup. */
function writeSyncRig(town: TestTown, name: string, options: { push: boolean; backup: boolean }): void {
  const lines = [
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Rig',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  prefix: ${name.slice(0, 2)}`,
    '  ignore: ["wisps"]',
    '  remotes:',
    '    - name: origin',
    `      url: ${JSON.stringify(town.remoteUrl(name))}`,
    ...(options.push ? ['      push: true', '      pushInterval: 1h'] : []),
  ];
  if (options.backup) {
    lines.push('  backups:', '    - name: local', `      url: ${JSON.stringify(`file://${join(town.root, 'backups', name)}`)}`, '      interval: 1h');
  }
  writeFileSync(join(townPaths(town.root).rigsDir, `${name}.yaml`), `${lines.join('\n')}\n`);
}

async function scalar(town: TestTown, sql: string, database?: string): Promise<unknown> {
  const rows = await town.query<RowDataPacket>(sql, database);
  return Object.values(rows[0] ?? {})[0];
}

const commits = async (town: TestTown, database: string): Promise<number> => Number(await scalar(town, `SELECT COUNT(*) FROM ${database}.dolt_log`));

/** Where main stands against the remote's main as it is now (fetched), by Dolt's own count. */
async function againstRemote(town: TestTown, database: string): Promise<{ ahead: number; behind: number }> {
  const connection = await town.connect(database);
  try {
    await connection.query("CALL DOLT_FETCH('origin')");
    const [result] = await connection.query("CALL DOLT_COUNT_COMMITS('--from', 'main', '--to', 'origin/main')");
    const row = firstRow([result]);
    return { ahead: Number(row?.ahead), behind: Number(row?.behind) };
  } finally {
    await connection.end();
  }
}

async function remoteHead(town: TestTown, database: string): Promise<string> {
  const connection = await town.connect(database);
  try {
    await connection.query("CALL DOLT_FETCH('origin')");
    const [rows] = await connection.query<RowDataPacket[]>("SELECT hash FROM dolt_remote_branches WHERE name = 'remotes/origin/main'");
    return String(rows[0]?.hash);
  } finally {
    await connection.end();
  }
}

describe('sync and backups on a live server with an agent committing', () => {
  let town: TestTown;
  const gt = (...args: string[]) => runGt([...args], { cwd: town.root });

  beforeAll(async () => {
    town = await makeTown();
    for (const name of RIGS) writeSyncRig(town, name, { push: false, backup: false });
    expect((await gt('apply')).exitCode).toBe(0);
    for (const name of ['beta', 'gamma']) {
      const statements = ['CREATE TABLE items (id INT PRIMARY KEY)'];
      for (let i = 1; i <= 10; i++) statements.push(`INSERT INTO items VALUES (${i})`, `CALL DOLT_COMMIT('-Am', 'item ${i}')`);
      statements.push('CREATE TABLE wisps (id INT PRIMARY KEY)', 'INSERT INTO wisps VALUES (1), (2), (3)');
      await town.run(statements, name);
    }
  }, 180_000);

  afterAll(async () => {
    await town.stopServer();
  });

  it('apply pushes three databases over SQL while an agent commits: 0 writer errors, no commit of its own, then even with every remote', async () => {
    for (const name of RIGS) writeSyncRig(town, name, { push: true, backup: name === 'beta' });
    const before = { beta: await commits(town, 'beta'), gamma: await commits(town, 'gamma'), alpha: await commits(town, 'alpha') };
    const writer = await startWriter({ port: town.port, database: 'alpha' });
    await writer.committedMore(20);
    const apply = await gt('apply');
    await writer.committedMore(20);
    const report = await writer.stop();

    expect(apply.stdout).toMatch(/push\/alpha\/origin \.\.\. done/);
    expect(apply.stdout).toMatch(/push\/beta\/origin \.\.\. done .*pushed main \(\d+ commits\) for the first time/);
    expect(apply.stdout).toMatch(/backup-sync\/beta\/local \.\.\. done/);
    expect(apply.exitCode).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(await missingRows(town.port, 'alpha', report)).toEqual([]);

    // the agent kept committing after the push: gt dolt sync pushes the rest now, whatever the interval
    const sync = await gt('dolt', 'sync');
    expect(sync.stdout).toContain('✓ alpha → origin: pushed');
    expect(sync.stdout).toContain('○ beta: up to date');
    expect(sync.stdout).toContain('Summary: 1 pushed, 3 skipped, 0 failed');
    expect(sync.exitCode).toBe(0);
    for (const name of RIGS) expect(await againstRemote(town, name)).toEqual({ ahead: 0, behind: 0 });
    // nothing gt did made a commit: beta and gamma as before, alpha by the writer's table and rows only
    expect(await commits(town, 'beta')).toBe(before.beta);
    expect(await commits(town, 'gamma')).toBe(before.gamma);
    expect(await commits(town, 'alpha')).toBe(before.alpha + 1 + report.committed.length);

    const diff = await gt('diff');
    expect(diff.stdout).toContain('No changes. The town matches its config.');
    expect(diff.exitCode).toBe(0);
  }, 240_000);

  it('restores a synced backup as a new database equal to its source: rows, dolt-ignored tables, commits', async () => {
    const restore = await gt('dolt', 'restore', 'beta', '--from-backup', 'local', '--as', 'beta_restored');
    expect(restore.stdout).toContain('Restored beta\'s backup local as beta_restored');
    expect(restore.exitCode).toBe(0);
    for (const sql of ['SELECT COUNT(*) FROM {db}.items', 'SELECT COUNT(*) FROM {db}.wisps', 'SELECT COUNT(*) FROM {db}.dolt_log']) {
      expect(await scalar(town, sql.replace('{db}', 'beta_restored'))).toEqual(await scalar(town, sql.replace('{db}', 'beta')));
    }
    expect(Number(await scalar(town, 'SELECT COUNT(*) FROM beta_restored.wisps'))).toBe(3);
    expect((await gt('dolt', 'restore', 'beta', '--from-backup', 'local', '--as', 'beta_restored')).stderr).toContain('already exists');
  }, 120_000);

  it('the no-op diff reads where every pushed remote stands in one statement, whatever the number of databases', async () => {
    const rigsDir = townPaths(town.root).rigsDir;
    const noSync = join(town.root, 'no-sync.yaml');
    writeFileSync(noSync, 'apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: gamma\nspec:\n  prefix: ga\n');
    const diffOf = async (...files: string[]) =>
      countStatements(town.port, () => gt('diff', ...files.flatMap((file) => ['-f', file])));
    const one = await diffOf(join(rigsDir, 'alpha.yaml'));
    const three = await diffOf(rigsDir);
    const none = await diffOf(noSync);
    expect([one.result.exitCode, three.result.exitCode, none.result.exitCode]).toEqual([0, 0, 0]);
    expect(three.statements).toBe(one.statements);
    expect(three.statements).toBe(none.statements + 1);
  }, 120_000);

  it('a diverged remote blocks its push (exit 1) and leaves the database and the remote untouched', async () => {
    const root = String(await scalar(town, 'SELECT commit_hash FROM gamma.dolt_log ORDER BY commit_order LIMIT 1'));
    await town.run([`CALL DOLT_RESET('--soft', '${root}')`, "CALL DOLT_COMMIT('-Am', 'flattened')"], 'gamma');
    const head = String(await scalar(town, "SELECT hash FROM gamma.dolt_branches WHERE name = 'main'"));
    const remoteBefore = await remoteHead(town, 'gamma');

    const diff = await gt('diff');
    expect(diff.stdout).toMatch(/! update\s+push\/gamma\/origin/);
    expect(diff.stdout).toContain('origin/main is diverged');
    expect(diff.exitCode).toBe(1);
    const apply = await gt('apply');
    expect(apply.exitCode).toBe(1);
    const sync = await gt('dolt', 'sync', '--db', 'gamma');
    expect(sync.stdout).toContain('Summary: 0 pushed, 0 skipped, 1 failed');
    expect(sync.exitCode).toBe(1);

    expect(String(await scalar(town, "SELECT hash FROM gamma.dolt_branches WHERE name = 'main'"))).toBe(head);
    expect(await remoteHead(town, 'gamma')).toBe(remoteBefore);
  }, 180_000);
});
