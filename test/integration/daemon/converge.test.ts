import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, signalProcess } from '../../../src/lib/process.js';
import { killDaemon, readLog, readStatus, reconcilesSince, runDaemon, waitFor, waitForLogLine, type RunningDaemon } from '../../helpers/daemon.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, rigYaml, type TestTown } from '../../helpers/town.js';

/**
 * One town, one `gt daemon run`: the config edits an operator makes while it runs, each converged by the daemon
 * alone (no gt apply). Latencies from the file write to the change visible in Dolt are printed.
 */

let town: TestTown;
let daemon: RunningDaemon;
const latencies: Record<string, number> = {};

async function databases(): Promise<string[]> {
  return (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
}

async function remoteUrl(database: string, name: string): Promise<string | null> {
  const rows = await town.query<{ url: string }>(`SELECT url FROM dolt_remotes WHERE name = '${name}'`, database);
  return rows[0]?.url ?? null;
}

/** Writes like an editor doing an atomic save: a temp file renamed over the manifest. */
function saveAtomically(file: string, content: string): void {
  const temp = join(town.root, 'mayor', 'rigs.d', `.${file}.swp`);
  writeFileSync(temp, content);
  renameSync(temp, join(town.root, 'mayor', 'rigs.d', file));
}

beforeAll(async () => {
  town = await makeTown();
  daemon = await runDaemon(town.root, ['--health-interval', '1s', '--resync-interval', '10m', '--log-level', 'debug']);
});

afterAll(async () => {
  const serverPid = town.serverPid();
  await killDaemon(daemon?.pid);
  await town.stopServer();
  expect(daemon === undefined || !isProcessAlive(daemon.pid)).toBe(true);
  expect(serverPid === null || !isProcessAlive(serverPid)).toBe(true);
  process.stdout.write(`file write → converged latencies (ms): ${JSON.stringify(latencies)}\n`);
});

test('on start it converges the town: server started, hq created, status InSync and Healthy', async () => {
  expect(await databases()).toContain('hq');
  const status = await waitFor('a Healthy status', () => {
    const current = readStatus(town.root);
    return current?.health === 'Healthy' ? current : undefined;
  });
  expect(status.sync).toBe('InSync');
  expect(status.server).toMatchObject({ state: 'running', port: town.port, pid: town.serverPid() });
  expect(status.resources.find((r) => r.id === 'database/hq')).toMatchObject({ ready: true, reason: 'InSync' });
  const startup = await waitForLogLine(town.root, 'the startup reconcile', (entry) => entry.event === 'reconcile');
  expect(startup).toMatchObject({ triggers: ['startup'], result: 'converged' });
  expect(startup?.actions?.done).toBeGreaterThan(0);
  // The one place the human wording of the daemon's lines is pinned; every other test matches on their fields.
  expect(startup.message).toMatch(/^reconcile converged in \d+ ms \(startup\): [1-9]\d* done, 0 failed, 0 skipped, 0 remaining$/);
  const created = await waitForLogLine(town.root, 'the creation of hq', (entry) => entry.event === 'action' && entry.id === 'database/hq');
  expect(created).toMatchObject({ kind: 'database', verb: 'create', code: 'database-missing', status: 'done', durationMs: expect.any(Number) });
  expect(created.message).toMatch(new RegExp(`^\\+ create database/hq done \\(${created.durationMs} ms\\)`));
  // The startup reconcile wrote the lifecycle defaults into daemon.json; the watcher saw that write, and the daemon
  // knew it for its own: no second reconcile.
  expect(JSON.parse(readFileSync(join(town.root, 'mayor', 'daemon.json'), 'utf8'))).toHaveProperty('patrols.wisp_reaper');
  await waitForLogLine(town.root, 'the file event of its own write', (entry) => entry.event === 'skip' && entry.triggers?.join() === 'file');
  expect(readLog(town.root).filter((entry) => entry.event === 'reconcile')).toHaveLength(1);
});

test('a rig manifest added while it runs creates the database', async () => {
  const written = Date.now();
  town.writeRig({ name: 'wyvern', remotes: [{ name: 'origin', url: town.remoteUrl('wyvern-a') }] });
  await waitFor('database wyvern', async () => (await databases()).includes('wyvern'), 20_000, 20);
  latencies.addRig = Date.now() - written;
  await waitFor('remote origin', async () => (await remoteUrl('wyvern', 'origin')) === town.remoteUrl('wyvern-a'), 20_000, 20);
  const condition = await waitFor('the condition of database/wyvern', () => readStatus(town.root)?.resources.find((r) => r.id === 'database/wyvern'));
  expect(condition).toMatchObject({ ready: true, reason: 'InSync', configHash: expect.stringMatching(/^[0-9a-f]{12}$/) });
});

test("changing a remote URL (an editor's atomic save) changes it in Dolt", async () => {
  const before = readStatus(town.root)?.resources.find((r) => r.id === 'remote/wyvern/origin')?.configHash;
  const written = Date.now();
  saveAtomically('wyvern.yaml', rigYaml({ name: 'wyvern', remotes: [{ name: 'origin', url: town.remoteUrl('wyvern-b') }] }));
  await waitFor('the new remote URL', async () => (await remoteUrl('wyvern', 'origin')) === town.remoteUrl('wyvern-b'), 20_000, 20);
  latencies.changeRemoteUrl = Date.now() - written;
  const after = await waitFor('the condition of the new spec', () => {
    const condition = readStatus(town.root)?.resources.find((r) => r.id === 'remote/wyvern/origin');
    return condition !== undefined && condition.configHash !== before ? condition : undefined;
  });
  expect(after).toMatchObject({ ready: true, reason: 'InSync' });
});

test('invalid YAML: the error is logged with file:line, nothing changes, and fixing the file converges', async () => {
  const file = join(town.root, 'mayor', 'rigs.d', 'wyvern.yaml');
  const logBefore = readLog(town.root).length;
  const wroteAt = Date.now();
  writeFileSync(file, 'apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: wyvern\nspec:\n  prefix: wy\n  remotes: [\n');
  saveAtomically('basilisk.yaml', rigYaml({ name: 'basilisk' }));

  const error = await waitFor('the config error in the log', () => readLog(town.root).slice(logBefore).find((e) => e.event === 'config-error'));
  expect(error.level).toBe('error');
  expect(error.diagnostics).toContainEqual(expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error`)));
  // Like every reconcile cycle's line, it says how long the cycle took and what it did: nothing.
  expect(error).toMatchObject({
    triggers: expect.arrayContaining(['file']),
    result: 'error',
    durationMs: expect.any(Number),
    actions: { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 },
  });
  // Its duration is the cycle's: the cycle began after the write that triggered it (the log line's time minus it).
  expect(Date.parse(error.timestamp) - (error.durationMs as number)).toBeGreaterThanOrEqual(wroteAt);
  const status = await waitFor('a Stalled status', () => (readStatus(town.root)?.health === 'Stalled' ? readStatus(town.root) : undefined));
  expect(status?.sync).toBe('Unknown');
  expect(status?.lastError).toMatchObject({ class: 'terminal', kind: 'config' });
  expect(status?.lastError?.locations).toContainEqual(expect.objectContaining({ file, line: expect.any(Number) }));

  // Nothing changed: the other valid manifest was not applied, the remote is as it was, and the loop keeps running.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await databases()).not.toContain('basilisk');
  expect(await remoteUrl('wyvern', 'origin')).toBe(town.remoteUrl('wyvern-b'));
  expect(isProcessAlive(daemon.pid)).toBe(true);

  const written = Date.now();
  writeFileSync(file, rigYaml({ name: 'wyvern', remotes: [{ name: 'origin', url: town.remoteUrl('wyvern-c') }] }));
  await waitFor('the fixed config applied', async () => (await remoteUrl('wyvern', 'origin')) === town.remoteUrl('wyvern-c'), 20_000, 20);
  latencies.fixInvalidYaml = Date.now() - written;
  expect(await databases()).toContain('basilisk');
  const healthy = await waitFor('Healthy again', () => (readStatus(town.root)?.health === 'Healthy' ? readStatus(town.root) : undefined));
  expect(healthy).toMatchObject({ sync: 'InSync', lastError: null });
});

test('an edit storm (200 edits in 2 s) leads to a handful of reconciles and ends converged to the last content', async () => {
  const stormStart = Date.now();
  const last = 199;
  for (let i = 0; i <= last; i++) {
    const content = rigYaml({ name: 'wyvern', remotes: [{ name: 'origin', url: town.remoteUrl(`storm-${i}`) }] });
    if (i % 2 === 0) writeFileSync(join(town.root, 'mayor', 'rigs.d', 'wyvern.yaml'), content);
    else saveAtomically('wyvern.yaml', content);
    await new Promise((r) => setTimeout(r, 10));
  }
  const stormEnd = Date.now();
  await waitFor('the last URL', async () => (await remoteUrl('wyvern', 'origin')) === town.remoteUrl(`storm-${last}`), 20_000, 20);
  latencies.stormLastWrite = Date.now() - stormEnd;
  await new Promise((r) => setTimeout(r, 1500)); // let any trailing reconcile finish
  expect(await remoteUrl('wyvern', 'origin')).toBe(town.remoteUrl(`storm-${last}`));
  // Every cycle counts, also one that read a half-written file (a config error: it changes nothing and waits for
  // the next write). Each cycle logs exactly one line with its duration: 'reconcile', or 'config-error'.
  const cycles = readLog(town.root).filter(
    (entry) => (entry.event === 'reconcile' || entry.event === 'config-error') && Date.parse(entry.timestamp) - (entry.durationMs ?? 0) >= stormStart,
  );
  const reconciles = reconcilesSince(town.root, stormStart);
  process.stdout.write(`edit storm: ${cycles.length} cycles (${reconciles.length} reconciles): ${cycles.map((e) => `${e.event} ${e.durationMs} ms`).join(', ')}\n`);
  expect(cycles.every((entry) => typeof entry.durationMs === 'number' && entry.actions !== undefined)).toBe(true);
  expect(reconciles.length).toBeGreaterThanOrEqual(1);
  // A storm, whatever the machine's speed: the daemon was already reconciling while the edits still came.
  expect(cycles.some((entry) => Date.parse(entry.timestamp) - (entry.durationMs ?? 0) < stormEnd)).toBe(true);
  expect(cycles.length).toBeLessThanOrEqual(8);
  expect(reconciles.every((entry) => entry.result !== 'error')).toBe(true);
  expect(readStatus(town.root)).toMatchObject({ sync: 'InSync', health: 'Healthy' });
});

test('SIGHUP reconciles now', async () => {
  const before = Date.now();
  signalProcess(daemon.pid, 'SIGHUP');
  const entry = await waitFor('a reconcile triggered by the signal', () => reconcilesSince(town.root, before).find((e) => e.triggers?.includes('signal')));
  expect(entry.result).toBe('converged');
});

test("Gas Town's files: a stale bd port file and a removed metadata.json are converged by the next reconcile", async () => {
  const portFile = join(town.root, '.beads', 'dolt-server.port');
  const metadata = join(town.root, '.beads', 'metadata.json');
  writeFileSync(portFile, String(town.port + 7));
  rmSync(metadata);
  const before = Date.now();
  signalProcess(daemon.pid, 'SIGHUP');
  const entry = await waitFor('the reconcile of the signal', () => reconcilesSince(town.root, before).find((e) => e.triggers?.includes('signal')));
  expect(entry).toMatchObject({ result: 'converged', actions: { done: 2, failed: 0 } });
  expect(readFileSync(portFile, 'utf8')).toBe(String(town.port));
  expect(JSON.parse(readFileSync(metadata, 'utf8'))).toMatchObject({ dolt_database: 'hq', dolt_server_port: town.port });
});

test('a rigs.json that does not parse: logged with file:line:col, nothing written, converged once fixed without a config change', async () => {
  const rigsJson = join(town.root, 'mayor', 'rigs.json');
  const portFile = join(town.root, '.beads', 'dolt-server.port');
  const valid = readFileSync(rigsJson, 'utf8');
  const logBefore = readLog(town.root).length;
  writeFileSync(rigsJson, valid.replace('"version": 1,', '"version": 1,,'));
  writeFileSync(portFile, String(town.port + 7));
  signalProcess(daemon.pid, 'SIGHUP');
  const failed = await waitFor('the failed reconcile', () => readLog(town.root).slice(logBefore).find((e) => e.event === 'reconcile' && e.result === 'error'));
  expect(failed.message).toContain(`${rigsJson}:2:16: error GT-E018`);
  expect(failed).toMatchObject({ triggers: ['signal'], actions: { done: 0 }, error: { class: 'transient', kind: 'config' } });
  expect(readFileSync(portFile, 'utf8')).toBe(String(town.port + 7));

  // Gas Town (or the operator) repairs its own file: the daemon's retry finds it, no config change or signal needed
  writeFileSync(rigsJson, valid);
  const retried = await waitFor('a retry that converges', () =>
    readLog(town.root).slice(logBefore).find((e) => e.event === 'reconcile' && e.result === 'converged' && e.triggers?.includes('retry')),
  );
  expect(retried.actions).toMatchObject({ done: 1, failed: 0 });
  expect(readFileSync(portFile, 'utf8')).toBe(String(town.port));
});

test('gt daemon status shows it, in text and JSON', async () => {
  const text = await runGt(['daemon', 'status', '--town', town.root]);
  expect(text.exitCode).toBe(0);
  expect(text.stdout).toContain(`gt daemon is running (PID ${daemon.pid}`);
  expect(text.stdout).toMatch(/Sync: +InSync/);
  expect(text.stdout).toMatch(/Health: +Healthy/);
  const json = await runGt(['daemon', 'status', '--town', town.root, '-o', 'json']);
  expect(json.exitCode).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({ running: true, pid: daemon.pid, status: { sync: 'InSync', health: 'Healthy' } });
});

test('SIGTERM: exit 0, the lock released, the Dolt server left running', async () => {
  const serverPid = town.serverPid();
  expect(await daemon.stop()).toBe(0);
  expect(isProcessAlive(daemon.pid)).toBe(false);
  expect(serverPid !== null && isProcessAlive(serverPid)).toBe(true);
  expect(readLog(town.root).at(-1)).toMatchObject({ event: 'stopped' });
  const status = await runGt(['daemon', 'status', '--town', town.root]);
  expect(status.exitCode).toBe(1);
  expect(status.stdout).toContain('gt daemon is not running');
  expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(false);
  expect(existsSync(join(town.root, 'daemon', 'gt-reconciler.pid'))).toBe(false);
});
