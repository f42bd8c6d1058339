/**
 * How long gt waits on one SQL step (a statement or a few, e.g. an ignore-pattern commit) before it calls the server
 * hung. A healthy server answers each in well under a second; a hung one (stopped with SIGSTOP, deadlocked) would
 * otherwise keep gt waiting, and holding the applier lock, forever.
 */
export const HUNG_SERVER_MS = 20_000;

/**
 * The hung-server deadline `gt apply` uses: `GT_HUNG_SERVER_MS` when set (a positive number of milliseconds, so a test
 * can wait out a hung server in 2 s instead of 20), else HUNG_SERVER_MS. Throws on any other value.
 */
export function hungServerMsFrom(env: NodeJS.ProcessEnv): number {
  const text = env.GT_HUNG_SERVER_MS;
  if (text === undefined || text === '') return HUNG_SERVER_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`GT_HUNG_SERVER_MS must be a positive whole number of milliseconds, got "${text}"`);
  return ms;
}

/**
 * Settles as `work` does, or rejects with the error `expire()` returns once `ms` have passed. `expire` should also
 * end what the work waits on (e.g. destroy the connection), so the abandoned work settles and holds nothing.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, expire: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(expire()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined); // its rejection after the deadline is expected, not unhandled
  }
}
