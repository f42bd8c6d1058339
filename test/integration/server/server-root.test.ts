import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { isProcessAlive } from '../../../src/lib/process.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { makeTempDir, testEnv } from '../../helpers/env.js';
import { runGt } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { CONNECTION_GONE, committedDespiteError, missingRows, startWriter } from '../../helpers/writer.js';

/**
 * A town whose server runs with the root every dolt of the account shares (as gt started it before it gave each
 * server its own): gt diff shows the move as a restart, and gt apply seeds the server's own root from the shared one
 * without the settings that belong to one server, links the credentials, and loses no committed row.
 */

let town: TestTown;
const pids = new Set<number>();

/** The shared root: an identity, a persisted variable, one server's cluster role and uuid, and DoltHub credentials. */
function sharedRoot(): string {
  const root = makeTempDir('shared-root');
  mkdirSync(join(root, '.dolt', 'creds'), { recursive: true });
  writeFileSync(join(root, '.dolt', 'creds', 'key.jwk'), '{"kid":"test"}');
  const config = {
    'user.name': 'Mayor',
    'user.email': 'mayor@town.example',
    'sqlserver.global.dolt_log_level': 'warning',
    'sqlserver.cluster.dolt_cluster_role': 'standby',
    'sqlserver.cluster.dolt_cluster_role_epoch': '7',
    'sqlserver.global.server_uuid': 'b6f1d5d2-0000-4000-8000-000000000001',
  };
  writeFileSync(join(root, '.dolt', 'config_global.json'), JSON.stringify(config));
  return root;
}

/** Starts the town's server as gt did before: config.yaml and the pid file, but the shared root. */
async function startWithRoot(root: string): Promise<number> {
  const paths = townPaths(town.root);
  const log = openSync(paths.doltLog, 'a');
  const child = execa(testEnv().doltBin, ['sql-server', '--config', paths.serverConfigYaml], {
    cwd: paths.dataDir,
    env: { TZ: 'UTC', DOLT_DISABLE_EVENT_FLUSH: '1', DOLT_ROOT_PATH: root },
    stdin: 'ignore',
    stdout: log as 3,
    stderr: log as 3,
    detached: true,
    cleanup: false,
    reject: false,
  });
  closeSync(log);
  child.unref();
  const pid = child.pid as number;
  pids.add(pid);
  writeFileSync(paths.doltPid, String(pid));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await town.query('SELECT 1');
      return pid;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  town = await makeTown([{ name: 'wyvern' }]);
});

afterAll(async () => {
  const current = town.serverPid();
  if (current !== null) pids.add(current);
  await killStarted(pids);
  for (const pid of pids) expect(isProcessAlive(pid)).toBe(false);
});

test("a server on the shared root moves to its own: seeded without one server's settings, credentials linked, no row lost", async () => {
  expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  pids.add(town.serverPid() as number);
  await town.stopServer();
  const paths = townPaths(town.root);
  rmSync(paths.doltRoot, { recursive: true, force: true });
  const shared = sharedRoot();
  const oldPid = await startWithRoot(shared);

  const diff = await runGt(['diff', '--town', town.root]);
  expect(diff.exitCode).toBe(1);
  expect(diff.stdout).toContain(`env.DOLT_ROOT_PATH: "${shared}" → "${paths.doltRoot}"`);
  expect(diff.stdout).toContain(`the server runs with DOLT_ROOT_PATH ${shared}, whose global config and credentials every dolt of that account shares`);
  expect(diff.stdout).toContain(`and links .dolt/creds to ${shared}/.dolt/creds`);

  const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 100 });
  await writer.committedMore(5);
  const applied = await runGt(['apply', '--town', town.root]);
  await writer.committedMore(5);
  const report = await writer.stop();
  expect(applied.exitCode).toBe(0);
  expect(isProcessAlive(oldPid)).toBe(false);
  expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
  expect(await committedDespiteError(town.port, 'wyvern', report)).toEqual([]);
  for (const error of report.errors) expect(error).toMatch(CONNECTION_GONE);

  const seeded = JSON.parse(readFileSync(join(paths.doltRoot, '.dolt', 'config_global.json'), 'utf8')) as Record<string, string>;
  expect(seeded).toMatchObject({ 'user.name': 'Mayor', 'user.email': 'mayor@town.example', 'sqlserver.global.dolt_log_level': 'warning' });
  expect(Object.keys(seeded).filter((key) => key.startsWith('sqlserver.cluster.'))).toEqual([]);
  expect(seeded['sqlserver.global.server_uuid']).not.toBe('b6f1d5d2-0000-4000-8000-000000000001');
  expect(lstatSync(join(paths.doltRoot, '.dolt', 'creds')).isSymbolicLink()).toBe(true);
  expect(readlinkSync(join(paths.doltRoot, '.dolt', 'creds'))).toBe(join(shared, '.dolt', 'creds'));
  const environ = readFileSync(`/proc/${town.serverPid() as number}/environ`, 'utf8').split('\0');
  expect(environ).toContain(`DOLT_ROOT_PATH=${paths.doltRoot}`);
  expect((await runGt(['diff', '--town', town.root])).exitCode).toBe(0);
  expect(existsSync(join(shared, '.dolt', 'config_global.json'))).toBe(true);
}, 120_000);
