import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../helpers/dolt-server.js';
import { killDaemon, readStatus, runDaemon, waitFor, waitForLogLine, type RunningDaemon } from '../../helpers/daemon.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

describe("gt daemon runs gt doctor's checks on the doctor_dog interval", () => {
  let town: TestTown;
  let daemon: RunningDaemon;

  beforeAll(async () => {
    const port = await freePort();
    town = await makeTown([{ name: 'wyvern' }], {
      port,
      daemon: { type: 'daemon-patrol-config', version: 1, env: { GT_DOLT_PORT: String(port) }, patrols: { doctor_dog: { enabled: true, interval: '2s' } } },
    });
    daemon = await runDaemon(town.root, ['--health-interval', '5s', '--resync-interval', '10m']);
  }, 120_000);

  afterAll(async () => {
    await killDaemon(daemon?.pid);
    await town?.stopServer();
  });

  test('a clean town: the status file says every check is ok', async () => {
    const status = await waitFor('a doctor run in the status file', () => readStatus(town.root)?.doctor?.lastRun ?? null);
    expect(status.status).toBe('ok');
    expect(readStatus(town.root)?.doctor).toMatchObject({ enabled: true, intervalMs: 2000, lastError: null });
  });

  test('a stale port file appears: within an interval the status file, the log and gt status report it', async () => {
    mkdirSync(join(town.root, 'wyvern', '.beads'), { recursive: true });
    writeFileSync(join(town.root, 'wyvern', '.beads', 'dolt-server.port'), '13417');
    const run = await waitFor('the doctor to see the port file', () => {
      const lastRun = readStatus(town.root)?.doctor?.lastRun;
      return lastRun?.status === 'warning' ? lastRun : null;
    }, 20_000);
    expect(run.checks.find((check) => check.id === 'port-files')).toMatchObject({ status: 'warning', summary: `1 file names another port than ${town.port}` });
    await waitForLogLine(town.root, 'the doctor warning', (entry) => entry.event === 'doctor' && entry.level === 'warn');

    const text = await runGt(['status', '--town', town.root]);
    expect(text.stdout).toMatch(/^Doctor {4}1 check not ok at \S+ \(every 2s; see: .*gt\.js doctor\)$/m);
    expect(text.stdout).toContain(`! port-files: 1 file names another port than ${town.port}`);
    const json = JSON.parse((await runGt(['status', '--town', town.root, '-o', 'json'])).stdout) as { daemon: { doctor: { lastRun: { status: string } } } };
    expect(json.daemon.doctor.lastRun.status).toBe('warning');
  });
});
