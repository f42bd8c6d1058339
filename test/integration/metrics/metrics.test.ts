import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../../src/lib/process.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { killDaemon, runDaemon, waitFor, type RunningDaemon } from '../../helpers/daemon.js';
import { connectTo, freePort } from '../../helpers/dolt-server.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/** Dolt's metrics endpoint, declared in the Town manifest and converged by gt; and gt's daemon's own endpoint. */

let town: TestTown;
let daemon: RunningDaemon | undefined;
let doltMetrics: number;
let daemonMetrics: number;

function writeTownManifest(withDoltMetrics: boolean): void {
  const lines = ['apiVersion: gastown.dev/v1alpha1', 'kind: Town', 'spec:'];
  if (withDoltMetrics) lines.push('  server:', `    metrics: { port: ${doltMetrics} }`);
  lines.push('  daemon:', `    metrics: { port: ${daemonMetrics} }`, '');
  writeFileSync(join(townPaths(town.root).rigsDir, 'town.yaml'), lines.join('\n'));
}

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function sample(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

beforeAll(async () => {
  // the metrics port below the SQL port: a server found on its old port after a port change is told by its SQL port
  const [low, high] = [await freePort(), await freePort()].sort((x, y) => x - y) as [number, number];
  town = await makeTown([], { port: high });
  [doltMetrics, daemonMetrics] = [low, await freePort()];
});

afterAll(async () => {
  const serverPid = town.serverPid();
  await killDaemon(daemon?.pid);
  await town.stopServer();
  expect(serverPid === null || !isProcessAlive(serverPid)).toBe(true);
});

test('a declared metrics endpoint is a needs-restart config change; after apply GET /metrics serves dss_* metrics', async () => {
  expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  writeTownManifest(true);
  const diff = await runGt(['diff', '--town', town.root]);
  expect(diff.exitCode).toBe(1);
  expect(diff.stdout).toMatch(/~ restart server {2}\[needs restart\]/);
  expect(diff.stdout).toContain(`metrics.port: (none) → ${doltMetrics}`);
  expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);

  const text = await scrape(doltMetrics);
  expect(text).toMatch(/^dss_dolt_version \S+$/m);
  const idle = sample(text, 'dss_concurrent_connections');
  const held = await connectTo(town.port);
  try {
    expect(sample(await scrape(doltMetrics), 'dss_concurrent_connections')).toBe(idle + 1);
  } finally {
    await held.end();
  }
  expect((await runGt(['diff', '--town', town.root])).exitCode).toBe(0);
}, 120_000);

test("after a port change the server is found on its old SQL port, not on its metrics port", async () => {
  const daemonJson = townPaths(town.root).daemonJson;
  const config = JSON.parse(readFileSync(daemonJson, 'utf8')) as { env: Record<string, string> };
  const newPort = await freePort();
  writeFileSync(daemonJson, JSON.stringify({ ...config, env: { ...config.env, GT_DOLT_PORT: String(newPort) } }, null, 2));
  try {
    const diff = await runGt(['diff', '--town', town.root, '-o', 'json']);
    expect(diff.exitCode).toBe(1);
    const planned = JSON.parse(diff.stdout) as { actions: { id: string; code: string; before: Record<string, unknown> }[]; unmanaged: string[] };
    expect(planned.actions).toEqual([
      expect.objectContaining({ id: 'server', code: 'server-config-changed', before: expect.objectContaining({ 'listener.port': town.port }) }),
      // bd's metadata.json follows the town's port (Gas Town's files are converged after the server)
      expect.objectContaining({ id: 'file/.beads/metadata.json', before: { dolt_server_port: town.port }, after: { dolt_server_port: newPort } }),
    ]);
    expect(planned.unmanaged).not.toContain('dolt_cluster');
  } finally {
    writeFileSync(daemonJson, JSON.stringify(config, null, 2));
  }
}, 120_000);

test("gt's daemon serves its own metrics on the declared port: reconciles, actions, the last successful reconcile", async () => {
  daemon = await runDaemon(town.root, ['--resync-interval', '10m']);
  const text = await waitFor('the daemon metrics endpoint', async () => {
    const body = await scrape(daemonMetrics);
    return body.includes('gt_reconcile_duration_seconds_count') ? body : undefined;
  });
  expect(text).toMatch(/^gt_reconcile_duration_seconds_count\{result="converged"\} [1-9]\d*$/m);
  expect(text).toContain('# TYPE gt_actions_total counter');
  expect(text).toContain('# TYPE gt_server_restarts_total counter');
  expect(text).toContain('# TYPE gt_lifecycle_runs_total counter');
  expect(sample(text, 'gt_last_successful_reconcile_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 120);
  expect((await fetch(`http://127.0.0.1:${daemonMetrics}/other`)).status).toBe(404);
  expect(await daemon.stop()).toBe(0);
}, 120_000);
