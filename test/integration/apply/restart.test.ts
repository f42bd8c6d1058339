import { readFileSync, writeFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { join } from 'node:path';
import { isProcessAlive } from '../../../src/lib/process.js';
import { commitBeadsSlowly } from '../../helpers/agent.js';
import { freePort } from '../../helpers/dolt-server.js';
import { withoutBeadsNote } from '../../helpers/bd-stub.js';
import { runGt } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { CONNECTION_GONE, committedDespiteError, missingRows, startWriter, type WriterReport } from '../../helpers/writer.js';

/** Sets `env.<name>` in mayor/daemon.json (as gt last wrote it), keeping everything else. */
function setDaemonEnv(town: TestTown, name: string, value: string): void {
  const path = join(town.root, 'mayor', 'daemon.json');
  const daemon = JSON.parse(readFileSync(path, 'utf8')) as { env?: Record<string, string> };
  daemon.env = { ...daemon.env, [name]: value };
  writeFileSync(path, `${JSON.stringify(daemon, null, 2)}\n`);
}

/** Kills every server the test started (`serverPids`) and the town's current one. */
async function killTownServers(town: TestTown, serverPids: Set<number>): Promise<void> {
  const current = town.serverPid();
  if (current !== null) serverPids.add(current);
  await killStarted(serverPids);
}

/** Runs gt apply, which must converge the town, and returns the server's pid (recorded in `serverPids`). */
async function applyConverged(town: TestTown, serverPids: Set<number>): Promise<number> {
  expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  const pid = town.serverPid() as number;
  serverPids.add(pid);
  return pid;
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
    expect(withoutBeadsNote(again.stdout)).toBe('No changes. The town matches its config.');
    expect(town.serverPid()).toBe(after);
  });
});

describe('a new listen host: gt apply moves the server there, after the clients on the old address finish', () => {
  const serverPids = new Set<number>();
  let town: TestTown;
  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }]);
  });
  afterAll(() => killTownServers(town, serverPids));

  it('plans exactly the listener.host change, and the restart lets a connected agent commit first', async () => {
    const before = await applyConverged(town, serverPids);
    await town.query('CREATE TABLE beads (id INT PRIMARY KEY)', 'wyvern');

    // 127.0.0.2 is loopback too (all of 127/8 is), so the test needs no network set-up.
    setDaemonEnv(town, 'GT_DOLT_HOST', '127.0.0.2');
    const diff = await runGt(['diff', '--town', town.root, '-o', 'json']);
    expect(diff.exitCode).toBe(1);
    expect((JSON.parse(diff.stdout) as { actions: unknown[] }).actions).toEqual([
      expect.objectContaining({
        id: 'server',
        verb: 'restart',
        code: 'server-config-changed',
        before: { 'listener.host': '127.0.0.1' },
        after: { 'listener.host': '127.0.0.2' },
        needsRestart: true,
      }),
      // bd finds the server through metadata.json: the same plan moves it there
      ...['.beads', 'wyvern/.beads'].map((dir) =>
        expect.objectContaining({
          id: `file/${dir}/metadata.json`,
          code: 'town-file-outdated',
          before: { dolt_server_host: '127.0.0.1' },
          after: { dolt_server_host: '127.0.0.2' },
        }),
      ),
    ]);

    const agent = await town.connect('wyvern'); // on 127.0.0.1, where the server listens now
    const applying = runGt(['apply', '--town', town.root]);
    await commitBeadsSlowly(agent, [1, 2]); // the restart waits for this transaction: it commits both
    const applied = await applying;
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain('The town matches its config.');
    const after = town.serverPid() as number;
    serverPids.add(after);
    expect(after).not.toBe(before);

    const moved = await mysql.createConnection({ host: '127.0.0.2', port: town.port, user: 'root', database: 'wyvern' });
    try {
      const [rows] = await moved.query('SELECT id FROM beads ORDER BY id');
      expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await moved.end();
    }
    await expect(town.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});

describe('a planned restart waits for transactions, not for connections', () => {
  let town: TestTown;
  const serverPids = new Set<number>();

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    serverPids.add(town.serverPid() as number);
  });

  afterAll(async () => {
    const current = town.serverPid();
    if (current !== null) serverPids.add(current);
    await killStarted(serverPids);
  });

  it('with an agent committing the whole time: no row lost, no error for a committed transaction', async () => {
    // An agent at work: a transaction every 200 ms, before, during and after the restart.
    const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 200 });
    let report: WriterReport | null = null;
    try {
      await writer.committedMore(3);
      setDaemonEnv(town, 'GT_DOLT_LOGLEVEL', 'info');
      const result = await runGt(['apply', '--town', town.root]);
      expect(result.stderr).not.toContain('gt:');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/~ restart server \.\.\. done \(\d+ ms\): pid \d+; (waited [\d.]+ s until 1 client connection was between transactions|closed 1 idle client connection)/);
      expect(result.stdout).not.toContain('stopped waiting');
      const after = town.serverPid() as number;
      serverPids.add(after);
      await writer.committedMore(3); // it reconnected to the new server and goes on
    } finally {
      report = await writer.stop();
    }
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    expect(await committedDespiteError(town.port, 'wyvern', report)).toEqual([]);
    for (const error of report.errors) expect(error).toMatch(CONNECTION_GONE);
  });

  it('a connection idle inside an open transaction does not hold the restart up; its uncommitted row is rolled back', async () => {
    await town.run(['CREATE TABLE notes (id INT PRIMARY KEY)', "CALL DOLT_COMMIT('-Am', 'notes')"], 'wyvern');
    const idle = await town.connect('wyvern');
    idle.on('error', () => undefined); // the restart closes it
    try {
      await idle.query('BEGIN');
      await idle.query('INSERT INTO notes VALUES (1)');
      setDaemonEnv(town, 'GT_DOLT_LOGLEVEL', 'debug');
      const result = await runGt(['apply', '--town', town.root]);
      expect(result.exitCode).toBe(0);
      // Dolt cannot tell this open transaction from an idle session: the stop does not wait for it at all.
      expect(result.stdout).toMatch(/~ restart server \.\.\. done \(\d+ ms\): pid \d+; closed 1 idle client connection/);
      expect(result.stdout).not.toContain('waiting for');
      serverPids.add(town.serverPid() as number);
    } finally {
      idle.destroy();
    }
    expect(await town.query('SELECT id FROM notes', 'wyvern')).toEqual([]);
  });

  it('a transaction whose statement never ends holds the restart up for the bound only, and the output says so', async () => {
    const before = town.serverPid() as number;
    const stuck = await town.connect('wyvern');
    stuck.on('error', () => undefined);
    try {
      await stuck.query('BEGIN');
      await stuck.query('INSERT INTO notes VALUES (2)');
      const sleeping = stuck.query('SELECT SLEEP(600)').catch(() => undefined); // the restart cuts it
      setDaemonEnv(town, 'GT_DOLT_LOGLEVEL', 'warning');
      const started = Date.now();
      const result = await runGt(['apply', '--town', town.root]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('~ restart server: waiting for 1 busy connection to finish its transaction (up to 10 s; idle connections do not count)');
      expect(result.stdout).toMatch(/~ restart server \.\.\. done \(\d+ ms\): pid \d+; stopped waiting after 10 s: 1 connection still busy/);
      await sleeping;
      const after = town.serverPid() as number;
      serverPids.add(after);
      expect(after).not.toBe(before);
      expect(isProcessAlive(before)).toBe(false);
    } finally {
      stuck.destroy();
    }
    expect(await town.query('SELECT id FROM notes', 'wyvern')).toEqual([]);
  }, 90_000);
});

describe('a new port: the server runs healthy on its old port until gt apply moves it, after draining its clients', () => {
  const serverPids = new Set<number>();
  let town: TestTown;
  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }]);
  });
  afterAll(() => killTownServers(town, serverPids));

  it('plans exactly the listener.port change (not an unhealthy server), and an agent writing throughout loses no row', async () => {
    const before = await applyConverged(town, serverPids);
    let port = town.port;
    // an agent at work, pausing between transactions as agents do (gt stops the server in such a pause)
    const writer = await startWriter({ port: () => port, database: 'wyvern', pauseMs: 200 });
    let report: WriterReport | null = null;
    const newPort = await freePort();
    try {
      await writer.committedMore(3);
      setDaemonEnv(town, 'GT_DOLT_PORT', String(newPort));
      port = newPort; // where the agent reconnects once the server moved
      const diff = await runGt(['diff', '--town', town.root, '-o', 'json']);
      expect(diff.exitCode).toBe(1);
      expect((JSON.parse(diff.stdout) as { actions: unknown[] }).actions).toEqual([
        expect.objectContaining({
          id: 'server',
          verb: 'restart',
          code: 'server-config-changed',
          before: { 'listener.port': town.port },
          after: { 'listener.port': newPort },
          needsRestart: true,
        }),
        // bd finds the server through metadata.json: the same plan moves it there
        ...['.beads', 'wyvern/.beads'].map((dir) =>
          expect.objectContaining({
            id: `file/${dir}/metadata.json`,
            code: 'town-file-outdated',
            before: { dolt_server_port: town.port },
            after: { dolt_server_port: newPort },
          }),
        ),
      ]);
      const status = await runGt(['dolt', 'status', '--town', town.root]);
      expect(status.stdout).not.toMatch(/not healthy|unhealthy/);

      const applied = await runGt(['apply', '--town', town.root]);
      expect(applied.exitCode).toBe(0);
      expect(applied.stdout).toContain('The town matches its config.');
      // the drain found the server on its old port and stopped it between the agent's transactions
      expect(applied.stdout).toMatch(
        /~ restart server \.\.\. done \(\d+ ms\): pid \d+; (waited [\d.]+ s until 1 client connection was between transactions|closed 1 idle client connection)/,
      );
      const after = town.serverPid() as number;
      serverPids.add(after);
      expect(after).not.toBe(before);
      await writer.committedMore(3); // on the new port
    } finally {
      report = await writer.stop();
    }
    expect(await missingRows(newPort, 'wyvern', report)).toEqual([]);
    expect(await committedDespiteError(newPort, 'wyvern', report)).toEqual([]);
    for (const error of report.errors) expect(error).toMatch(CONNECTION_GONE);
    expect(report.committed.length).toBeGreaterThan(6);
    expect((await runGt(['diff', '--town', town.root])).exitCode).toBe(0);
  }, 90_000);
});
