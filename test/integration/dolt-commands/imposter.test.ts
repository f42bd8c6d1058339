import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { isProcessAlive } from '../../../src/lib/process.js';
import { runGt } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

describe("a plain TCP server on the town's port (an imposter)", () => {
  let town: TestTown;
  let imposter: ResultPromise;
  let imposterPid: number;
  const gt = (...args: string[]) => runGt([...args, '--town', town.root]);

  beforeAll(async () => {
    town = await makeTown();
    const script = `require('node:net').createServer((s) => s.end()).listen(${town.port}, '127.0.0.1', () => console.log('listening'));`;
    imposter = execa('node', ['-e', script], { reject: false });
    imposterPid = imposter.pid as number;
    await new Promise<void>((resolve) => imposter.stdout?.once('data', () => resolve()));
  });

  afterAll(async () => {
    await killStarted([imposterPid]);
    await imposter;
  });

  it('stop refuses it without --force, and it is still alive afterwards', async () => {
    const result = await gt('dolt', 'stop');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`gt: port ${town.port} is held by PID ${imposterPid}`);
    expect(result.stderr).toContain("which is not this town's Dolt server");
    expect(result.stderr).toContain('refusing to stop it without --force');
    expect(isProcessAlive(imposterPid)).toBe(true);
  });

  it('start refuses to start over it, and writes no pid file', async () => {
    const result = await gt('dolt', 'start');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`is held by something that is not this town's Dolt server (pid ${imposterPid}`);
    expect(existsSync(join(town.root, 'daemon', 'dolt.pid'))).toBe(false);
    expect(isProcessAlive(imposterPid)).toBe(true);
  });

  it('status names the holder (exit 0)', async () => {
    const result = await gt('dolt', 'status');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`✗ Port ${town.port} is held by a process that is not this town's Dolt server`);
    expect(result.stdout).toContain(`is held by PID ${imposterPid}`);
    expect(result.stdout).toMatch(/Held by: +node -e/);
  });

  it('commands that need the server refuse to talk to it', async () => {
    const result = await gt('dolt', 'sql', '-q', 'SELECT 1');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`gt: Dolt server not reachable at 127.0.0.1:${town.port}: port ${town.port}`);
    expect(result.stderr).toContain("gt talks only to this town's server");
  });

  it('stop --force stops it (the operator said so), and the port is free again', async () => {
    const result = await gt('dolt', 'stop', '--force');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`✓ Dolt server stopped (PID ${imposterPid}, port ${town.port})`);
    const ended = await imposter;
    expect(ended.signal).toBe('SIGTERM');
    expect(isProcessAlive(imposterPid)).toBe(false);
    expect((await gt('dolt', 'status')).stdout).toMatch(/^○ Dolt server is not running\n/);
  });
});
