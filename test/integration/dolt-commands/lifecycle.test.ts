import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { townPaths } from '../../../src/lib/town-layout.js';
import { acquireLock } from '../../../src/lib/lock.js';
import { isProcessAlive } from '../../../src/lib/process.js';
import { killDaemon, runDaemon } from '../../helpers/daemon.js';
import { GT_COMMAND, runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

const gtBin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'bin', 'gt.js');

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('gt dolt start / stop / status / logs on one town', () => {
  let town: TestTown;
  const gt = (...args: string[]) => runGt([...args, '--town', town.root]);

  beforeAll(async () => {
    town = await makeTown();
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('status on a stopped town: not running, nothing on disk, drift, how to start it (exit 0)', async () => {
    const result = await gt('dolt', 'status');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^○ Dolt server is not running\n/);
    expect(result.stdout).toContain(`  Port:       ${town.port}`);
    expect(result.stdout).toContain(`  Data dir:   ${join(town.root, '.dolt-data')}`);
    expect(result.stdout).toContain('Databases:  none yet');
    expect(result.stdout).toMatch(/Drift: \d+ to create/);
    expect(result.stdout.endsWith(`\nStart with: ${GT_COMMAND} dolt start`)).toBe(true);

    const json = JSON.parse((await gt('dolt', 'status', '-o', 'json')).stdout) as {
      server: { state: string; pid: number | null; port: number };
      metrics: { queryLatencyMs: number | null; connections: unknown };
    };
    expect(json.server).toMatchObject({ state: 'stopped', pid: null, port: town.port });
    expect(json.metrics).toMatchObject({ queryLatencyMs: null, connections: null });
  });

  it('commands that need the server fail fast while it is down, pointing at gt dolt start (exit 2)', async () => {
    for (const args of [['dolt', 'sql', '-q', 'SELECT 1'], ['dolt', 'list', '--remotes'], ['dolt', 'init-rig', 'wyvern']]) {
      const started = Date.now();
      const result = await gt(...args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`gt: Dolt server not reachable at 127.0.0.1:${town.port}: it is not running`);
      expect(result.stderr).toContain(`gt: Start with: ${GT_COMMAND} dolt start`);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    expect(existsSync(join(town.root, 'mayor', 'rigs.d', 'wyvern.yaml'))).toBe(false);
  });

  it('list works while it is down, as Gas Town\'s does: the databases in the data dir (none yet)', async () => {
    const result = await gt('dolt', 'list');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      'DATABASE  MANAGED BY\n\n0 databases: 0 managed, 0 unmanaged\nThe server is not running: these are the databases in the data dir',
    );
  });

  it('start waits for the applier lock and gives up naming its holder', async () => {
    const release = await acquireLock(townPaths(town.root).applierLock, { command: 'gt apply (test)', timeoutMs: 0 });
    try {
      const result = await gt('dolt', 'start', '--lock-timeout', '0.3');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`is held by PID ${process.pid} (gt apply (test))`);
      expect(town.serverPid()).toBeNull();
    } finally {
      release();
    }
  });

  it('start: starts the server, records its pid, and it answers SQL', async () => {
    const result = await gt('dolt', 'start');
    expect(result.exitCode).toBe(0);
    const pid = town.serverPid();
    expect(result.stdout).toContain(`✓ Dolt server started (PID ${pid}, port ${town.port})`);
    expect(result.stdout).toContain(`Connection: root@tcp(127.0.0.1:${town.port})/`);
    expect(await town.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(readJson(join(town.root, 'daemon', 'dolt-state.json'))).toMatchObject({ running: true, pid, port: town.port });
  });

  it('start again: says it is already running and changes nothing (exit 0)', async () => {
    const pid = town.serverPid();
    const result = await gt('dolt', 'start');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`✓ Dolt server is already running (PID ${pid}, port ${town.port})`);
    expect(town.serverPid()).toBe(pid);
  });

  it('status while running: pid, port, databases with their rig, connection, metrics', async () => {
    expect((await gt('apply')).exitCode).toBe(0);
    await town.query('CREATE DATABASE legacy');
    const result = await gt('dolt', 'status');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`● Dolt server is running (PID ${town.serverPid()})`);
    expect(result.stdout).toMatch(/- hq +\(town\)/);
    expect(result.stdout).toMatch(/- legacy +\(unmanaged\)/);
    expect(result.stdout).toMatch(/Query latency: \d+ms/);
    expect(result.stdout).toMatch(/Connections: +\d+ \/ 1000 \(\d+%\)/);
    expect(result.stdout).toMatch(/Disk usage: +[\d.]+ (B|KB|MB)/);
    expect(result.stdout).toContain('Drift: none, the town matches its config');

    const json = JSON.parse((await gt('dolt', 'status', '-o', 'json')).stdout) as {
      server: { state: string; pid: number; version: string };
      connection: string;
      databases: { name: string; rig: string | null; managed: boolean }[];
      metrics: { queryLatencyMs: number; connections: { used: number; max: number }; diskUsageBytes: number };
      drift: { inSync: boolean };
    };
    expect(json.server).toMatchObject({ state: 'running', pid: town.serverPid() });
    expect(json.server.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.connection).toBe(`root@tcp(127.0.0.1:${town.port})/`);
    expect(json.databases).toEqual([
      { name: 'hq', rig: 'hq', managed: true, served: true, onDisk: true },
      { name: 'legacy', rig: null, managed: false, served: true, onDisk: true },
    ]);
    expect(json.metrics.connections).toEqual({ used: expect.any(Number), max: 1000 });
    expect(json.metrics.connections.used).toBeGreaterThanOrEqual(1);
    expect(json.metrics.diskUsageBytes).toBeGreaterThan(0);
    expect(json.drift.inSync).toBe(true);
  });

  it('a stop/start cycle keeps the data', async () => {
    await town.run([
      'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40))',
      "INSERT INTO notes VALUES (1, 'survives a restart'), (2, 'so does this')",
      "CALL DOLT_COMMIT('-Am', 'notes')",
    ], 'legacy');
    const pid = town.serverPid() as number;

    const stopped = await gt('dolt', 'stop');
    expect(stopped.exitCode).toBe(0);
    expect(stopped.stdout).toContain(`✓ Dolt server stopped (PID ${pid}, port ${town.port})`);
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(join(town.root, 'daemon', 'dolt.pid'))).toBe(false);
    expect(readJson(join(town.root, 'daemon', 'dolt-state.json'))).toMatchObject({ running: false, pid: 0 });

    const status = await gt('dolt', 'status');
    expect(status.stdout).toMatch(/^○ Dolt server is not running\n/);
    expect(status.stdout).toContain(`Available databases in ${join(town.root, '.dolt-data')}:`);
    expect(status.stdout).toMatch(/- legacy +\(unmanaged\)/);

    expect((await gt('dolt', 'start')).exitCode).toBe(0);
    expect(town.serverPid()).not.toBe(pid);
    expect(await town.query('SELECT id, body FROM notes ORDER BY id', 'legacy')).toEqual([
      { id: 1, body: 'survives a restart' },
      { id: 2, body: 'so does this' },
    ]);
  });

  it('stop of a stopped server says so and succeeds', async () => {
    expect((await gt('dolt', 'stop')).exitCode).toBe(0);
    const again = await gt('dolt', 'stop');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain(`○ Dolt server is not running (port ${town.port}); nothing to stop`);
    expect((await gt('dolt', 'start')).exitCode).toBe(0);
  });

  it('logs -n N prints the last N lines of the server log', async () => {
    const logFile = join(town.root, 'daemon', 'dolt.log');
    appendFileSync(logFile, 'marker one\nmarker two\n');
    const result = await gt('dolt', 'logs', '-n', '2');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('marker one\nmarker two'); // execa strips the final newline
    const fifty = (await gt('dolt', 'logs')).stdout.split('\n').filter(Boolean);
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    expect(fifty).toEqual(lines.slice(-50));
  });

  it('logs -f prints lines appended later, until Ctrl-C', async () => {
    const logFile = join(town.root, 'daemon', 'dolt.log');
    const follower = execa('node', [gtBin, 'dolt', 'logs', '-n', '0', '-f', '--town', town.root], {
      env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1' },
      reject: false,
    });
    // the follower is ready once it has read the (empty) tail: keep appending until it reports the line
    const writer = setInterval(() => appendFileSync(logFile, 'appended later\n'), 300);
    try {
      let seen = '';
      await new Promise<void>((resolveSeen) => {
        follower.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes('appended later')) resolveSeen();
        });
      });
      clearInterval(writer);
      follower.kill('SIGINT');
      const result = await follower;
      expect(result.exitCode).toBe(0);
      expect(seen).toMatch(/^(appended later\n)+$/);
    } finally {
      clearInterval(writer);
      if (follower.pid !== undefined && isProcessAlive(follower.pid)) follower.kill('SIGKILL');
    }
  });

  it('stop while gt daemon runs: stops the server and says the daemon will start it again', async () => {
    expect((await gt('dolt', 'start')).exitCode).toBe(0);
    const daemon = await runDaemon(town.root, ['--health-interval', '1h']);
    try {
      const result = await gt('dolt', 'stop');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('✓ Dolt server stopped');
      expect(result.stdout).toContain(`! gt daemon (PID ${daemon.pid}) keeps this town converged`);
      expect(result.stdout).toContain(`stop the daemon first: ${GT_COMMAND} daemon stop`);
    } finally {
      await daemon.stop();
      await killDaemon(daemon.pid);
    }
  });
});
