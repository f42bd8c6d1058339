import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type RigSpec, type TestTown } from '../../helpers/town.js';
import { withoutBeadsNote } from '../../helpers/bd-stub.js';

/** An RFC 3339 time as Go's time.Time reads it (what town.json's created_at and rigs.json's added_at hold). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const RIGS: RigSpec[] = [
  { name: 'alpha', prefix: 'al', ignore: ['wisps'] },
  { name: 'bravo', prefix: 'br' },
  { name: 'charlie', prefix: 'ch' },
];

function read(town: TestTown, path: string): string {
  return readFileSync(join(town.root, path), 'utf8');
}

function json(town: TestTown, path: string): Record<string, unknown> {
  return JSON.parse(read(town, path)) as Record<string, unknown>;
}

function mode(town: TestTown, path: string): number {
  return statSync(join(town.root, path)).mode & 0o777;
}

function write(town: TestTown, path: string, text: string): void {
  mkdirSync(dirname(join(town.root, path)), { recursive: true });
  writeFileSync(join(town.root, path), text);
}

/** The port in daemon.json's env, as operators set it; gt apply then moves the server there. */
function setPort(town: TestTown, port: number): void {
  const path = join(town.root, 'mayor', 'daemon.json');
  const daemon = JSON.parse(readFileSync(path, 'utf8')) as { env: Record<string, string> };
  daemon.env.GT_DOLT_PORT = String(port);
  writeFileSync(path, `${JSON.stringify(daemon, null, 2)}\n`);
}

describe("gt apply writes Gas Town's files on a fresh town with three rigs", () => {
  let town: TestTown;

  beforeAll(async () => {
    town = await makeTown(RIGS);
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('mayor/town.json: type, version 2, the town directory\'s name and an RFC 3339 created_at, as Gas Town\'s install writes it', () => {
    const text = read(town, 'mayor/town.json');
    const town_ = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(town_)).toEqual(['type', 'version', 'name', 'created_at']);
    expect(town_).toMatchObject({ type: 'town', version: 2, name: town.root.split('/').at(-1) });
    expect(town_.created_at).toMatch(RFC3339);
    expect(text.startsWith('{\n  "type": "town",\n  "version": 2,\n')).toBe(true);
    expect(text.endsWith('\n}')).toBe(true); // Go's MarshalIndent: no trailing newline
    expect(mode(town, 'mayor/town.json')).toBe(0o600);
  });

  it('mayor/rigs.json: version 1 and an entry per rig with git_url, added_at and beads {repo, prefix}', () => {
    const rigs = json(town, 'mayor/rigs.json');
    expect(rigs.version).toBe(1);
    const entries = rigs.rigs as Record<string, Record<string, unknown>>;
    expect(Object.keys(entries)).toEqual(['alpha', 'bravo', 'charlie']);
    for (const rig of RIGS) {
      const entry = entries[rig.name] as Record<string, unknown>;
      expect(Object.keys(entry)).toEqual(['git_url', 'added_at', 'beads']);
      expect(entry).toMatchObject({ git_url: '', beads: { repo: 'local', prefix: rig.prefix } });
      expect(entry.added_at).toMatch(RFC3339);
    }
    expect(mode(town, 'mayor/rigs.json')).toBe(0o600);
  });

  it("each rig's directory and config.json: type rig, version 1, name, git_url, created_at, beads.prefix", () => {
    for (const rig of RIGS) {
      const config = json(town, `${rig.name}/config.json`);
      expect(Object.keys(config)).toEqual(['type', 'version', 'name', 'git_url', 'created_at', 'beads']);
      expect(config).toMatchObject({ type: 'rig', version: 1, name: rig.name, git_url: '', beads: { prefix: rig.prefix } });
      expect(config.created_at).toMatch(RFC3339);
      expect(mode(town, `${rig.name}/config.json`)).toBe(0o644);
    }
  });

  it(".beads/metadata.json for hq and every rig: EnsureMetadata's fields, sorted, with a trailing newline, mode 0600", () => {
    for (const [path, database] of [['.beads', 'hq'], ...RIGS.map((rig) => [`${rig.name}/.beads`, rig.name])] as const) {
      const text = read(town, `${path}/metadata.json`);
      expect(text).toBe(
        `${JSON.stringify(
          {
            backend: 'dolt',
            database: 'dolt',
            dolt_database: database,
            dolt_mode: 'server',
            dolt_server_host: '127.0.0.1',
            dolt_server_port: town.port,
          },
          null,
          2,
        )}\n`,
      );
      expect(mode(town, `${path}/metadata.json`)).toBe(0o600);
    }
  });

  it('.beads/routes.jsonl: hq-, hq-cv- and one route per rig, byte for byte as Gas Town writes them', () => {
    expect(read(town, '.beads/routes.jsonl')).toBe(
      [
        '{"prefix":"hq-","path":"."}',
        '{"prefix":"hq-cv-","path":"."}',
        '{"prefix":"al-","path":"alpha"}',
        '{"prefix":"br-","path":"bravo"}',
        '{"prefix":"ch-","path":"charlie"}',
        '',
      ].join('\n'),
    );
  });

  it('daemon/dolt-state.json lists every database the apply created, although the server started before them', () => {
    expect(json(town, 'daemon/dolt-state.json')).toMatchObject({ running: true, pid: town.serverPid(), port: town.port, databases: ['alpha', 'bravo', 'charlie', 'hq'] });
  });

  it('a second apply changes nothing, and gt diff exits 0', async () => {
    const before = new Map(['mayor/rigs.json', 'alpha/.beads/metadata.json', '.beads/routes.jsonl'].map((path) => [path, statSync(join(town.root, path)).mtimeMs]));
    const again = await runGt(['apply', '--town', town.root]);
    expect(again.exitCode).toBe(0);
    expect(withoutBeadsNote(again.stdout).trim()).toBe('No changes. The town matches its config.');
    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(0);
    for (const [path, mtime] of before) expect(statSync(join(town.root, path)).mtimeMs).toBe(mtime);
  });

  it("other rigs' entries, other routes and unknown fields survive every write; a changed prefix follows the manifest", async () => {
    const rigs = json(town, 'mayor/rigs.json') as { rigs: Record<string, unknown> } & Record<string, unknown>;
    rigs.x_gastown_next = { kept: true };
    rigs.rigs.legacy = { git_url: 'git@example.com:legacy.git', added_at: '2025-01-01T00:00:00Z', beads: { repo: '', prefix: 'lg' }, parked: { by: 'ops' } };
    write(town, 'mayor/rigs.json', JSON.stringify(rigs, null, 2));
    const metadata = read(town, 'alpha/.beads/metadata.json').replace('"backend": "dolt",', '"backend": "dolt",\n  "project_id": "bd-123",');
    write(town, 'alpha/.beads/metadata.json', metadata);
    write(town, '.beads/routes.jsonl', `# town routes\n${read(town, '.beads/routes.jsonl')}{"prefix":"lg-","path":"legacy/mayor/rig"}\n`);
    town.writeRig({ name: 'bravo', prefix: 'bx' });

    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('~ update  file/mayor/rigs.json');
    expect(result.stdout).toContain('rigs.bravo.beads.prefix: "br" → "bx"');

    const after = json(town, 'mayor/rigs.json') as { rigs: Record<string, { beads: { prefix: string } }> } & Record<string, unknown>;
    expect(after.x_gastown_next).toEqual({ kept: true });
    expect(after.rigs.legacy).toEqual(rigs.rigs.legacy);
    expect(after.rigs.bravo?.beads.prefix).toBe('bx');
    expect(json(town, 'bravo/config.json')).toMatchObject({ beads: { prefix: 'bx' } });
    expect(read(town, 'alpha/.beads/metadata.json')).toBe(metadata);
    expect(read(town, '.beads/routes.jsonl')).toBe(
      [
        '# town routes',
        '{"prefix":"hq-","path":"."}',
        '{"prefix":"hq-cv-","path":"."}',
        '{"prefix":"al-","path":"alpha"}',
        '{"prefix":"br-","path":"bravo"}',
        '{"prefix":"ch-","path":"charlie"}',
        '{"prefix":"lg-","path":"legacy/mayor/rig"}',
        '{"prefix":"bx-","path":"bravo"}',
        '',
      ].join('\n'),
    );
    expect(mode(town, 'mayor/rigs.json')).toBe(0o600);
    expect((await runGt(['diff', '--town', town.root])).exitCode).toBe(0);
  });

  it("a port change through gt: every port file of the town and every metadata.json say the new port after one apply", async () => {
    const oldPort = town.port;
    const portFiles = ['.beads/dolt-server.port', 'alpha/.beads/dolt-server.port', '.dolt-data/.beads/dolt-server.port', 'daemon/dolt.port', 'legacy/.beads/dolt-server.port'];
    for (const path of portFiles) write(town, path, String(oldPort));
    write(town, 'legacy/.beads/metadata.json', `{"dolt_database":"legacy","dolt_server_port":${oldPort}}`);
    const newPort = oldPort + 1;
    setPort(town, newPort);

    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(0);
    for (const path of portFiles) expect({ path, port: read(town, path) }).toEqual({ path, port: String(newPort) });
    for (const path of ['.beads', 'alpha/.beads', 'bravo/.beads', 'charlie/.beads', 'legacy/.beads']) {
      expect({ path, port: json(town, `${path}/metadata.json`).dolt_server_port }).toEqual({ path, port: newPort });
    }
    // gt creates no port file bd did not write
    expect(existsSync(join(town.root, 'bravo', '.beads', 'dolt-server.port'))).toBe(false);
    expect(json(town, 'daemon/dolt-state.json')).toMatchObject({ port: newPort, databases: ['alpha', 'bravo', 'charlie', 'hq'] });
    expect((await runGt(['diff', '--town', town.root])).exitCode).toBe(0);
  });

  it("dolt-state.json's databases follow a create and a drop on the running server", async () => {
    town.writeRig({ name: 'delta', prefix: 'de' });
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    expect(json(town, 'daemon/dolt-state.json').databases).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'hq']);
    expect(json(town, 'delta/config.json')).toMatchObject({ name: 'delta', beads: { prefix: 'de' } });

    town.writeRig({ name: 'delta', prefix: 'de', ensure: 'absent' });
    const dropped = await runGt(['apply', '--town', town.root, '--prune']);
    expect(dropped.exitCode).toBe(0);
    expect(json(town, 'daemon/dolt-state.json').databases).toEqual(['alpha', 'bravo', 'charlie', 'hq']);
    // the dropped rig's registry entry and files are Gas Town's history: kept
    expect(json(town, 'delta/config.json')).toMatchObject({ name: 'delta' });
  });
});

describe("a Gas Town file gt cannot read: diff and apply exit 2 with file:line:col, and nothing is written", () => {
  let town: TestTown;
  const files = {
    'mayor/rigs.json': '{\n  "version": 1,\n  "rigs": {\n    "alpha": {"git_url": ""},\n  }\n}',
    '.beads/routes.jsonl': '{"prefix":"hq-","path":"."}\n{"prefix":"al-","path":alpha}\n',
    'alpha/.beads/dolt-server.port': 'not a port\n',
  };

  beforeAll(async () => {
    town = await makeTown([{ name: 'alpha', prefix: 'al' }]);
    for (const [path, text] of Object.entries(files)) write(town, path, text);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  /** Every file of the town as it is now, by path (nothing gt could have written is missed). */
  function snapshot(): Map<string, string> {
    const found = new Map<string, string>();
    for (const path of ['mayor/daemon.json', 'mayor/town.json', ...Object.keys(files), 'alpha/config.json', '.beads/metadata.json']) {
      found.set(path, existsSync(join(town.root, path)) ? read(town, path) : '(absent)');
    }
    return found;
  }

  it('each broken file is named at its line and column; diff and apply exit 2; the files stay byte-identical', async () => {
    const before = snapshot();
    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(2);
    expect(diff.stderr).toMatch(/mayor\/rigs\.json:4:29: error GT-E018: trailing comma; rigs\.json must be strict JSON/);
    expect(diff.stderr).toMatch(/\.beads\/routes\.jsonl:2:24: error GT-E018: unexpected character "a"/);
    expect(diff.stderr).toMatch(/alpha\/\.beads\/dolt-server\.port:1:1: error GT-E018: holds "not a port\\n", not a port number/);

    const apply = await runGt(['apply', '--town', town.root]);
    expect(apply.exitCode).toBe(2);
    expect(apply.stderr).toContain('error GT-E018');
    expect(snapshot()).toEqual(before);
    // not even the server was started: the whole plan waits for the file
    expect(town.serverPid()).toBeNull();
  });

  it("gt dolt start still starts the server: a Gas Town file gt cannot read must not keep the town's server down", async () => {
    const before = snapshot();
    const started = await runGt(['dolt', 'start', '--town', town.root]);
    expect(started.exitCode).toBe(0);
    expect(started.stdout).toContain('✓ Dolt server started');
    expect(town.serverPid()).not.toBeNull();
    expect(snapshot()).toEqual(before);
  });

  it('valid JSON of a shape Gas Town cannot decode (rigs is an array) is GT-E019, and is never rewritten', async () => {
    write(town, 'mayor/rigs.json', '{\n  "version": 1,\n  "rigs": ["alpha"]\n}');
    write(town, '.beads/routes.jsonl', '{"prefix":"hq-","path":"."}\n["al-", "alpha"]\n');
    write(town, 'alpha/.beads/dolt-server.port', String(town.port)); // a valid one this time
    const before = snapshot();
    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(2);
    expect(diff.stderr).toMatch(/mayor\/rigs\.json:3:11: error GT-E019: rigs must be an object of rig entries by name/);
    expect(diff.stderr).toMatch(/\.beads\/routes\.jsonl:2:1: error GT-E019: a route line must be a JSON object/);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(2);
    expect(snapshot()).toEqual(before);
  });

  it('once fixed, apply converges and keeps what the operator wrote', async () => {
    write(town, 'mayor/rigs.json', '{\n  "version": 1,\n  "rigs": {}\n}');
    write(town, '.beads/routes.jsonl', '# mine\n{"prefix":"hq-","path":"."}\n');
    const apply = await runGt(['apply', '--town', town.root]);
    expect(apply.exitCode).toBe(0);
    expect(read(town, '.beads/routes.jsonl')).toBe('# mine\n{"prefix":"hq-","path":"."}\n{"prefix":"hq-cv-","path":"."}\n{"prefix":"al-","path":"alpha"}\n');
    expect(read(town, 'mayor/rigs.json')).toMatch(/^\{\n  "version": 1,\n  "rigs": \{\n    "alpha": \{\n      "git_url": "",/);
  });
});
