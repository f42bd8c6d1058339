import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { delimiter, dirname, join } from 'node:path';
import { bdStub, type BdCall } from '../../helpers/bd-stub.js';
import { freePort, queryOn } from '../../helpers/dolt-server.js';
import { makeTempDir } from '../../helpers/env.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { townPaths } from '../../../src/lib/town-layout.js';

const GAS_TOWN_TYPES = 'agent,role,rig,convoy,slot,queue,event,message,molecule,gate,merge-request';

interface PlannedBeads {
  kind: 'beads';
  id: string;
  database: string;
  workDir: string;
  commands: string[][];
}

/** What bd ran, leaving out the `bd version` calls gt's observation makes. */
const initCalls = (calls: BdCall[]): BdCall[] => calls.filter((call) => call.argv[0] !== 'version');

async function databasesOn(port: number): Promise<string[]> {
  const rows = await queryOn<{ Database: string }>(port, 'SHOW DATABASES');
  return rows.map((row) => row.Database).sort();
}

async function issuePrefix(port: number, database: string): Promise<string | undefined> {
  const rows = await queryOn<{ value: string }>(port, "SELECT `value` FROM config WHERE `key` = 'issue_prefix'", database);
  return rows[0]?.value;
}

function setPort(town: TestTown, port: number): void {
  const path = townPaths(town.root).daemonJson;
  const daemon = JSON.parse(readFileSync(path, 'utf8')) as { env: Record<string, string> };
  daemon.env.GT_DOLT_PORT = String(port);
  writeFileSync(path, `${JSON.stringify(daemon, null, 2)}\n`);
}

const lastLine = (text: string): string | undefined => text.trimEnd().split('\n').at(-1);

describe('gt initializes every declared database for beads when bd is available (the stub bd)', () => {
  let town: TestTown;
  const bd = bdStub();
  let planned: PlannedBeads[] = [];

  beforeAll(async () => {
    town = await makeTown([
      { name: 'alpha', prefix: 'al', ignore: ['wisps'] },
      { name: 'bravo', prefix: 'br' },
    ]);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it("gt diff plans bd init of each database last, with the commands Gas Town's gt rig add runs", async () => {
    const result = await runGt(['diff', '--town', town.root, '-o', 'json'], { env: bd.env });
    expect(result.exitCode).toBe(1);
    const actions = (JSON.parse(result.stdout) as { actions: { kind: string }[] }).actions;
    planned = actions.filter((action): action is PlannedBeads => action.kind === 'beads');
    expect(actions.slice(-3)).toEqual(planned);
    const init = (prefix: string, database: string) => [
      'init', '--prefix', prefix, '--server', '--server-port', String(town.port), '--database', database,
      '--non-interactive', '--skip-hooks', '--skip-agents', '--force',
    ];
    expect(planned.map(({ id, workDir, commands }) => ({ id, workDir, commands }))).toEqual([
      {
        id: 'beads/hq',
        workDir: town.root,
        commands: [
          [...init('hq', 'hq'), '--role', 'maintainer'],
          ['config', 'set', 'types.custom', GAS_TOWN_TYPES],
          ['config', 'set', 'issue_prefix', 'hq'],
          ['config', 'set', 'allowed_prefixes', 'hq,hq-cv'],
        ],
      },
      {
        id: 'beads/alpha',
        workDir: join(town.root, 'alpha'),
        commands: [init('al', 'alpha'), ['config', 'set', 'types.custom', GAS_TOWN_TYPES], ['config', 'set', 'issue_prefix', 'al']],
      },
      {
        id: 'beads/bravo',
        workDir: join(town.root, 'bravo'),
        commands: [init('br', 'bravo'), ['config', 'set', 'types.custom', GAS_TOWN_TYPES], ['config', 'set', 'issue_prefix', 'br']],
      },
    ]);

    const text = await runGt(['diff', '--town', town.root], { env: bd.env });
    expect(text.stdout).toContain('  + create  beads/alpha\n      { issue_prefix: "al", directory: "alpha/.beads" }\n');
    expect(text.stdout).toContain('  + create  beads/hq\n      { issue_prefix: "hq", directory: ".beads" }\n');
  });

  it("gt apply runs exactly those commands, in each database's directory, with bd's auto-start off and the town server in its environment", async () => {
    const result = await runGt(['apply', '--town', town.root], { env: bd.env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('+ create  beads/alpha ... done');
    const calls = initCalls(bd.calls());
    expect(calls.map(({ argv, cwd }) => ({ argv, cwd }))).toEqual(
      planned.flatMap((action) => action.commands.map((argv) => ({ argv, cwd: action.workDir }))),
    );
    for (const call of calls) {
      const database = planned.find((action) => action.workDir === call.cwd)?.database as string;
      expect(call.env).toEqual({
        BEADS_DIR: join(call.cwd, '.beads'),
        BEADS_DOLT_AUTO_START: '0',
        BEADS_DOLT_SERVER_HOST: '127.0.0.1',
        BEADS_DOLT_SERVER_PORT: String(town.port),
        BEADS_DOLT_SERVER_USER: 'root',
        BEADS_DOLT_PASSWORD: '',
        BEADS_DOLT_SERVER_DATABASE: database,
      });
    }
    for (const [database, prefix] of [['hq', 'hq'], ['alpha', 'al'], ['bravo', 'br']] as const) {
      expect(await issuePrefix(town.port, database)).toBe(prefix);
    }
  });

  it('after it gt diff exits 0, and no database appeared but the declared ones', async () => {
    const result = await runGt(['diff', '--town', town.root], { env: bd.env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe('No changes. The town matches its config.');
    expect(await databasesOn(town.port)).toEqual(['alpha', 'bravo', 'hq', 'information_schema', 'mysql']);
  });

  it('a port change restarts the server and runs bd for nothing: every database is initialized already', async () => {
    const before = bd.calls().length;
    const port = await freePort();
    setPort(town, port);
    const result = await runGt(['apply', '--town', town.root], { env: bd.env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('~ restart server ... done');
    expect(result.stdout).not.toMatch(/(^|\s)beads\//m);
    expect(bd.calls().slice(before)).toEqual([]);
    expect(await issuePrefix(port, 'alpha')).toBe('al');
    expect((await runGt(['diff', '--town', town.root], { env: bd.env })).exitCode).toBe(0);
  });
});

describe('without bd, gt says which databases bd cannot use and how to fix it', () => {
  let town: TestTown;

  beforeAll(async () => {
    town = await makeTown([{ name: 'alpha', prefix: 'al' }]);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  const note =
    "Note: hq and alpha are not initialized for beads (no issue_prefix in bd's config table), so bd cannot use them, " +
    'and gt cannot run bd: no bd on PATH. Install bd 1.0.0 or later (or set GT_BD_BIN to its path), then run gt apply';

  it('a note, not a blocked change: apply converges the storage and exits 0, and so does the diff after it', async () => {
    const emptyDir = makeTempDir('no-bd');
    mkdirSync(emptyDir, { recursive: true });
    const noBd = { GT_BD_BIN: undefined, PATH: `${emptyDir}${delimiter}${dirname(process.execPath)}` };
    const applied = await runGt(['apply', '--town', town.root], { env: noBd });
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain(note);
    expect(applied.stdout).not.toMatch(/(^|\s)beads\//m);
    const diffed = await runGt(['diff', '--town', town.root], { env: noBd });
    expect(diffed.exitCode).toBe(0);
    expect(diffed.stdout).toContain(note);
    expect(lastLine(diffed.stdout)).toBe('No changes. The town matches its config.');
  });

  it('GT_BD_BIN that is no executable is named in the note', async () => {
    const missing = join(makeTempDir('no-bd'), 'bd');
    const result = await runGt(['diff', '--town', town.root, '-o', 'json'], { env: { GT_BD_BIN: missing } });
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { notes: string[] }).notes).toEqual([
      expect.stringContaining(`gt cannot run bd: GT_BD_BIN is ${missing}, which is not an executable file.`),
    ]);
  });

  it('once bd is there, the next apply initializes them', async () => {
    const bd = bdStub();
    const diffed = await runGt(['diff', '--town', town.root], { env: bd.env });
    expect(diffed.exitCode).toBe(1);
    expect(lastLine(diffed.stdout)).toBe('Plan: 2 to create, 0 to update, 0 to delete.');
    expect((await runGt(['apply', '--town', town.root], { env: bd.env })).exitCode).toBe(0);
    expect(await issuePrefix(town.port, 'alpha')).toBe('al');
  });
});

describe('what gt does when bd misbehaves', () => {
  let town: TestTown;

  beforeEach(async () => {
    town = await makeTown([
      { name: 'alpha', prefix: 'al' },
      { name: 'bravo', prefix: 'br' },
    ]);
  });

  afterEach(async () => {
    await town.stopServer();
  });

  it('a database bd creates on the side fails the step loudly, and gt drops nothing', async () => {
    const bd = bdStub({ GT_TEST_BD_STRAY: '1' });
    const result = await runGt(['apply', '--town', town.root], { env: bd.env });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('+ create  beads/alpha ... FAILED');
    expect(result.stdout).toContain('bd created beads_al while initializing alpha; gt drops no database');
    expect(await databasesOn(town.port)).toEqual(expect.arrayContaining(['beads_al', 'beads_br', 'beads_hq']));
  });

  it('bd init waits while the git repository it would commit to has staged changes: its commit would take them', async () => {
    const git = (...args: string[]) => execa('git', ['-C', town.root, ...args]);
    await git('init', '-q');
    writeFileSync(join(town.root, 'operator-notes.txt'), 'half-done work\n');
    await git('add', 'operator-notes.txt');
    const bd = bdStub();
    const blocked = await runGt(['apply', '--town', town.root], { env: bd.env });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stdout).toContain('+ create  beads/alpha ... FAILED');
    expect(blocked.stdout).toContain(
      `${join(town.root, 'alpha')} is in a git repository with staged changes (operator-notes.txt); bd init commits its .beads/ files`,
    );
    expect(initCalls(bd.calls())).toEqual([]);

    await git('reset', '-q');
    expect((await runGt(['apply', '--town', town.root], { env: bd.env })).exitCode).toBe(0);
    expect(await issuePrefix(town.port, 'alpha')).toBe('al');
  });

  it("bd's error ends the step with its stderr; the other databases are still initialized", async () => {
    const bd = bdStub({ GT_TEST_BD_FAIL: 'init alpha' });
    const result = await runGt(['apply', '--town', town.root], { env: bd.env });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/\+ create {2}beads\/alpha \.\.\. FAILED \(\d+ ms\): `bd init --prefix al .* --force` exited 1: Warning: something bd says first\nError: stub failure/);
    expect(await issuePrefix(town.port, 'hq')).toBe('hq');
    expect(await issuePrefix(town.port, 'bravo')).toBe('br');
    // the failed one is planned again, and the next apply (bd fixed) initializes it
    const again = await runGt(['apply', '--town', town.root], { env: bdStub().env });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('+ create  beads/alpha ... done');
  });
});
