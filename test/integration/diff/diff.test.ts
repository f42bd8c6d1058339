import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../../src/apply/server-control.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { freePort } from '../../helpers/dolt-server.js';
import { makeTempDir } from '../../helpers/env.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, writeGasTownFiles, type TestTown } from '../../helpers/town.js';

interface PlanJson {
  actions: { id: string; kind: string; verb: string; code: string }[];
  errors: { code: string }[];
}

async function diffJson(town: TestTown): Promise<{ exitCode: number; plan: PlanJson }> {
  const result = await runGt(['diff', '--town', town.root, '-o', 'json']);
  return { exitCode: result.exitCode, plan: JSON.parse(result.stdout) as PlanJson };
}

const RIGS = ['wyvern', 'gryphon', 'sky'];

describe('gt diff against a 3-rig town converged by hand through SQL', () => {
  let town: TestTown;

  beforeAll(async () => {
    const port = await freePort();
    // daemon.json already complete: the port, and every lifecycle default present.
    town = await makeTown([], { port, daemon: { ...defaultDaemonConfig(), env: { GT_DOLT_PORT: String(port) } } });
    for (const name of RIGS) {
      town.writeRig({ name, remotes: [{ name: 'origin', url: town.remoteUrl(name) }], ignore: ['wisps', 'wisp_*'] });
    }
    writeFileSync(
      join(town.root, 'mayor', 'rigs.d', 'town.yaml'),
      [
        'apiVersion: gastown.dev/v1alpha1',
        'kind: Town',
        'metadata:',
        '  name: diff-town',
        'spec:',
        '  remotes:',
        '    - name: origin',
        `      url: ${JSON.stringify(town.remoteUrl('hq'))}`,
        '  ignore: ["wisps", "wisp_*"]',
        '',
      ].join('\n'),
    );
    // Converge by hand: only the server from gt (which creates no database), then every database, hq included, over
    // plain SQL.
    const started = await runGt(['dolt', 'start', '--town', town.root]);
    expect(started.exitCode).toBe(0);
    expect(await town.query('SHOW DATABASES')).not.toContainEqual({ Database: 'hq' });
    await town.run(
      ['hq', ...RIGS].flatMap((name) => [
        `CREATE DATABASE ${name}`,
        `USE ${name}`,
        `CALL DOLT_REMOTE('add', 'origin', '${town.remoteUrl(name)}')`,
        "INSERT INTO dolt_ignore VALUES ('wisps', 1), ('wisp_*', 1)",
        "CALL DOLT_COMMIT('-Am', 'ignore wisps')",
      ]),
    );
    // and Gas Town's files, as Gas Town's own tools write them
    writeGasTownFiles(town, RIGS.map((name) => ({ name })), ['hq', ...RIGS]);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('exits 0 and plans nothing', async () => {
    const result = await runGt(['diff', '--town', town.root]);
    expect(result.stdout).toContain('No changes. The town matches its config.');
    expect(result.exitCode).toBe(0);
  });

  it('a comment added to config.yaml changes nothing, and a diff whose files were parsed before loads no YAML parser', async () => {
    const dir = makeTempDir('requires');
    const hook = join(dir, 'record-requires.cjs');
    const out = join(dir, 'requires.txt');
    writeFileSync(
      hook,
      [
        "const Module = require('node:module');",
        'const seen = new Set();',
        'const load = Module._load;',
        'Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };',
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, [...seen].join('\\n')));`,
      ].join('\n'),
    );
    appendFileSync(join(town.root, '.dolt-data', 'config.yaml'), '# checked by hand\n');
    const diff = () => runGt(['diff', '--town', town.root], { env: { NODE_OPTIONS: `--require ${hook}` } });
    expect((await diff()).exitCode).toBe(0); // parses the edited config.yaml once, into the parse cache
    expect(readFileSync(out, 'utf8').split('\n')).toContain('yaml');
    const again = await diff();
    expect(again.stdout).toContain('No changes. The town matches its config.');
    expect(again.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')).not.toContain('yaml');
  });

  it('a dropped remote: exit 1 and exactly a remote create', async () => {
    await town.query("CALL DOLT_REMOTE('remove', 'origin')", 'wyvern');
    const { exitCode, plan } = await diffJson(town);
    expect(exitCode).toBe(1);
    expect(plan.actions.map((a) => `${a.verb} ${a.id}`)).toEqual(['create remote/wyvern/origin']);
    await town.query(`CALL DOLT_REMOTE('add', 'origin', '${town.remoteUrl('wyvern')}')`, 'wyvern');
  });

  it('an added remote: exit 1 and exactly a remote delete', async () => {
    await town.query(`CALL DOLT_REMOTE('add', 'stray', '${town.remoteUrl('stray')}')`, 'gryphon');
    const { exitCode, plan } = await diffJson(town);
    expect(exitCode).toBe(1);
    expect(plan.actions.map((a) => `${a.verb} ${a.id}`)).toEqual(['delete remote/gryphon/stray']);
    await town.query("CALL DOLT_REMOTE('remove', 'stray')", 'gryphon');
  });

  it('a changed URL: exit 1 and exactly a remote update', async () => {
    await town.query("CALL DOLT_REMOTE('remove', 'origin')", 'sky');
    await town.query(`CALL DOLT_REMOTE('add', 'origin', '${town.remoteUrl('elsewhere')}')`, 'sky');
    const { exitCode, plan } = await diffJson(town);
    expect(exitCode).toBe(1);
    expect(plan.actions.map((a) => `${a.verb} ${a.id}`)).toEqual(['update remote/sky/origin']);
    await town.query("CALL DOLT_REMOTE('remove', 'origin')", 'sky');
    await town.query(`CALL DOLT_REMOTE('add', 'origin', '${town.remoteUrl('sky')}')`, 'sky');
  });

  it('a removed ignore row: exit 1 and exactly an ignore create', async () => {
    const connection = await town.connect('wyvern');
    try {
      await connection.query("DELETE FROM dolt_ignore WHERE pattern = 'wisp_*'");
      const { exitCode, plan } = await diffJson(town);
      expect(exitCode).toBe(1);
      expect(plan.actions.map((a) => `${a.verb} ${a.id}`)).toEqual(['create ignore/wyvern/wisp_*']);
      await connection.query("INSERT INTO dolt_ignore VALUES ('wisp_*', 1)");
    } finally {
      await connection.end();
    }
    expect((await diffJson(town)).exitCode).toBe(0);
  });

  it('a declared ignore row only in the working set (never committed) is drift: exit 1 and an ignore create', async () => {
    await town.run(["DELETE FROM dolt_ignore WHERE pattern = 'wisps'", "CALL DOLT_COMMIT('-am', 'drop wisps')"], 'gryphon');
    await town.run(["INSERT INTO dolt_ignore VALUES ('wisps', 1)"], 'gryphon');
    expect(await town.query("SELECT pattern FROM dolt_ignore WHERE pattern = 'wisps'", 'gryphon')).toEqual([{ pattern: 'wisps' }]);
    const { exitCode, plan } = await diffJson(town);
    expect(exitCode).toBe(1);
    expect(plan.actions.map((a) => `${a.verb} ${a.id}`)).toEqual(['create ignore/gryphon/wisps']);
    await town.query("CALL DOLT_COMMIT('-am', 'ignore wisps again')", 'gryphon');
    expect((await diffJson(town)).exitCode).toBe(0);
  });

  it('a stopped server: exit 1 and a server start, with everything else still readable from the files', async () => {
    await town.stopServer();
    try {
      const { exitCode, plan } = await diffJson(town);
      expect(exitCode).toBe(1);
      expect(plan.actions.map((a) => `${a.verb} ${a.id}`)).toEqual(['start server']);
    } finally {
      const { desired } = loadDesiredState({ town: town.root, files: [], env: process.env, cwd: process.cwd() });
      await startServer(desired.townRoot, desired.server, { databaseCount: desired.databases.length });
    }
    expect((await diffJson(town)).exitCode).toBe(0);
  });

  it('explains which source won each server setting', async () => {
    const result = await runGt(['diff', '--town', town.root, '--explain']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/port\s+\d+\s+.*daemon\.json.*GT_DOLT_PORT/);
  });
});

describe('gt diff with bad input', () => {
  it('exits 2, names file and line, and changes nothing', async () => {
    const town = await makeTown();
    town.writeRig({ name: 'hq' });
    const result = await runGt(['diff', '--town', town.root]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/mayor\/rigs\.d\/hq\.yaml:\d+:\d+/);
    expect(town.serverPid()).toBeNull();
  });
});
