import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { isProcessAlive } from '../../../src/lib/process.js';
import { runGt } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type RigSpec, type TestTown } from '../../helpers/town.js';

interface Holder {
  pid: number;
  child: ResultPromise;
  command: string;
  startedAt: string;
  lockText: string;
}

/**
 * Holds `<town>/daemon/gt.lock` the way another applier does (the holder record gt writes: pid, command, started_at,
 * hostname, token), for a live process: a `sleep` this test started and ends by its pid.
 */
function holdLock(town: TestTown, command: string): Holder {
  const child = execa('sleep', ['600'], { reject: false, stdin: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('sleep did not start');
  const startedAt = new Date().toISOString();
  const lockText = `${JSON.stringify({ pid, command, started_at: startedAt, hostname: hostname(), token: 'held-by-the-test' }, null, 2)}\n`;
  mkdirSync(join(town.root, 'daemon'), { recursive: true });
  writeFileSync(join(town.root, 'daemon', 'gt.lock'), lockText);
  return { pid, child, command, startedAt, lockText };
}

async function release(holder: Holder): Promise<void> {
  holder.child.kill('SIGKILL');
  await holder.child;
}

describe('gt apply --lock-timeout while another applier holds the lock', () => {
  let town: TestTown;
  let rig: RigSpec;
  const holders: Holder[] = [];
  const serverPids = new Set<number>();

  beforeAll(async () => {
    town = await makeTown();
    rig = { name: 'wyvern', remotes: [{ name: 'origin', url: town.remoteUrl('wyvern') }], ignore: ['wisps'] };
    town.writeRig(rig);
  });

  afterAll(async () => {
    for (const holder of holders) if (isProcessAlive(holder.pid)) await release(holder);
    const current = town.serverPid();
    if (current !== null) serverPids.add(current);
    await killStarted(serverPids);
  });

  const lockFile = (): string => join(town.root, 'daemon', 'gt.lock');

  it('gives up after the timeout, exits 2 naming the holder, and changes nothing', async () => {
    const daemonJson = join(town.root, 'mayor', 'daemon.json');
    const before = readFileSync(daemonJson, 'utf8');
    const holder = holdLock(town, `gt apply --town ${town.root}`);
    holders.push(holder);

    const result = await runGt(['apply', '--lock-timeout', '1', '--town', town.root]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`lock ${lockFile()} is held by PID ${holder.pid} (${holder.command}) since ${holder.startedAt}`);
    expect(result.stderr).toMatch(/gave up after waiting \d+\.\d s/);

    expect(isProcessAlive(holder.pid)).toBe(true);
    expect(readFileSync(lockFile(), 'utf8')).toBe(holder.lockText);
    expect(readFileSync(daemonJson, 'utf8')).toBe(before);
    expect(readdirSync(join(town.root, 'daemon'))).toEqual(['gt.lock']);
    expect(existsSync(join(town.root, '.dolt-data'))).toBe(false);
    expect(town.serverPid()).toBeNull();
  });

  it('applies once the holder is gone, taking over its stale lock', async () => {
    const holder = holders[0] as Holder;
    await release(holder);
    expect(readFileSync(lockFile(), 'utf8')).toBe(holder.lockText);

    const result = await runGt(['apply', '--lock-timeout', '1', '--town', town.root]);
    const pid = town.serverPid();
    if (pid !== null) serverPids.add(pid);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('The town matches its config.');
    expect(existsSync(lockFile())).toBe(false);
    expect(await town.query('SELECT name, url FROM dolt_remotes', 'wyvern')).toEqual(rig.remotes);
  });

  it('with the server running, leaves drift in place while the lock is held', async () => {
    const serverBefore = town.serverPid();
    await town.query("CALL DOLT_REMOTE('remove', 'origin')", 'wyvern');
    const holder = holdLock(town, 'gt daemon run (reconciling)');
    holders.push(holder);

    const result = await runGt(['apply', '--lock-timeout', '1', '--town', town.root]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`is held by PID ${holder.pid} (${holder.command})`);
    expect(await town.query('SELECT name FROM dolt_remotes', 'wyvern')).toEqual([]);
    expect(town.serverPid()).toBe(serverBefore);
    expect(readFileSync(lockFile(), 'utf8')).toBe(holder.lockText);

    await release(holder);
    const after = await runGt(['apply', '--town', town.root]);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toMatch(/\+ create {2}remote\/wyvern\/origin \.\.\. done/);
    expect(await town.query('SELECT name, url FROM dolt_remotes', 'wyvern')).toEqual(rig.remotes);
  });
});
