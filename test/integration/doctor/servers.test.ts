import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { stopServerProcess } from '../../../src/apply/stop-server-process.js';
import { isProcessAlive } from '../../../src/lib/process.js';
import { canonicalPath } from '../../../src/observe/dolt-process-facts.js';
import { findDoltServers } from '../../../src/observe/dolt-processes.js';
import type { StopServerFix } from '../../../src/plan/doctor-types.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';
import { runDoctor as doctor, type DoctorJson } from './support.js';

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function classes(document: DoctorJson): Map<number, string> {
  const servers = document.checks.find((check) => check.id === 'server-processes');
  return new Map((servers?.findings ?? []).map((finding) => [finding.details.pid as number, finding.details.class as string]));
}

/**
 * The four real servers: the town's own; a second server on the town's data dir; a rogue started as bd starts
 * its own, in `<town>/wyvern/.beads/dolt`; and one in another temp town. Dolt takes a lock on each database of a data
 * dir for one server (a second server refuses to start: "database … is locked by another dolt process"), so a second
 * server comes up on a town's data dir only while it holds no database yet, as when two supervisors race on a fresh
 * town. The duplicate is started that way, before gt apply starts the town's server and creates the databases; it
 * then serves the town's data dir beside the town's own server, on its own port.
 */
describe('gt doctor: four real servers, classified by the directory each serves', () => {
  let town: TestTown;
  let other: TestTown;
  let duplicate: TestServer;
  let rogue: TestServer;
  let foreign: TestServer;
  const started: TestServer[] = [];

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }]);
    other = await makeTown();
    mkdirSync(join(town.root, '.dolt-data'), { recursive: true });
    duplicate = await startDoltServer({ dataDir: join(town.root, '.dolt-data') });
    started.push(duplicate);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    rogue = await startDoltServer({ dataDir: join(town.root, 'wyvern', '.beads', 'dolt'), launch: 'bd' });
    started.push(rogue);
    foreign = await startDoltServer({ dataDir: join(other.root, '.dolt-data') });
    started.push(foreign);
  }, 120_000);

  afterAll(async () => {
    for (const server of started) await server.stop();
    await town?.stopServer();
  });

  test('the duplicate really serves: it answers SQL on its own port from the town data dir', async () => {
    expect(await duplicate.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(canonicalPath(duplicate.dataDir)).toBe(canonicalPath(join(town.root, '.dolt-data')));
    expect(town.serverPid()).not.toBe(duplicate.pid);
  });

  test('exactly one of each: town, duplicate, rogue and foreign (never by name or port); exit 2', async () => {
    const { exitCode, document } = await doctor(town);
    expect(exitCode).toBe(2);
    const byPid = classes(document);
    expect(byPid.get(town.serverPid() as number)).toBe('town');
    expect(byPid.get(duplicate.pid)).toBe('duplicate');
    expect(byPid.get(rogue.pid)).toBe('rogue');
    expect(byPid.get(foreign.pid)).toBe('foreign');
    // Other test runs' servers on this machine are foreign too; this town's classes hold exactly its three.
    const count = (serverClass: string): number => [...byPid.values()].filter((value) => value === serverClass).length;
    expect([count('town'), count('duplicate'), count('rogue'), count('stale-snapshot')]).toEqual([1, 1, 1, 0]);
  });

  test('the lsof backend (for systems without /proc) reads the same directories, ports and working directories', async () => {
    if (!onPath('lsof') || !onPath('ps')) {
      // A machine without them: the backend says what is missing (gt doctor then skips the check and says why).
      await expect(findDoltServers('lsof')).rejects.toThrow(/is not installed/);
      return;
    }
    const fromProc = await findDoltServers('proc');
    const fromLsof = await findDoltServers('lsof');
    for (const pid of [town.serverPid() as number, duplicate.pid, rogue.pid, foreign.pid]) {
      const pick = (list: typeof fromProc) => list.find((server) => server.pid === pid);
      const [proc, lsof] = [pick(fromProc), pick(fromLsof)];
      expect(lsof).toMatchObject({ dataDir: proc?.dataDir, dataDirTown: proc?.dataDirTown, ports: proc?.ports, cwd: proc?.cwd });
      expect(Math.abs((lsof?.startedAtMs ?? 0) - (proc?.startedAtMs ?? 0))).toBeLessThan(1000);
    }
  });

  test('--fix without --stop-servers stops nothing and says which flag would', async () => {
    const { exitCode, document } = await doctor(town, '--fix');
    expect(exitCode).toBe(2);
    expect(document.results).toEqual([]);
    expect(document.fixes.blocked.map((blocked) => [blocked.id, blocked.hint])).toEqual(
      [duplicate.pid, rogue.pid].sort((a, b) => a - b).map((pid) => [`process/${pid}`, 'pass --stop-servers (with --fix) to stop it']),
    );
    expect([duplicate.pid, rogue.pid].every(isProcessAlive)).toBe(true);
  });

  test('a pid that no longer names the process the doctor saw (start time or directory) is never signalled', async () => {
    const seen = (await findDoltServers('proc')).find((server) => server.pid === rogue.pid);
    const fix: StopServerFix = {
      kind: 'stop-server',
      verb: 'stop',
      id: `process/${rogue.pid}`,
      check: 'server-processes',
      reason: 'test',
      pid: rogue.pid,
      class: 'rogue',
      startedAtMs: (seen?.startedAtMs ?? 0) - 10_000,
      cwd: seen?.cwd ?? '',
      graceMs: 1000,
      kill: true,
      townServer: false,
    };
    await expect(stopServerProcess(town.root, fix, 'proc')).rejects.toThrow(/started at another time .*nothing was signalled/);
    await expect(stopServerProcess(town.root, { ...fix, startedAtMs: seen?.startedAtMs ?? 0, cwd: '/elsewhere' }, 'proc')).rejects.toThrow(/not \/elsewhere/);
    expect(await rogue.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  test('--fix --stop-servers stops exactly the rogue and the duplicate within the grace period; the town (under an agent\'s writes) and the foreign server still answer', async () => {
    const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 5 });
    await writer.committedMore(5);
    const { exitCode, document } = await doctor(town, '--fix', '--stop-servers', '--grace-period', '30s');
    await writer.committedMore(5);
    const report = await writer.stop();

    expect(document.results?.map((result) => [result.fix.pid, result.status])).toEqual(
      [duplicate.pid, rogue.pid].sort((a, b) => a - b).map((pid) => [pid, 'done']),
    );
    expect(document.results?.every((result) => result.message.includes('stopped by SIGTERM'))).toBe(true);
    expect([duplicate.pid, rogue.pid].some(isProcessAlive)).toBe(false);
    expect(await town.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await foreign.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(classes(document).get(foreign.pid)).toBe('foreign');
    expect(report.errors).toEqual([]);
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(document.status).toBe('ok');
  });
});
