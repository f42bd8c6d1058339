import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

interface StatusJson {
  server: { state: string; pid: number | null; version: string | null; uptimeSeconds: number | null };
  databases: { name: string; rig: string | null; managed: boolean; remotes: { name: string; url: string }[] | null }[];
  daemon: { running: boolean };
  drift: { inSync: boolean; create: number };
}

describe('gt status', () => {
  let town: TestTown;

  beforeAll(async () => {
    town = await makeTown([
      { name: 'wyvern', remotes: [{ name: 'origin', url: 'https://dolt:s3cr3t@remotes.example/wyvern' }] },
    ]);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('with the server stopped: says so, and shows the drift', async () => {
    const result = await runGt(['status', '--town', town.root]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('not running');
    expect(result.stdout).toMatch(/Drift +\d+ to create/);
  });

  it('on a converged town: pid, version, uptime, databases with masked remotes, unmanaged ones, no drift', async () => {
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    await town.query('CREATE DATABASE scratch');
    const result = await runGt(['status', '--town', town.root, '-o', 'json']);
    expect(result.exitCode).toBe(0);
    const status = JSON.parse(result.stdout) as StatusJson;
    expect(status.server).toMatchObject({ state: 'running', pid: town.serverPid(), version: expect.any(String) });
    expect(status.server.uptimeSeconds).toEqual(expect.any(Number));
    expect(status.databases).toEqual([
      { name: 'hq', rig: 'hq', managed: true, remotes: [] },
      { name: 'scratch', rig: null, managed: false, remotes: [] },
      { name: 'wyvern', rig: 'wyvern', managed: true, remotes: [{ name: 'origin', url: 'https://dolt:***@remotes.example/wyvern' }] },
    ]);
    expect(status.drift.inSync).toBe(true);
    expect(status.daemon.running).toBe(false);

    const text = await runGt(['status', '--town', town.root]);
    expect(text.stdout).toContain('● running');
    expect(text.stdout).toMatch(/scratch +unmanaged/);
    expect(text.stdout).not.toContain('s3cr3t');
  });
});
