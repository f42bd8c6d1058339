import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDesiredState } from '../../../src/config/load.js';
import { isProcessAlive } from '../../../src/lib/process.js';
import { observeForDoctor } from '../../../src/observe/doctor-observation.js';
import { runGt } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import type { TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';
import { appliedTown, runDoctor as doctor } from './support.js';

describe('gt doctor: databases', () => {
  const theTown = appliedTown([{ name: 'wyvern' }, { name: 'gryphon' }]);
  let town: TestTown;

  beforeAll(() => {
    town = theTown();
  });

  test('one SQL statement on a healthy town (the health probe), however many databases; gt doctor reads the rest from disk and /proc', async () => {
    const { desired } = loadDesiredState({ town: town.root, files: [], env: {}, cwd: town.root });
    const { statements } = await countStatements(town.port, () => observeForDoctor(desired));
    expect(statements).toBe(1);
  });

  test('served but undeclared, on disk but not served, test names: warnings with size and last commit; --fix drops nothing', async () => {
    await town.run(['CREATE DATABASE scratch', 'USE scratch', 'CREATE TABLE notes (id INT PRIMARY KEY)', "CALL DOLT_COMMIT('-Am', 'scratch work')"]);
    await town.run(['CREATE DATABASE testdb_doctor']);
    cpSync(join(town.root, '.dolt-data', 'gryphon'), join(town.root, '.dolt-data', 'copied'), { recursive: true });

    const { exitCode, check } = await doctor(town);
    expect(exitCode).toBe(1);
    const undeclared = check('undeclared-databases');
    expect(undeclared).toMatchObject({ status: 'warning', summary: '1 database: scratch' });
    expect(undeclared.findings[0]?.details).toMatchObject({ database: 'scratch', bytes: expect.any(Number), lastCommit: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(check('unserved-databases')).toMatchObject({ status: 'warning', summary: '1 database: copied' });
    expect(check('unserved-databases').findings[0]?.message).toMatch(/on disk, not served \(.+, last written \d{4}-/);
    expect(check('test-databases')).toMatchObject({ status: 'warning', summary: '1 database: testdb_doctor' });
    expect(check('test-databases').findings[0]?.message).toMatch(/last commit \d{4}-/);

    const fixed = await doctor(town, '--fix');
    expect(fixed.document.results).toEqual([]);
    const served = (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
    expect(served).toEqual(expect.arrayContaining(['scratch', 'testdb_doctor']));
  });

  test('with orphan databases, one more statement whatever their number: their last commit dates', async () => {
    const { desired } = loadDesiredState({ town: town.root, files: [], env: {}, cwd: town.root });
    const { statements, result } = await countStatements(town.port, () => observeForDoctor(desired));
    expect(statements).toBe(2);
    expect(Object.keys(result.lastCommits).sort()).toEqual(['scratch', 'testdb_doctor']);
  });
});

describe('gt doctor: a town server serving a stale snapshot', () => {
  const theTown = appliedTown([{ name: 'wyvern' }]);
  let town: TestTown;

  beforeAll(() => {
    town = theTown();
  });

  test('its data dir replaced under it (restored from a copy): an error; --fix --stop-servers stops it, gt apply starts a fresh one, all ok', async () => {
    const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 5 });
    await writer.committedMore(5);
    const report = await writer.stop();
    const dataDir = join(town.root, '.dolt-data');
    cpSync(dataDir, `${dataDir}.copy`, { recursive: true });
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(`${dataDir}.copy`, dataDir, { recursive: true });
    const stale = town.serverPid() as number;

    const before = await doctor(town);
    expect(before.exitCode).toBe(2);
    const server = before.check('server-processes').findings.find((finding) => finding.details.pid === stale);
    expect(server).toMatchObject({ details: { class: 'stale-snapshot' }, message: expect.stringContaining('deleted data file') });

    const fixed = await doctor(town, '--fix', '--stop-servers');
    expect(fixed.document.results?.map((result) => [result.fix.id, result.status])).toEqual([[`process/${stale}`, 'done']]);
    expect(isProcessAlive(stale)).toBe(false);
    expect(town.serverPid()).toBeNull();

    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    const after = await doctor(town);
    expect(after.document.checks.filter((check) => check.status !== 'ok').map((check) => check.id)).toEqual([]);
    expect(after.exitCode).toBe(0);
  });
});
