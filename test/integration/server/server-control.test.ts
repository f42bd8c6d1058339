import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, createConnection as tcpConnect, type Server } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { restartServer, startServer, stopServer } from '../../../src/apply/server-control.js';
import { isProcessAlive } from '../../../src/lib/process.js';
import { inspectServer } from '../../../src/observe/server-process.js';
import { connectTo, freePort, queryOn, runOn, startDoltServer } from '../../helpers/dolt-server.js';
import { makeTempDir } from '../../helpers/env.js';
import { killStarted, townServerSettings } from '../../helpers/town-server.js';

const started = new Set<number>();

afterAll(async () => {
  await killStarted(started);
});

async function newTown(overrides: Parameters<typeof townServerSettings>[2] = {}) {
  const townRoot = makeTempDir('town');
  const settings = townServerSettings(townRoot, await freePort(), overrides);
  return { townRoot, settings };
}

async function start(townRoot: string, settings: ReturnType<typeof townServerSettings>): Promise<number> {
  const { pid } = await startServer(townRoot, settings);
  started.add(pid);
  return pid;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A pid that is certainly dead: a process that ran and was reaped. */
async function deadPid(): Promise<number> {
  const child = execa('node', ['-e', '']);
  await child;
  return child.pid as number;
}


describe('the town server lifecycle, from an empty town', () => {
  let town: Awaited<ReturnType<typeof newTown>>;
  let firstPid: number;

  beforeAll(async () => {
    town = await newTown();
  });

  it('starts a server that inspectServer sees running, and writes the pid, state and config files', async () => {
    const { townRoot, settings } = town;
    firstPid = await start(townRoot, settings);

    const observed = await inspectServer(townRoot, settings);
    expect(observed).toMatchObject({ state: 'running', pid: firstPid, port: settings.port.value });
    expect(observed.state === 'running' && observed.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(observed.state === 'running' && observed.identity).toContain(join(settings.dataDir.value, 'config.yaml'));

    expect(readFileSync(join(townRoot, 'daemon', 'dolt.pid'), 'utf8').trim()).toBe(String(firstPid));
    const state = readJson(join(townRoot, 'daemon', 'dolt-state.json'));
    expect(state).toMatchObject({
      running: true,
      pid: firstPid,
      port: settings.port.value,
      data_dir: settings.dataDir.value,
      databases: [],
    });
    expect(observed.state === 'running' && observed.startedAt).toBe(state.started_at);

    const configPath = join(settings.dataDir.value, 'config.yaml');
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    const config = readFileSync(configPath, 'utf8');
    expect(config).toContain('host: 127.0.0.1');
    expect(config).toContain(`port: ${settings.port.value}`);
    expect(statSync(settings.logFile.value).mode & 0o777).toBe(0o600);
  });

  it('does nothing when started again: same pid, same state', async () => {
    const { townRoot, settings } = town;
    const stateBefore = readFileSync(join(townRoot, 'daemon', 'dolt-state.json'), 'utf8');
    await expect(startServer(townRoot, settings)).resolves.toEqual({ pid: firstPid, movedAside: [] });
    expect(readFileSync(join(townRoot, 'daemon', 'dolt-state.json'), 'utf8')).toBe(stateBefore);
  });

  it('stops it: the process is gone, the pid file removed, the state says stopped', async () => {
    const { townRoot, settings } = town;
    await runOn(settings.port.value, ['CREATE DATABASE keepme', 'CREATE TABLE keepme.notes (id INT PRIMARY KEY, body TEXT)', "INSERT INTO keepme.notes VALUES (1, 'survives a restart')"]);

    await expect(stopServer(townRoot, settings)).resolves.toMatchObject({ stopped: true, pid: firstPid });

    expect(isProcessAlive(firstPid)).toBe(false);
    expect(existsSync(join(townRoot, 'daemon', 'dolt.pid'))).toBe(false);
    expect(readJson(join(townRoot, 'daemon', 'dolt-state.json'))).toMatchObject({ running: false, pid: 0 });
    await expect(inspectServer(townRoot, settings)).resolves.toEqual({
      state: 'stopped',
      port: settings.port.value,
      stalePid: null,
    });
    await expect(stopServer(townRoot, settings)).resolves.toEqual({ stopped: false, pid: null, drain: null, root: null });
  });

  it('starts again with the data intact and the database recorded in the state file', async () => {
    const { townRoot, settings } = town;
    await start(townRoot, settings);
    expect(await queryOn(settings.port.value, 'SELECT id, body FROM notes', 'keepme')).toEqual([
      { id: 1, body: 'survives a restart' },
    ]);
    expect(readJson(join(townRoot, 'daemon', 'dolt-state.json'))).toMatchObject({ running: true, databases: ['keepme'] });
    await stopServer(townRoot, settings);
  });
});

describe('a stale pid file', () => {
  it('is reported as stalePid (Gas Town\'s "PID\\nNONCE" format too) and replaced by the next start', async () => {
    const { townRoot, settings } = await newTown();
    const dead = await deadPid();
    const pidFile = join(townRoot, 'daemon', 'dolt.pid');
    mkdirSync(join(townRoot, 'daemon'));
    writeFileSync(pidFile, `${dead}\n0123456789abcdef\n`);

    await expect(inspectServer(townRoot, settings)).resolves.toEqual({
      state: 'stopped',
      port: settings.port.value,
      stalePid: dead,
    });
    const pid = await start(townRoot, settings);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(pid));
    await stopServer(townRoot, settings);
  });
});

describe('an imposter on the port', () => {
  let imposter: Server;
  let town: Awaited<ReturnType<typeof newTown>>;

  beforeAll(async () => {
    town = await newTown();
    imposter = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => imposter.listen(town.settings.port.value, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => imposter.close(resolve));
  });

  it('is reported with its pid and command, and start and stop refuse it without touching it', async () => {
    const { townRoot, settings } = town;
    const observed = await inspectServer(townRoot, settings);
    expect(observed).toMatchObject({ state: 'imposter', port: settings.port.value, pid: process.pid });
    expect(observed.state === 'imposter' && observed.command).toContain('node');

    await expect(startServer(townRoot, settings)).rejects.toThrow(
      new RegExp(`port ${settings.port.value} is already in use by PID ${process.pid} \\(.*node.*\\)`),
    );
    await expect(stopServer(townRoot, settings)).rejects.toThrow(/refusing to stop it without --force/);

    expect(imposter.listening).toBe(true);
    await new Promise<void>((resolve, reject) => {
      const probe = tcpConnect(settings.port.value, '127.0.0.1', () => {
        probe.destroy();
        resolve();
      });
      probe.once('error', reject);
    });
    expect(existsSync(join(townRoot, 'daemon', 'dolt.pid'))).toBe(false);
    expect(existsSync(join(settings.dataDir.value, 'config.yaml'))).toBe(false);
  });
});

describe('stop --force', () => {
  it('stops a process on the port that is not ours, with SIGKILL when it ignores SIGTERM', async () => {
    const { townRoot, settings } = await newTown();
    const script =
      "process.on('SIGTERM', () => {});" +
      `require('node:net').createServer().listen(${settings.port.value}, '127.0.0.1', () => console.log('listening'));`;
    const stubborn = execa('node', ['-e', script], { reject: false });
    const pid = stubborn.pid as number;
    started.add(pid);
    await new Promise<void>((resolve) => stubborn.stdout.once('data', () => resolve()));

    await expect(stopServer(townRoot, settings)).rejects.toThrow(new RegExp(`PID ${pid} .*without --force`));
    expect(isProcessAlive(pid)).toBe(true);

    const before = Date.now();
    await expect(stopServer(townRoot, settings, { force: true, killAfterMs: 500 })).resolves.toEqual({
      stopped: true,
      pid,
      drain: null,
      root: expect.any(String),
    });
    expect(Date.now() - before).toBeGreaterThanOrEqual(500);
    expect((await stubborn).signal).toBe('SIGKILL');
  });
});

describe('a hung server', () => {
  it('is unhealthy while SIGSTOPped, and restartServer replaces it', async () => {
    const { townRoot, settings } = await newTown();
    const hungPid = await start(townRoot, settings);
    process.kill(hungPid, 'SIGSTOP');
    try {
      const observed = await inspectServer(townRoot, settings);
      expect(observed).toMatchObject({ state: 'unhealthy', pid: hungPid, port: settings.port.value });

      const restarted = await restartServer(townRoot, settings, { killAfterMs: 2000 });
      started.add(restarted.pid);
      expect(restarted.previousPid).toBe(hungPid);
      expect(restarted.pid).not.toBe(hungPid);
      expect(isProcessAlive(hungPid)).toBe(false);
      await expect(inspectServer(townRoot, settings)).resolves.toMatchObject({ state: 'running', pid: restarted.pid });
      expect(readFileSync(join(townRoot, 'daemon', 'dolt.pid'), 'utf8').trim()).toBe(String(restarted.pid));
    } finally {
      if (isProcessAlive(hungPid)) process.kill(hungPid, 'SIGCONT');
    }
    await stopServer(townRoot, settings);
  });
});

describe('a server that cannot start', () => {
  it('fails fast with the tail of its log, and leaves no pid file behind', async () => {
    const { townRoot, settings } = await newTown({ logLevel: 'bogus' });
    const before = Date.now();
    const error = await startServer(townRoot, settings).then(
      () => new Error('started'),
      (reason: unknown) => reason as Error,
    );
    expect(Date.now() - before).toBeLessThan(15_000);
    expect(error.message).toMatch(/exited during startup \(exit code 1\)/);
    expect(error.message).toContain('loglevel is invalid: bogus');
    expect(existsSync(join(townRoot, 'daemon', 'dolt.pid'))).toBe(false);
    expect(readJson(join(townRoot, 'daemon', 'dolt-state.json'))).toMatchObject({ running: false, pid: 0 });
  });
});

describe('stopping with clients connected', () => {
  it('does not wait for an idle connection', async () => {
    const { townRoot, settings } = await newTown();
    const pid = await start(townRoot, settings);
    const client = await connectTo(settings.port.value);
    client.on('error', () => undefined); // the server closes it on shutdown
    try {
      const waiting: string[] = [];
      const stopped = await stopServer(townRoot, settings, { drainMs: 60_000, onWaiting: (message) => waiting.push(message) });
      expect(stopped).toEqual({ stopped: true, pid, drain: expect.objectContaining({ end: 'quiet', connections: 1, busy: 0 }), root: settings.rootPath.value });
      expect(waiting).toEqual([]);
      expect(isProcessAlive(pid)).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('waits up to drainMs for a statement in flight, says so, then stops the server', async () => {
    const { townRoot, settings } = await newTown();
    const pid = await start(townRoot, settings);
    const client = await connectTo(settings.port.value);
    client.on('error', () => undefined);
    const sleeping = client.query('SELECT SLEEP(600)').catch(() => undefined); // cut by the stop
    try {
      const waiting: string[] = [];
      const before = Date.now();
      const stopped = await stopServer(townRoot, settings, { drainMs: 1500, onWaiting: (message) => waiting.push(message) });
      expect(Date.now() - before).toBeGreaterThanOrEqual(1500);
      expect(stopped).toEqual({ stopped: true, pid, drain: expect.objectContaining({ end: 'gave-up', connections: 1, busy: 1 }), root: settings.rootPath.value });
      expect(waiting).toEqual(['waiting for 1 busy connection to finish its transaction (up to 1.5 s; idle connections do not count)']);
      expect(isProcessAlive(pid)).toBe(false);
      await sleeping;
    } finally {
      client.destroy();
    }
  });
});

describe('an external server', () => {
  it('is only probed: running with its version but no pid, and gt refuses to start or stop it', async () => {
    const server = await startDoltServer();
    try {
      const townRoot = makeTempDir('town');
      const settings = townServerSettings(townRoot, server.port, { external: true });
      const observed = await inspectServer(townRoot, settings);
      expect(observed).toMatchObject({ state: 'running', pid: null, port: server.port });
      await expect(startServer(townRoot, settings)).rejects.toThrow(/external .*gt does not start it/);
      await expect(stopServer(townRoot, settings)).rejects.toThrow(/external .*gt does not stop it/);
      expect(isProcessAlive(server.pid)).toBe(true);
    } finally {
      await server.stop();
    }
    const down = townServerSettings(makeTempDir('town'), await freePort(), { external: true });
    await expect(inspectServer(makeTempDir('town'), down)).resolves.toEqual({
      state: 'stopped',
      port: down.port.value,
      stalePid: null,
    });
  });
});
