import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../../src/lib/process.js';
import { runGt } from '../../helpers/gt.js';
import { parseDocument } from '../../helpers/json-schemas.js';
import { makeTown } from '../../helpers/town.js';
import { appliedTown, runDoctor as doctor } from './support.js';

/** A pid no process has: above every pid in use now (the kernel hands them out upwards). */
function deadPid(): number {
  const highest = Math.max(...readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number));
  for (let pid = highest + 1000; ; pid++) if (!isProcessAlive(pid)) return pid;
}

describe('gt doctor: files', () => {
  const theTown = appliedTown([{ name: 'wyvern' }]);
  let town: ReturnType<typeof theTown>;

  beforeAll(() => {
    town = theTown();
  });

  test('a healthy town: every check ok, nothing to fix, exit 0', async () => {
    const { exitCode, document } = await doctor(town);
    expect(document.checks.filter((check) => check.status !== 'ok').map((check) => check.id)).toEqual([]);
    expect(document.fixes).toEqual({ actions: [], blocked: [] });
    expect(exitCode).toBe(0);
  });

  test("bd's port file and a metadata.json naming an old port: a warning, then --fix writes the town's port and keeps every other byte", async () => {
    const beads = join(town.root, 'wyvern', '.beads');
    mkdirSync(beads, { recursive: true });
    writeFileSync(join(beads, 'dolt-server.port'), '13417', { mode: 0o600 });
    const metadata = '{\n  "backend": "dolt",\n  "dolt_database": "wyvern",\n  "dolt_server_port": 13417,\n  "custom": [1, 2]\n}\n';
    writeFileSync(join(beads, 'metadata.json'), metadata);

    const before = await doctor(town);
    expect(before.exitCode).toBe(1);
    expect(before.check('port-files')).toMatchObject({ status: 'warning', summary: `2 files name another port than ${town.port}` });

    const fixed = await doctor(town, '--fix');
    expect(fixed.document.results?.map((result) => [result.fix.id, result.status])).toEqual([
      ['file/wyvern/.beads/dolt-server.port', 'done'],
      ['file/wyvern/.beads/metadata.json', 'done'],
    ]);
    expect(readFileSync(join(beads, 'dolt-server.port'), 'utf8')).toBe(String(town.port));
    expect(statSync(join(beads, 'dolt-server.port')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(beads, 'metadata.json'), 'utf8')).toBe(metadata.replace('13417', String(town.port)));
    expect(fixed.check('port-files').status).toBe('ok');
    expect(fixed.exitCode).toBe(0);
  });

  test('pid files naming gone processes (gt daemon, bd): a warning, then --fix removes them', async () => {
    const daemonPid = join(town.root, 'daemon', 'gt-reconciler.pid');
    const bdPid = join(town.root, 'wyvern', '.beads', 'dolt-server.pid');
    writeFileSync(daemonPid, `${deadPid()}\n`);
    writeFileSync(bdPid, String(deadPid()));

    const before = await doctor(town);
    expect(before.exitCode).toBe(1);
    expect(before.check('runtime-files')).toMatchObject({ status: 'warning', summary: '2 stale files' });

    const fixed = await doctor(town, '--fix');
    expect(fixed.document.results?.every((result) => result.status === 'done')).toBe(true);
    expect([existsSync(daemonPid), existsSync(bdPid)]).toEqual([false, false]);
    expect(fixed.check('runtime-files').status).toBe('ok');
    expect(fixed.exitCode).toBe(0);
  });

  test("the town's pid and state files naming a gone server, with none running: --fix removes the pid file and marks the state stopped", async () => {
    expect((await runGt(['dolt', 'stop', '--town', town.root])).exitCode).toBe(0);
    const pid = deadPid();
    const statePath = join(town.root, 'daemon', 'dolt-state.json');
    writeFileSync(join(town.root, 'daemon', 'dolt.pid'), String(pid));
    const state = { ...(JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>), running: true, pid, extra_key: 'kept' };
    writeFileSync(statePath, JSON.stringify(state, null, 2));

    const before = await doctor(town);
    expect(before.check('runtime-files')).toMatchObject({ status: 'warning', summary: '2 stale files' });
    expect(before.check('town-server').status).toBe('warning');

    const fixed = await doctor(town, '--fix');
    expect(existsSync(join(town.root, 'daemon', 'dolt.pid'))).toBe(false);
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({ running: false, pid: 0, extra_key: 'kept', port: town.port });
    expect(fixed.check('runtime-files').status).toBe('ok');
    expect(fixed.exitCode).toBe(1); // the server is still down: gt apply starts it, gt doctor does not
  });

  test('a directory an interrupted CREATE DATABASE left: moved aside by --fix only while no server runs on the data dir', async () => {
    const half = join(town.root, '.dolt-data', 'half');
    mkdirSync(join(half, '.dolt'), { recursive: true });
    writeFileSync(join(half, '.dolt_safe_to_ignore'), '');

    const stopped = await doctor(town);
    expect(stopped.check('interrupted-creates')).toMatchObject({ status: 'warning', summary: '1 half-created database directory: half' });
    expect(stopped.document.fixes.actions.map((fix) => fix.id)).toEqual(['directory/half']);

    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    const running = await doctor(town, '--fix');
    expect(running.document.results).toEqual([]);
    expect(running.document.fixes.blocked).toEqual([expect.objectContaining({ id: 'directory/half', hint: expect.stringContaining('dolt stop') })]);
    expect(existsSync(half)).toBe(true);

    expect((await runGt(['dolt', 'stop', '--town', town.root])).exitCode).toBe(0);
    const fixed = await doctor(town, '--fix');
    expect(fixed.document.results?.map((result) => result.status)).toEqual(['done']);
    expect(existsSync(half)).toBe(false);
    expect(readdirSync(join(town.root, '.dolt-data', '.gt-incomplete')).some((name) => name.startsWith('half-'))).toBe(true);
    expect(fixed.check('interrupted-creates').status).toBe('ok');
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  });

  test('a daemon directory past 500 MiB: a warning naming the largest file (no automatic fix: logs are the operator’s)', async () => {
    const log = join(town.root, 'daemon', 'old.log');
    writeFileSync(log, '');
    truncateSync(log, 600 * 2 ** 20); // sparse: its size counts, it takes no disk
    const big = await doctor(town);
    expect(big.check('daemon-dir')).toMatchObject({ status: 'warning', summary: expect.stringContaining('old.log 600 MiB') });
    expect(big.document.fixes.actions).toEqual([]);
    rmSync(log);
    expect((await doctor(town)).check('daemon-dir').status).toBe('ok');
  });
});

describe('gt doctor: bad config', () => {
  test('daemon.json that does not parse: exit 2, the error at file:line:col, and with -o json a document saying so', async () => {
    const town = await makeTown();
    writeFileSync(join(town.root, 'mayor', 'daemon.json'), '{"type": "daemon-patrol-config",\n');
    const result = await runGt(['doctor', '--town', town.root, '-o', 'json']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('daemon.json:2:1: error GT-E010');
    expect(parseDocument('doctor', result.stdout)).toMatchObject({ version: 1, errors: [{ code: 'GT-E010', at: expect.stringContaining('daemon.json:2:1') }] });
  });
});
