import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../../src/lib/process.js';
import { runGt } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/** Sets `env.<name>` in mayor/daemon.json (as gt last wrote it), keeping everything else. */
function setDaemonEnv(town: TestTown, name: string, value: string): void {
  const path = join(town.root, 'mayor', 'daemon.json');
  const daemon = JSON.parse(readFileSync(path, 'utf8')) as { env?: Record<string, string> };
  daemon.env = { ...daemon.env, [name]: value };
  writeFileSync(path, `${JSON.stringify(daemon, null, 2)}\n`);
}

describe('gt apply restarts the server when a needs-restart setting changes', () => {
  let town: TestTown;
  const serverPids = new Set<number>();

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern', ignore: ['wisps'] }]);
  });

  afterAll(async () => {
    const current = town.serverPid();
    if (current !== null) serverPids.add(current);
    await killStarted(serverPids);
  });

  it('rewrites config.yaml, restarts with a new pid, serves the new value and keeps committed rows', async () => {
    const first = await runGt(['apply', '--town', town.root]);
    expect(first.exitCode).toBe(0);
    const before = town.serverPid();
    expect(before).not.toBeNull();
    serverPids.add(before as number);
    expect(await town.query('SELECT @@GLOBAL.wait_timeout AS value')).toEqual([{ value: 30 }]);

    await town.run([
      'CREATE TABLE issues (id INT PRIMARY KEY, title VARCHAR(64))',
      "INSERT INTO issues VALUES (1, 'survives a restart'), (2, 'so does this')",
      "CALL DOLT_COMMIT('-Am', 'an agent committed two issues')",
    ], 'wyvern');

    setDaemonEnv(town, 'GT_DOLT_WAIT_TIMEOUT', '120');
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/~ restart server {2}\[needs restart\]/);
    expect(result.stdout).toContain('system_variables.wait_timeout: 30 → 120');
    const restarted = /~ restart server \.\.\. done \(\d+ ms\): pid (\d+)/.exec(result.stdout);
    expect(restarted).not.toBeNull();
    expect(result.stdout).toContain('The town matches its config.');

    const after = town.serverPid();
    expect(after).not.toBeNull();
    serverPids.add(after as number);
    expect(after).not.toBe(before);
    expect(String(after)).toBe(restarted?.[1]);
    expect(isProcessAlive(before as number)).toBe(false);
    expect(isProcessAlive(after as number)).toBe(true);

    const configYaml = readFileSync(join(town.root, '.dolt-data', 'config.yaml'), 'utf8');
    expect(configYaml).toMatch(/^system_variables:\n {2}wait_timeout: 120$/m);
    expect(await town.query('SELECT @@GLOBAL.wait_timeout AS value')).toEqual([{ value: 120 }]);

    expect(await town.query('SELECT id, title FROM issues ORDER BY id', 'wyvern')).toEqual([
      { id: 1, title: 'survives a restart' },
      { id: 2, title: 'so does this' },
    ]);
    const log = await town.query<{ message: string }>('SELECT message FROM dolt_log ORDER BY commit_order DESC LIMIT 1', 'wyvern');
    expect(log).toEqual([{ message: 'an agent committed two issues' }]);
    expect(await town.query('SELECT pattern FROM dolt_ignore', 'wyvern')).toEqual([{ pattern: 'wisps' }]);

    const again = await runGt(['apply', '--town', town.root]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout.trim()).toBe('No changes. The town matches its config.');
    expect(town.serverPid()).toBe(after);
  });
});
