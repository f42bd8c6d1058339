import { ConfigError } from '../../../src/config/diagnostics.js';
import type { ObservedServer } from '../../../src/observe/observed.js';
import { TOWN } from '../plan/fixtures.js';
import { desiredWith, report, serverResult, settle, startTestLoop } from './loop-fakes.js';

const RESYNC_MS = 600_000;
const HEALTH_MS = 30_000;
const STOPPED: ObservedServer = { state: 'stopped', port: 3317, stalePid: 4242 };

function startLoop(desired = desiredWith()) {
  return startTestLoop(desired, RESYNC_MS);
}

/** A promise the test resolves: a reconcile that is still running. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the reconcile loop', () => {
  test('start runs one startup reconcile, then reports the town converged and the server running', async () => {
    const { loop, world, lastStatus } = startLoop();
    loop.start();
    await settle();
    expect(world.reconciles).toHaveLength(1);
    expect(lastStatus()).toMatchObject({ sync: 'InSync', health: 'Healthy', lastReconcile: { triggers: ['startup'], result: 'converged' } });
    expect(lastStatus()?.server).toMatchObject({ state: 'running', pid: 4242 });
    await loop.stop();
  });

  test('triggers that arrive while a reconcile runs become one next reconcile carrying all of them', async () => {
    const { loop, world, lastStatus } = startLoop();
    const first = deferred<ReturnType<typeof report>>();
    world.nextReport = () => first.promise;
    loop.start();
    await settle();
    world.nextReport = () => Promise.resolve(report());
    loop.request('signal');
    loop.request('resync');
    loop.request('signal');
    await settle();
    expect(world.reconciles).toHaveLength(1);
    first.resolve(report());
    await settle();
    expect(world.reconciles).toHaveLength(2);
    expect(lastStatus()?.lastReconcile?.triggers).toEqual(['signal', 'resync']);
    await loop.stop();
  });

  test('a file event is no reconcile while the files hold what the last one read; a real change is one', async () => {
    const { loop, world, lines } = startLoop();
    loop.start();
    await settle();
    loop.request('file');
    await settle();
    expect(world.reconciles).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ event: 'skip', triggers: ['file'] });
    world.configContent = 'v2';
    loop.request('file');
    await settle();
    expect(world.reconciles).toHaveLength(2);
    expect(lines.some((line) => line.event === 'config-changed')).toBe(true);
    await loop.stop();
  });

  test('resync reconciles once per resync interval (no jitter drawn: random() = 0.5)', async () => {
    const { loop, world, clock, lastStatus } = startLoop();
    loop.start();
    await settle();
    await clock.advance(RESYNC_MS - 1);
    expect(world.reconciles).toHaveLength(1);
    await clock.advance(1);
    expect(world.reconciles).toHaveLength(2);
    expect(lastStatus()?.lastReconcile?.triggers).toEqual(['resync']);
    await clock.advance(RESYNC_MS);
    expect(world.reconciles).toHaveLength(3);
    await loop.stop();
  });

  test('health checks look at the server every health_check_interval and reconcile nothing while it runs', async () => {
    const { loop, world, clock } = startLoop();
    loop.start();
    await settle();
    const afterStartup = world.inspections;
    await clock.advance(3 * HEALTH_MS);
    expect(world.inspections - afterStartup).toBe(3);
    expect(world.reconciles).toHaveLength(1);
    await loop.stop();
  });

  test('a killed server is noticed within a second (no health check) and restarted at once, then after restart_delay and doubling delays', async () => {
    const { loop, world, clock, lines } = startLoop();
    loop.start();
    await settle();
    const inspections = world.inspections;
    world.server = STOPPED;
    world.nextReport = () => Promise.resolve(report([serverResult('server-stopped', 'failed', 'bind: address in use')]));
    await clock.advance(999);
    expect(world.reconciles).toHaveLength(1);
    await clock.advance(1);
    const detectedAt = clock.now();
    expect(lines.find((line) => line.event === 'server-exited')).toMatchObject({ level: 'warn', pid: 4242 });
    expect(lines.find((line) => line.outcome === 'restart-scheduled')).toMatchObject({ delayMs: 0 });
    expect(world.inspections - inspections).toBe(2); // the look the exit asked for, and the restart's closing one
    expect(world.reconciles).toHaveLength(2);
    await clock.advance(4_999);
    expect(world.reconciles).toHaveLength(2);
    await clock.advance(1);
    expect(world.reconciles).toHaveLength(3);
    await clock.advance(10_000);
    expect(world.reconciles.slice(1).map((r) => r.at - detectedAt)).toEqual([0, 5_000, 15_000]);
    expect(lines.filter((line) => line.event === 'server-exited')).toHaveLength(1);
    await loop.stop();
  });

  test('no death to notice while the server runs: the liveness poll looks at no server and reconciles nothing', async () => {
    const { loop, world, clock, lines } = startLoop();
    loop.start();
    await settle();
    const inspections = world.inspections;
    await clock.advance(HEALTH_MS - 1);
    expect(world.inspections).toBe(inspections);
    expect(world.reconciles).toHaveLength(1);
    expect(lines.filter((line) => line.event === 'server-exited')).toEqual([]);
    await loop.stop();
  });

  test('a reconcile that fails for a transient reason is retried after 1 s, then 2 s', async () => {
    const { loop, world, clock, lastStatus } = startLoop();
    world.nextReport = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3317'), { code: 'ECONNREFUSED' }));
    loop.start();
    await settle();
    const startedAt = clock.now();
    expect(lastStatus()).toMatchObject({ health: 'Degraded', lastError: { class: 'transient', kind: 'connection' } });
    await clock.advance(3_000);
    expect(world.reconciles.map((r) => r.at - startedAt)).toEqual([0, 1_000, 3_000]);
    expect(lastStatus()?.lastReconcile?.triggers).toEqual(['retry']);
    await loop.stop();
  });

  test('stop: no reconcile after it, and the last status says the daemon stopped', async () => {
    const { loop, world, clock, lastStatus } = startLoop();
    loop.start();
    await settle();
    await loop.stop();
    loop.request('signal');
    await clock.advance(2 * RESYNC_MS);
    expect(world.reconciles).toHaveLength(1);
    expect(lastStatus()?.daemon.stopped).toBe(true);
  });

  test('a planned restart (changed config.yaml) does not count toward max_restarts_in_window; a crash restart does', async () => {
    const { loop, world, clock, lastStatus } = startLoop(desiredWith({ maxRestartsInWindow: 1 }));
    loop.start();
    await settle();
    world.nextReport = () => Promise.resolve(report([serverResult('server-config-changed', 'done')]));
    loop.request('signal');
    await settle();
    expect(lastStatus()?.supervision.restartsInWindow).toBe(0);

    world.server = STOPPED;
    world.nextReport = () => Promise.resolve(report([serverResult('server-stopped', 'failed', 'bind: address in use')]));
    await clock.advance(1_000);
    // The crash restart was made (the planned one left its slot free); it failed, and that filled the budget.
    expect(world.reconciles).toHaveLength(3);
    expect(lastStatus()?.lastReconcile?.triggers).toEqual(['restart']);
    expect(lastStatus()).toMatchObject({ health: 'Stalled', supervision: { restartsInWindow: 1, stalled: true } });
    await loop.stop();
  });

  test('while the config does not load, a crashed server is restarted with the last known-good config, and the status says so', async () => {
    const { loop, world, clock, lines, lastStatus } = startLoop();
    loop.start();
    await settle();
    const lastGood = world.desired;
    world.configContent = 'v2';
    world.configError = new ConfigError([
      { severity: 'error', code: 'GT-E010', message: 'expected a double-quoted key', location: { file: `${TOWN}/mayor/daemon.json`, line: 3, column: 16 } },
    ] as ConstructorParameters<typeof ConfigError>[0]);
    loop.request('file');
    await settle();
    expect(lastStatus()).toMatchObject({ health: 'Stalled', lastError: { kind: 'config' }, lastKnownGoodAt: null });

    world.server = STOPPED;
    await clock.advance(1_000);
    expect(world.lastKnownGoodStarts).toEqual([{ at: clock.now(), desired: lastGood }]);
    expect(world.reconciles).toHaveLength(1); // only the startup one: nothing else was planned
    expect(lines.find((line) => line.event === 'last-known-good')).toMatchObject({
      serverState: 'stopped',
      configErrors: [{ file: `${TOWN}/mayor/daemon.json`, line: 3, column: 16 }],
    });
    const status = lastStatus();
    expect(status).toMatchObject({ health: 'Stalled', server: { state: 'running' }, lastKnownGoodAt: new Date(clock.now()).toISOString(), supervision: { restartsInWindow: 1 } });
    expect(status?.message).toContain(`${TOWN}/mayor/daemon.json:3:16`);
    expect(status?.message).toContain('last known-good settings');
    await loop.stop();
  });
});
