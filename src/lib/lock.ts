import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive, processStartTime } from './process.js';

/**
 * The applier lock that `gt apply` and the daemon share (`<town>/daemon/gt.lock`): one applier at a time.
 *
 * A lock file appears atomically with its full content (written to a temp file, then link(2), which fails if the
 * lock exists), so a reader never sees a half-written holder. A lock whose holder died is taken over; the hard part
 * is that several waiters may find the same dead lock at once, and "read it, see it is stale, delete it" must not
 * delete a fresh lock another waiter created in between. So removing a stale lock instance is itself guarded by an
 * exclusive marker file named after that instance: one waiter wins it, checks the lock is still that instance and
 * deletes it; the others wait and retry. A winner that dies mid-takeover is succeeded through the next marker
 * generation. Markers are removed only after the stale instance is gone, and an instance never comes back, so a
 * late waiter re-creating a marker finds nothing to delete.
 */

export interface LockHolder {
  pid: number;
  command: string;
  started_at: string;
  hostname: string;
  /** Makes every lock instance unique, so release removes only its own. */
  token: string;
}

type LockFile = { kind: 'absent' } | { kind: 'unreadable'; text: string } | { kind: 'held'; holder: LockHolder; text: string };

export class LockTimeoutError extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | null,
    waitedMs: number,
  ) {
    const who =
      holder === null
        ? `a holder gt cannot read (if no gt apply or daemon runs, remove ${path})`
        : `PID ${holder.pid} (${holder.command}) since ${holder.started_at}` +
          (holder.hostname === hostname() ? '' : ` on ${holder.hostname}`);
    super(`lock ${path} is held by ${who}; gave up after waiting ${(waitedMs / 1000).toFixed(1)} s`);
    this.name = 'LockTimeoutError';
  }
}

function isHolder(value: unknown): value is LockHolder {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isInteger(record.pid) &&
    typeof record.command === 'string' &&
    typeof record.started_at === 'string' &&
    typeof record.hostname === 'string'
  );
}

function readLockFile(path: string): LockFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isHolder(parsed) ? { kind: 'held', holder: parsed, text } : { kind: 'unreadable', text };
  } catch {
    return { kind: 'unreadable', text };
  }
}

/** The lock's current holder, or null when it is free or unreadable (for `gt status`). */
export function readLockHolder(path: string): LockHolder | null {
  const file = readLockFile(path);
  return file.kind === 'held' ? file.holder : null;
}

/** Creates `path` with `content` unless it exists, atomically (link(2) of a complete temp file). */
export function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

// /proc start times have 1 s resolution (btime) plus clock tick rounding.
const START_TIME_SLACK_MS = 2000;

/**
 * Whether the holder may still be running: its pid is alive and did not start after the lock was taken (else the
 * pid was reused). A holder on another host cannot be checked and counts as alive.
 */
function holderAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (!isProcessAlive(holder.pid)) return false;
  const started = processStartTime(holder.pid);
  const lockedAt = Date.parse(holder.started_at);
  return started === null || Number.isNaN(lockedAt) || started.getTime() <= lockedAt + START_TIME_SLACK_MS;
}

function newHolder(command: string): LockHolder {
  return {
    pid: process.pid,
    command,
    started_at: new Date().toISOString(),
    hostname: hostname(),
    token: randomBytes(8).toString('hex'),
  };
}

/**
 * Deletes the stale lock instance `staleText` from `path` unless a live process is already doing so. Returns false
 * when the caller should wait (another waiter is on it), true when it should try to acquire again at once.
 */
function removeStaleLock(path: string, staleText: string, command: string): boolean {
  const instance = createHash('sha256').update(staleText).digest('hex').slice(0, 16);
  const marker = (generation: number): string => `${path}.takeover-${instance}-${generation}`;
  for (let generation = 1; ; generation++) {
    if (createExclusive(marker(generation), JSON.stringify(newHolder(`${command} (taking over a stale lock)`)))) {
      try {
        const current = readLockFile(path);
        if (current.kind !== 'absent' && current.text === staleText) rmSync(path, { force: true });
      } finally {
        for (let g = generation; g >= 1; g--) rmSync(marker(g), { force: true });
      }
      return true;
    }
    const taker = readLockFile(marker(generation));
    if (taker.kind === 'absent') return true; // that takeover just finished
    if (taker.kind === 'unreadable' || holderAlive(taker.holder)) return false;
    // the taker died mid-takeover: contend for the next generation
  }
}

/**
 * Takes the applier lock at `path`, waiting (polling) up to `timeoutMs` while a live process holds it; a lock whose
 * holder is dead is taken over. Throws LockTimeoutError naming the holder. Returns `release`, which removes the lock
 * only if it is still this one.
 */
export async function acquireLock(
  path: string,
  options: { command: string; timeoutMs: number; pollMs?: number },
): Promise<() => void> {
  mkdirSync(dirname(path), { recursive: true });
  const pollMs = options.pollMs ?? 100;
  const started = Date.now();
  for (;;) {
    const mine = `${JSON.stringify(newHolder(options.command), null, 2)}\n`;
    if (createExclusive(path, mine)) {
      return () => {
        const current = readLockFile(path);
        if (current.kind !== 'absent' && current.text === mine) rmSync(path, { force: true });
      };
    }
    const current = readLockFile(path);
    if (current.kind === 'absent') continue; // released between our attempt and our look
    if (current.kind === 'held' && !holderAlive(current.holder)) {
      if (removeStaleLock(path, current.text, options.command)) continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) {
      throw new LockTimeoutError(path, current.kind === 'held' ? current.holder : null, waited);
    }
    await sleep(pollMs);
  }
}
