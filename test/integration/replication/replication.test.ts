import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDesiredState } from '../../../src/config/load.js';
import { isProcessAlive } from '../../../src/lib/process.js';
import { observe } from '../../../src/observe/observe.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { freePort } from '../../helpers/dolt-server.js';
import { runGt, type GtResult } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { startWriter } from '../../helpers/writer.js';

/**
 * Two towns on loopback, each with its own server: a primary and its standby, converged by gt from their Town
 * manifests (Dolt's direct-to-standby replication), then a planned failover with gt dolt failover.
 */

interface ClusterTown {
  town: TestTown;
  remotesapi: number;
  metrics: number;
}

let a: ClusterTown;
let b: ClusterTown;

function townManifest(self: ClusterTown, role: 'primary' | 'standby', peerName: string, peer: ClusterTown): string {
  return [
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Town',
    'spec:',
    '  ignore: ["wisps"]',
    '  server:',
    `    metrics: { host: 127.0.0.1, port: ${self.metrics} }`,
    '  replication:',
    `    role: ${role}`,
    `    remotesapi: { host: 127.0.0.1, port: ${self.remotesapi} }`,
    '    peers:',
    `      - name: ${peerName}`,
    `        remotesapi: http://127.0.0.1:${peer.remotesapi}`,
    `        sql: { host: 127.0.0.1, port: ${peer.town.port} }`,
    '',
  ].join('\n');
}

async function clusterTown(): Promise<ClusterTown> {
  const town = await makeTown([{ name: 'wyvern', prefix: 'wy', ignore: ['wisps'] }]);
  return { town, remotesapi: await freePort(), metrics: await freePort() };
}

const gt = (cluster: ClusterTown, args: string[]): Promise<GtResult> => runGt([...args, '--town', cluster.town.root]);

/** Polls `probe` until it returns a value or `deadlineMs` passes (then fails with what it last saw). */
async function within<T>(deadlineMs: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms (${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function ids(cluster: ClusterTown, table: string): Promise<Set<number>> {
  return new Set((await cluster.town.query<{ id: number }>(`SELECT id FROM \`${table}\``, 'wyvern')).map((row) => Number(row.id)));
}

async function commitRow(cluster: ClusterTown, id: number): Promise<void> {
  await cluster.town.run(['BEGIN', `INSERT INTO probe VALUES (${id})`, `CALL DOLT_COMMIT('-Am', 'probe ${id}')`, 'COMMIT'], 'wyvern');
}

beforeAll(async () => {
  [a, b] = [await clusterTown(), await clusterTown()];
  writeFileSync(join(townPaths(a.town.root).rigsDir, 'town.yaml'), townManifest(a, 'primary', 'b', b));
  writeFileSync(join(townPaths(b.town.root).rigsDir, 'town.yaml'), townManifest(b, 'standby', 'a', a));
}, 120_000);

afterAll(async () => {
  const pids = [a?.town.serverPid(), b?.town.serverPid()];
  await a?.town.stopServer();
  await b?.town.stopServer();
  for (const pid of pids) expect(pid === null || pid === undefined || !isProcessAlive(pid)).toBe(true);
});

test('the standby starts and waits for the primary: gt writes no database there', async () => {
  const applied = await gt(b, ['apply']);
  expect(applied.exitCode).toBe(1);
  expect(applied.stdout).toMatch(/database\/hq.*\n.*this server is a cluster standby \(epoch 1, role from the server\), read-only: the primary creates it/);
  expect(await b.town.query('SHOW DATABASES')).not.toContainEqual({ Database: 'hq' });
  const own = JSON.parse((await gt(b, ['status', '-o', 'json'])).stdout) as { replication: { role: string; epoch: number } };
  expect(own.replication).toMatchObject({ role: 'standby', epoch: 1 });
}, 120_000);

test('the primary converges; its databases and ignore patterns replicate, and gt diff on the standby exits 0', async () => {
  const applied = await gt(a, ['apply']);
  expect(applied.exitCode).toBe(0);
  await a.town.run(['CREATE TABLE probe (id INT PRIMARY KEY)', "CALL DOLT_COMMIT('-Am', 'probe table')"], 'wyvern');
  await within(30_000, 'the standby has hq, wyvern and its ignore pattern', async () => {
    const ignored = await b.town.query<{ pattern: string }>('SELECT pattern FROM dolt_ignore', 'wyvern');
    const tables = await b.town.query('SHOW TABLES', 'wyvern');
    return ignored.length === 1 && tables.length > 0 ? true : undefined;
  });
  // what replicated is no drift; only the standby's own record of its databases (Gas Town's dolt-state.json) follows
  const replicated = JSON.parse((await gt(b, ['diff', '-o', 'json'])).stdout) as { actions: { id: string }[]; blocked: unknown[] };
  expect({ actions: replicated.actions.map((action) => action.id), blocked: replicated.blocked }).toEqual({ actions: ['file/daemon/dolt-state.json'], blocked: [] });
  expect((await gt(b, ['apply'])).exitCode).toBe(0);
  const diff = await gt(b, ['diff']);
  expect(diff.exitCode).toBe(0);
  expect(diff.stdout).toContain('this server is a cluster standby');
  expect((await gt(a, ['diff'])).exitCode).toBe(0);
}, 120_000);

test("observing a replicated town costs one statement more than the same town without replication: the cluster's status", async () => {
  const { desired } = loadDesiredState({ town: a.town.root, files: [], env: process.env, cwd: a.town.root });
  const { result, statements } = await countStatements(a.town.port, () => observe(desired));
  expect(result.cluster).toMatchObject({ state: 'observed', role: 'primary', epoch: 1 });
  const plain = await countStatements(a.town.port, () => observe({ ...desired, server: { ...desired.server, cluster: null } }));
  expect(plain.result.cluster).toBeNull();
  // without replication: the probe, the remotes and the root hashes (nothing moved since the town converged)
  expect({ replicated: statements, plain: plain.statements }).toEqual({ replicated: 4, plain: 3 });
});

test('a row committed on the primary is visible on the standby within 1 s; a write on the standby fails as read-only', async () => {
  await commitRow(a, 1);
  await within(1000, 'row 1 on the standby', async () => ((await ids(b, 'probe')).has(1) ? true : undefined));
  await expect(commitRow(b, 2)).rejects.toThrow(/read.only/i);
});

test("Dolt's metrics endpoint serves dss_* metrics, and gt status shows the role, the peer's lag and the connections", async () => {
  const response = await fetch(`http://127.0.0.1:${a.metrics}/metrics`);
  const text = await response.text();
  expect(text).toMatch(/^dss_concurrent_connections \d+$/m);
  expect(text).toMatch(/^dss_dolt_version /m);
  const status = JSON.parse((await gt(a, ['status', '-o', 'json'])).stdout) as {
    replication: { role: string; epoch: number; peers: { name: string; lagMillis: number | null; lastError: unknown; databases: unknown[] }[] };
    connections: { used: number; max: number };
  };
  expect(status.replication).toMatchObject({ role: 'primary', epoch: 1, peers: [{ name: 'b', lastError: null }] });
  expect(status.replication.peers[0]?.databases.length).toBeGreaterThanOrEqual(2);
  expect(status.connections).toMatchObject({ used: expect.any(Number), max: 1000 });
  const text2 = (await gt(a, ['dolt', 'status'])).stdout;
  expect(text2).toMatch(/Replication: primary, epoch 1 \(from the server\)\n {4}b {2}http:\/\/127\.0\.0\.1:\d+ {2}lag \d+ ms, \d+ databases, no error/);
  expect(text2).toMatch(/Connections: +\d+ \/ 1000 \(\d+%\), from the metrics endpoint/);
  for (const command of [['dolt', 'list', '-o', 'json'], ['diff', '-o', 'json']]) {
    expect((await gt(b, command)).stdout).not.toContain('dolt_cluster');
  }
});

test('gt dolt failover --to the standby swaps the roles; nothing committed before is lost, and writes replicate back', async () => {
  const writer = await startWriter({ port: a.town.port, database: 'wyvern', table: 'agent_rows' });
  await writer.committedMore(40);
  const report = await writer.stop();
  expect(report.errors).toEqual([]);

  const failover = await gt(a, ['dolt', 'failover', '--to', 'b']);
  expect(failover.stderr).not.toContain('gt: ');
  expect(failover.exitCode).toBe(0);
  expect(failover.stdout).toMatch(/✓ demote: this server is standby at epoch 2; every peer had caught up/);
  expect(failover.stdout).toMatch(/✓ promote: b \(127\.0\.0\.1:\d+\) is primary at epoch 2/);
  expect(failover.stdout).toMatch(/✓ caught-up: b is primary at epoch 2; its replication is caught up \(no error, \d+ database replicas at lag 0 or replicating\)/);

  const onB = await ids(b, 'agent_rows');
  expect(report.committed.filter((id) => !onB.has(id))).toEqual([]);
  expect((await ids(b, 'probe')).has(1)).toBe(true);
  await commitRow(b, 3);
  await within(5000, 'row 3 back on a', async () => ((await ids(a, 'probe')).has(3) ? true : undefined));
  await expect(commitRow(a, 4)).rejects.toThrow(/read.only/i);
  const onA = await ids(a, 'agent_rows');
  expect(report.committed.filter((id) => !onA.has(id))).toEqual([]);

  for (const town of [a, b]) {
    const diff = await gt(town, ['diff']);
    expect([town === a ? 'a' : 'b', diff.exitCode]).toEqual([town === a ? 'a' : 'b', 0]);
  }
  const roles = await Promise.all([a, b].map(async (town) => JSON.parse((await gt(town, ['status', '-o', 'json'])).stdout).replication));
  expect(roles).toEqual([
    expect.objectContaining({ role: 'standby', epoch: 2, bootstrapRole: 'primary' }),
    expect.objectContaining({ role: 'primary', epoch: 2, bootstrapRole: 'standby' }),
  ]);
}, 120_000);

test('a failover refuses from a standby, and to a peer that does not answer (even with --force)', async () => {
  const fromStandby = await gt(a, ['dolt', 'failover', '--to', 'b']);
  expect(fromStandby.exitCode).toBe(2);
  expect(fromStandby.stderr).toContain("failover refused: this town's server is standby at epoch 2, not the primary");

  await a.town.stopServer();
  const toDown = await gt(b, ['dolt', 'failover', '--to', 'a', '--force']);
  expect(toDown.exitCode).toBe(2);
  expect(toDown.stderr).toContain("failover refused: a's SQL server does not answer");
  const [role] = await b.town.query<{ role: string }>('SELECT @@dolt_cluster_role AS role');
  expect(role).toEqual({ role: 'primary' });
}, 120_000);
