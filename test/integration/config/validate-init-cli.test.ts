import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIFECYCLE_DEFAULTS } from '../../../src/config/lifecycle.js';
import { makeTempDir } from '../../helpers/env.js';
import { runGt, type GtResult } from '../../helpers/gt.js';
import { runGtInProcess } from '../../faults/support/in-process-gt.js';
import { FIXTURES, INVALID_CASES, type InvalidCase } from '../../unit/config/invalid-cases.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A sample of the invalid inputs run as whole processes: JSON and YAML syntax, a -f directory, a semantic check. */
const PROCESS_SAMPLE = ['daemon.json: trailing-comma', 'manifest: yaml-syntax.yaml', 'manifest: duplicate-name', 'manifest: test-database-on-3307.yaml'];

/** Exit 1, the one error at `shownFile`:line:col with its code and message, then the summary line and nothing else. */
function expectRefused(result: GtResult, shownFile: string, { code, line, says }: InvalidCase): void {
  expect(result.exitCode).toBe(1);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(new RegExp(`^${escape(shownFile)}:${line}:\\d+: error ${code}: `));
  expect(lines[0]).toContain(says);
  expect(lines[1]).toBe('the config is invalid: 1 error, 0 warnings');
}

describe('gt validate', () => {
  it('exits 0 on examples/town and says it is valid', async () => {
    const result = await runGt(['validate', '--town', 'examples/town'], { cwd: REPO });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(
      'examples/town is valid (databases: hq, gastown, longeye, wyvern): 0 errors, 0 warnings',
    );
  });

  it('finds the town from GT_TOWN_ROOT and from the current directory', async () => {
    expect((await runGt(['validate'], { cwd: REPO, env: { GT_TOWN_ROOT: 'examples/town' } })).exitCode).toBe(0);
    expect((await runGt(['validate'], { cwd: join(REPO, 'examples', 'town', 'mayor', 'rigs.d') })).exitCode).toBe(0);
  });

  it('the process sample names real invalid cases', () => {
    expect(INVALID_CASES.filter((c) => PROCESS_SAMPLE.includes(c.name))).toHaveLength(PROCESS_SAMPLE.length);
  });

  // as whole processes, paths relative to their working directory
  it.concurrent.each(INVALID_CASES.filter((c) => PROCESS_SAMPLE.includes(c.name)))(
    'exits 1 on $name with file:line:col, code and message (gt process)',
    async (invalid) => {
      const { town, files, file } = invalid;
      const result = await runGt(['validate', '--town', town, ...files.flatMap((f) => ['-f', f])], { cwd: FIXTURES });
      expectRefused(result, file, invalid);
    },
  );

  // every case through the same CLI program in this process (no new Node per case), paths absolute
  it.each(INVALID_CASES)('exits 1 on $name with file:line:col, code and message', async (invalid) => {
    const { town, files, file } = invalid;
    const result = await runGtInProcess(['validate', '--town', join(FIXTURES, town), ...files.flatMap((f) => ['-f', join(FIXTURES, f)])]);
    expect(result.thrown).toBeNull();
    expectRefused(result, relative(process.cwd(), join(FIXTURES, file)), invalid);
  });

  it('prints the diagnostics as JSON with -o json', async () => {
    const result = await runGt(['validate', '--town', 'daemon/duration-in-days', '-o', 'json'], { cwd: FIXTURES });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      errors: number;
      diagnostics: Record<string, unknown>[];
    };
    expect(report).toMatchObject({ valid: false, errors: 1, warnings: 0 });
    expect(report.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'GT-E025',
        message: expect.stringContaining('"7d"'),
        file: join(FIXTURES, 'daemon/duration-in-days/mayor/daemon.json'),
        line: 5,
        column: 21,
      },
    ]);
  });

  it('prints warnings but exits 0 when there are no errors', async () => {
    const town = makeTempDir('validate-warn');
    mkdirSync(join(town, 'mayor'));
    writeFileSync(join(town, 'mayor', 'daemon.json'), '{"patrols": {"jsonl_git_backup": {"enabled": true}}}');
    const result = await runGt(['validate', '--town', town]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      `${join(town, 'mayor', 'daemon.json')}:1:35: warning GT-W061: patrols.jsonl_git_backup is enabled but has no databases`,
    );
    expect(result.stdout).toContain('is valid (databases: hq): 0 errors, 1 warning');
  });

  it('exits 1 with GT-E001 outside any town', async () => {
    const result = await runGt(['validate'], { cwd: makeTempDir('no-town') });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('error GT-E001: no town found');
  });
});

describe('gt init', () => {
  it('scaffolds daemon.json (lifecycle defaults and dolt_server) and an example rig that validate', async () => {
    const parent = makeTempDir('init');
    const result = await runGt(['init', 'town'], { cwd: parent });
    expect(result.exitCode).toBe(0);
    const root = join(parent, 'town');
    const daemonPath = join(root, 'mayor', 'daemon.json');
    const rigPath = join(root, 'mayor', 'rigs.d', 'example.yaml');
    expect(result.stdout).toContain(`created ${daemonPath}\ncreated ${rigPath}\n`);
    const daemon = JSON.parse(readFileSync(daemonPath, 'utf8')) as {
      type: string;
      version: number;
      patrols: Record<string, unknown>;
    };
    expect(daemon.type).toBe('daemon-patrol-config');
    expect(daemon.version).toBe(1);
    // the lifecycle defaults, made effective: dolt_backup runs only on macOS, the backups and compactor name databases
    expect(daemon.patrols).toMatchObject({
      ...LIFECYCLE_DEFAULTS,
      dolt_backup: { ...LIFECYCLE_DEFAULTS.dolt_backup, enabled: process.platform === 'darwin' },
      jsonl_git_backup: { ...LIFECYCLE_DEFAULTS.jsonl_git_backup, databases: ['hq'] },
      compactor_dog: { ...LIFECYCLE_DEFAULTS.compactor_dog, databases: ['hq', 'example'] },
      // gt supervises the server: Gas Town's daemon must not (gt apply would turn it off)
      dolt_server: { enabled: false, data_dir: join(root, '.dolt-data') },
    });
    expect(statSync(daemonPath).mode & 0o777).toBe(0o644);

    const validate = await runGt(['validate', '--town', 'town'], { cwd: parent });
    expect(validate.exitCode).toBe(0);
    expect(validate.stdout).toContain('town is valid (databases: hq, example): 0 errors, 0 warnings');
    expect(validate.stderr).toBe('');

    // nothing to write to daemon.json: the plan of a fresh town only starts the server and creates the databases
    const diff = JSON.parse((await runGt(['diff', '--town', 'town', '-o', 'json'], { cwd: parent })).stdout) as { actions: { kind: string }[] };
    const kinds = diff.actions.map((action) => action.kind);
    expect(kinds.filter((kind) => kind !== 'town-file')).toEqual(['server', 'database', 'database', 'ignore', 'ignore']);
    expect(kinds).toContain('town-file'); // Gas Town's registry files, written after the databases
  });

  it('picks a port that is not production\'s 3307 when none is given, and --port N sets it', async () => {
    const picked = makeTempDir('init-port');
    const result = await runGt(['init', picked]);
    expect(result.exitCode).toBe(0);
    const port = (JSON.parse(readFileSync(join(picked, 'mayor', 'daemon.json'), 'utf8')) as { env: { GT_DOLT_PORT: string } }).env
      .GT_DOLT_PORT;
    expect(Number(port)).toBeGreaterThanOrEqual(3310);
    expect(result.stdout).toContain(`the town's Dolt server port is ${port}`);
    const explain = await runGt(['diff', '--explain', '--town', picked, '-o', 'json']);
    const rows = (JSON.parse(explain.stdout) as { explain: { setting: string; value: string }[] }).explain;
    expect(rows.find((row) => row.setting === 'port')?.value).toBe(port);

    const chosen = makeTempDir('init-port-given');
    expect((await runGt(['init', chosen, '--port', '4417'])).exitCode).toBe(0);
    const daemon = JSON.parse(readFileSync(join(chosen, 'mayor', 'daemon.json'), 'utf8')) as {
      env: { GT_DOLT_PORT: string };
      patrols: { dolt_server: { port: number } };
    };
    expect(daemon.env.GT_DOLT_PORT).toBe('4417');
    expect(daemon.patrols.dolt_server.port).toBe(4417);
    const validate = await runGt(['validate', '--town', chosen]);
    expect(validate.exitCode).toBe(0);
    expect(validate.stderr).toBe('');
  });

  it('refuses a --port outside 1024-65535, writing nothing', async () => {
    const root = makeTempDir('init-bad-port');
    const result = await runGt(['init', root, '--port', '80']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--port 80: use a port number from 1024 to 65535');
    expect(() => statSync(join(root, 'mayor'))).toThrow();
  });

  it('refuses to overwrite an existing config and leaves every file as it was', async () => {
    const root = makeTempDir('init-again');
    expect((await runGt(['init', root])).exitCode).toBe(0);
    const daemonPath = join(root, 'mayor', 'daemon.json');
    writeFileSync(daemonPath, '{"version": 1}');
    const second = await runGt(['init', root]);
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain(
      `gt: refusing to overwrite existing town config: ${daemonPath}, ${join(root, 'mayor', 'rigs.d', 'example.yaml')}`,
    );
    expect(readFileSync(daemonPath, 'utf8')).toBe('{"version": 1}');
  });

  it('refuses when mayor/rigs.d/ already holds manifests', async () => {
    const root = makeTempDir('init-rigs');
    mkdirSync(join(root, 'mayor', 'rigs.d'), { recursive: true });
    writeFileSync(join(root, 'mayor', 'rigs.d', 'mine.yml'), 'kind: Rig\n');
    const result = await runGt(['init'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `refusing to overwrite existing town config: ${join(root, 'mayor', 'rigs.d', 'mine.yml')}`,
    );
    expect(() => statSync(join(root, 'mayor', 'daemon.json'))).toThrow();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
