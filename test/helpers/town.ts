import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { isProcessAlive, terminateProcess } from '../../src/lib/process.js';
import { connectTo, freePort, queryOn, runOn } from './dolt-server.js';
import { makeTempDir } from './env.js';
import { townPaths } from '../../src/lib/town-layout.js';

export interface RigSpec {
  name: string;
  prefix?: string;
  database?: string;
  ensure?: 'present' | 'absent';
  protect?: boolean;
  remotes?: { name: string; url: string }[];
  ignore?: string[];
}

export interface TestTown {
  root: string;
  port: number;
  /** A file:// remote URL inside the town's temp dir (Dolt creates the directory on add). */
  remoteUrl(name: string): string;
  writeRig(rig: RigSpec, file?: string): void;
  /** A connection to the town's server (started by gt). */
  connect(database?: string): Promise<mysql.Connection>;
  query<T = mysql.RowDataPacket>(sql: string, database?: string): Promise<T[]>;
  /** Runs the statements in order in one session on the town's server. */
  run(statements: readonly string[], database?: string): Promise<void>;
  /** The pid in daemon/dolt.pid, or null. */
  serverPid(): number | null;
  /** Stops the server gt started for this town, by the pid gt recorded (teardown). */
  stopServer(): Promise<void>;
}

/** The beads prefix of a rig the helpers declare: its own, else the first letters of its name. */
export function prefixOf(rig: RigSpec): string {
  return rig.prefix ?? rig.name.replace(/_/g, '').slice(0, 3);
}

export function rigYaml(rig: RigSpec): string {
  const lines = [
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Rig',
    'metadata:',
    `  name: ${rig.name}`,
    'spec:',
    `  prefix: ${prefixOf(rig)}`,
  ];
  if (rig.database) lines.push(`  database: ${rig.database}`);
  if (rig.ensure) lines.push(`  ensure: ${rig.ensure}`);
  if (rig.protect !== undefined) lines.push(`  protect: ${rig.protect}`);
  if (rig.remotes) {
    lines.push(rig.remotes.length === 0 ? '  remotes: []' : '  remotes:');
    for (const remote of rig.remotes) lines.push(`    - name: ${remote.name}`, `      url: ${JSON.stringify(remote.url)}`);
  }
  if (rig.ignore) lines.push(`  ignore: ${JSON.stringify(rig.ignore)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A town in a temp dir whose server runs on a free port (set through daemon.json env.GT_DOLT_PORT, as operators
 * do), with the given rigs declared under mayor/rigs.d/.
 */
export async function makeTown(rigs: RigSpec[] = [], options: { port?: number; daemon?: Record<string, unknown> } = {}): Promise<TestTown> {
  const root = makeTempDir('town');
  const port = options.port ?? (await freePort());
  const paths = townPaths(root);
  mkdirSync(paths.rigsDir, { recursive: true });
  const daemon = options.daemon ?? { type: 'daemon-patrol-config', version: 1, env: { GT_DOLT_PORT: String(port) } };
  writeFileSync(paths.daemonJson, `${JSON.stringify(daemon, null, 2)}\n`);
  const town: TestTown = {
    root,
    port,
    remoteUrl: (name) => `file://${join(root, 'remotes', name)}`,
    writeRig(rig, file = `${rig.name}.yaml`) {
      writeFileSync(join(paths.rigsDir, file), rigYaml(rig));
    },
    connect: (database) => connectTo(port, database),
    query: (sql, database) => queryOn(port, sql, database),
    run: (statements, database) => runOn(port, statements, database),
    serverPid() {
      try {
        const pid = Number(readFileSync(paths.doltPid, 'utf8').trim().split('\n')[0]);
        return Number.isInteger(pid) && pid > 0 ? pid : null;
      } catch {
        return null;
      }
    },
    async stopServer() {
      const pid = town.serverPid();
      if (pid !== null && isProcessAlive(pid)) await terminateProcess(pid, 10_000);
    },
  };
  for (const rig of rigs) town.writeRig(rig);
  return town;
}

/**
 * Gas Town's registry and beads files for these rigs as Gas Town's own tools write them (`gt install`, `gt rig add`,
 * EnsureMetadata; Go's time format, `repo: ""`, a default branch): a town converged without gt. The server state file
 * (written by the server start) gets the databases on disk, as a restart would record them.
 */
export function writeGasTownFiles(town: TestTown, rigs: readonly RigSpec[], databases: readonly string[]): void {
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(town.root, path)), { recursive: true });
    writeFileSync(join(town.root, path), text, { mode: 0o600 });
  };
  const goJson = (value: unknown) => JSON.stringify(value, null, 2);
  const at = '2026-04-30T09:02:38.123456789-04:00';
  const metadata = (database: string) =>
    `${goJson({ backend: 'dolt', database: 'dolt', dolt_database: database, dolt_mode: 'server', dolt_server_host: '127.0.0.1', dolt_server_port: town.port })}\n`;
  file('mayor/town.json', goJson({ type: 'town', version: 2, name: 'gas', owner: 'mayor@example.com', public_name: 'gas', created_at: at }));
  const entries = [...rigs].sort((a, b) => a.name.localeCompare(b.name)).map((rig) => [rig.name, { git_url: `https://example.com/${rig.name}.git`, added_at: at, beads: { repo: '', prefix: prefixOf(rig) } }]);
  file('mayor/rigs.json', goJson({ version: 1, rigs: Object.fromEntries(entries) }));
  file('.beads/metadata.json', metadata('hq'));
  const routes = ['{"prefix":"hq-","path":"."}', '{"prefix":"hq-cv-","path":"."}'];
  for (const rig of rigs) {
    const config = { type: 'rig', version: 1, name: rig.name, git_url: `https://example.com/${rig.name}.git`, default_branch: 'main', created_at: at, beads: { prefix: prefixOf(rig) } };
    file(`${rig.name}/config.json`, goJson(config));
    file(`${rig.name}/.beads/metadata.json`, metadata(rig.database ?? rig.name));
    routes.push(`{"prefix":"${prefixOf(rig)}-","path":"${rig.name}"}`);
  }
  file('.beads/routes.jsonl', `${routes.join('\n')}\n`);
  const statePath = townPaths(town.root).doltState;
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
  writeFileSync(statePath, `${goJson({ ...state, databases: [...databases].sort() })}\n`);
}
