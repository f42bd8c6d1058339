import { existsSync } from 'node:fs';
import { startDoltServer, type TestServer } from '../helpers/dolt-server.js';
import { missingRows, startWriter } from '../helpers/writer.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the real Dolt test harness', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startDoltServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('serves SQL on a free port that is not 3307', async () => {
    expect(server.port).not.toBe(3307);
    const rows = await server.query<{ one: number }>('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('creates databases and lists them', async () => {
    await server.query('CREATE DATABASE harness_rig');
    const names = (await server.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
    expect(names).toContain('harness_rig');
    expect(existsSync(`${server.dataDir}/harness_rig/.dolt`)).toBe(true);
  });

  it('adds a remote with CALL DOLT_REMOTE and shows it in dolt_remotes', async () => {
    const connection = await server.connect('harness_rig');
    try {
      await connection.query("CALL DOLT_REMOTE('add', 'origin', 'file:///tmp/gt-harness-remote')");
      const [rows] = await connection.query('SELECT name, url FROM dolt_remotes');
      expect(rows).toEqual([{ name: 'origin', url: 'file:///tmp/gt-harness-remote' }]);
    } finally {
      await connection.end();
    }
  });

  it('runs an agent committing rows one transaction at a time, each one found at HEAD', async () => {
    const writer = await startWriter({ port: server.port, database: 'harness_rig' });
    await writer.committedMore(20);
    const report = await writer.stop();
    expect(report.errors).toEqual([]);
    expect(report.committed.length).toBeGreaterThanOrEqual(20);
    expect(await missingRows(server.port, 'harness_rig', report)).toEqual([]);
    const rows = await server.query<{ commits: number }>(
      "SELECT COUNT(*) AS commits FROM harness_rig.dolt_log WHERE message LIKE 'writer row %'",
    );
    expect(Number(rows[0]?.commits)).toBe(report.committed.length);
  });

  it('stops the server process for good', async () => {
    const other = await startDoltServer();
    expect(isAlive(other.pid)).toBe(true);
    await other.stop();
    expect(isAlive(other.pid)).toBe(false);
    await expect(other.query('SELECT 1')).rejects.toThrow();
  });
});
