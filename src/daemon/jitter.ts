/** How far a periodic resync may move from its interval, either way: daemons started together drift apart. */
const RESYNC_JITTER = 0.1;

/** `intervalMs` moved by up to ±RESYNC_JITTER of itself; `random` returns a number in [0, 1) like Math.random. */
export function jitteredInterval(intervalMs: number, random: () => number = Math.random): number {
  return intervalMs * (1 + (random() * 2 - 1) * RESYNC_JITTER);
}
