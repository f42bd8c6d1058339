import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { acquireLock, LockTimeoutError } from '../../../src/lib/lock.js';
import { makeTempDir } from '../../helpers/env.js';

// Processes that contend for the lock run the built code (npm test builds it first).
const builtLock = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'dist', 'lib', 'lock.js');

function lockPath(): string {
  const daemonDir = join(makeTempDir('town'), 'daemon');
  mkdirSync(daemonDir);
  return join(daemonDir, 'gt.lock');
}

function holderOf(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A pid that is certainly dead: a process that ran and was reaped. */
async function deadPid(): Promise<number> {
  const child = execa('node', ['-e', '']);
  await child;
  return child.pid as number;
}

function writeLock(path: string, holder: { pid: number; command: string; started_at?: string }): string {
  const text = JSON.stringify({ started_at: new Date().toISOString(), hostname: hostname(), token: 'x', ...holder });
  writeFileSync(path, text);
  return text;
}

describe('the applier lock', () => {
  it('records the holder, and a second acquirer waits, then times out naming the holder', async () => {
    const path = lockPath();
    const release = await acquireLock(path, { command: 'gt apply', timeoutMs: 1000 });
    const holder = holderOf(path);
    expect(holder).toMatchObject({ pid: process.pid, command: 'gt apply', hostname: hostname() });
    expect(Date.parse(String(holder.started_at))).not.toBeNaN();

    const before = Date.now();
    const error = await acquireLock(path, { command: 'gt daemon', timeoutMs: 400 }).then(
      () => new Error('acquired'),
      (reason: unknown) => reason as Error,
    );
    expect(Date.now() - before).toBeGreaterThanOrEqual(400);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(error.message).toContain(`PID ${process.pid} (gt apply) since ${String(holder.started_at)}`);

    release();
    expect(existsSync(path)).toBe(false);
    (await acquireLock(path, { command: 'gt daemon', timeoutMs: 0 }))();
  });

  it('is handed over when the holder releases it while another waits', async () => {
    const path = lockPath();
    const release = await acquireLock(path, { command: 'gt apply', timeoutMs: 0 });
    setTimeout(release, 300);
    const before = Date.now();
    const releaseSecond = await acquireLock(path, { command: 'gt daemon', timeoutMs: 5000 });
    expect(Date.now() - before).toBeGreaterThanOrEqual(250);
    expect(holderOf(path)).toMatchObject({ command: 'gt daemon' });
    releaseSecond();
  });

  it('release leaves a lock that is no longer its own alone', async () => {
    const path = lockPath();
    const release = await acquireLock(path, { command: 'gt apply', timeoutMs: 0 });
    const other = writeLock(path, { pid: process.pid, command: 'someone else' });
    release();
    expect(readFileSync(path, 'utf8')).toBe(other);
  });

  it('takes over the lock of a holder that was SIGKILLed', async () => {
    const path = lockPath();
    const holder = execa(
      'node',
      [
        '--input-type=module',
        '-e',
        `const { acquireLock } = await import(${JSON.stringify(builtLock)});
         await acquireLock(${JSON.stringify(path)}, { command: 'gt apply', timeoutMs: 0 });
         console.log('locked');
         setInterval(() => {}, 1000);`,
      ],
      { reject: false },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    expect(holderOf(path)).toMatchObject({ pid: holder.pid });
    holder.kill('SIGKILL');
    await holder;

    const release = await acquireLock(path, { command: 'gt daemon', timeoutMs: 1000 });
    expect(holderOf(path)).toMatchObject({ pid: process.pid, command: 'gt daemon' });
    release();
  });

  it('takes over a lock whose pid now belongs to a process started after the lock was taken', async () => {
    const path = lockPath();
    writeLock(path, { pid: process.pid, command: 'gt apply', started_at: '2001-01-01T00:00:00.000Z' });
    const release = await acquireLock(path, { command: 'gt daemon', timeoutMs: 1000 });
    expect(holderOf(path)).toMatchObject({ command: 'gt daemon' });
    release();
  });

  it('takes over a stale lock even when a waiter died in the middle of taking it over', async () => {
    const path = lockPath();
    const staleText = writeLock(path, { pid: await deadPid(), command: 'gt apply' });
    const instance = createHash('sha256').update(staleText).digest('hex').slice(0, 16);
    writeLock(`${path}.takeover-${instance}-1`, { pid: await deadPid(), command: 'gt apply (taking over a stale lock)' });

    const release = await acquireLock(path, { command: 'gt daemon', timeoutMs: 1000 });
    expect(holderOf(path)).toMatchObject({ pid: process.pid, command: 'gt daemon' });
    expect(readdirSync(dirname(path))).toEqual(['gt.lock']);
    release();
  });

  it('lets exactly one of many processes racing for stale locks hold it at a time', async () => {
    // Every contender dies holding the lock, so each hand-over is a race of the remaining ones for a stale lock.
    const path = lockPath();
    writeLock(path, { pid: await deadPid(), command: 'gt apply' });
    const journal = join(dirname(path), 'journal.txt');
    const startAt = Date.now() + 1500;
    const contender = `
      import { appendFileSync, readFileSync } from 'node:fs';
      const { acquireLock } = await import(${JSON.stringify(builtLock)});
      while (Date.now() < ${startAt});
      await acquireLock(${JSON.stringify(path)}, { command: 'contender', timeoutMs: 30000, pollMs: 5 });
      appendFileSync(${JSON.stringify(journal)}, 'enter ' + process.pid + '\\n');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const holder = JSON.parse(readFileSync(${JSON.stringify(path)}, 'utf8'));
      appendFileSync(${JSON.stringify(journal)}, 'exit ' + process.pid + ' ' + (holder.pid === process.pid) + '\\n');
      process.exit(0);`;
    const count = 12;
    const results = await Promise.all(
      Array.from({ length: count }, () => execa('node', ['--input-type=module', '-e', contender], { reject: false })),
    );
    expect(results.map((result) => result.stderr).filter(Boolean)).toEqual([]);
    expect(results.every((result) => result.exitCode === 0)).toBe(true);

    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2 * count);
    for (let i = 0; i < lines.length; i += 2) {
      const [enterVerb, enterPid] = (lines[i] ?? '').split(' ');
      const [exitVerb, exitPid, heldItsOwnLock] = (lines[i + 1] ?? '').split(' ');
      expect([enterVerb, exitVerb, exitPid, heldItsOwnLock]).toEqual(['enter', 'exit', enterPid, 'true']);
    }
    expect(new Set(lines.map((line) => line.split(' ')[1])).size).toBe(count);
    expect(readdirSync(dirname(path)).filter((name) => name !== 'journal.txt' && name !== 'gt.lock')).toEqual([]);
  });
});
