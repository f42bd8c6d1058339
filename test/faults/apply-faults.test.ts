/**
 * Faults while gt applies: the server killed between two actions or hung, the data dir read-only, the applier killed
 * with -9 while it holds the lock, and directories an interrupted create left behind. Each time gt reports clearly,
 * never crashes, and the next run converges.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGt } from '../helpers/gt.js';
import { makeTown, type RigSpec, type TestTown } from '../helpers/town.js';
import { isProcessAlive, signalProcess } from '../../src/lib/process.js';
import { CRASH, expectNoDifferences, servedDatabases, startGt } from './support/gt-process.js';

/** The hung-server deadline the hung-in-the-middle test gives gt (GT_HUNG_SERVER_MS), instead of its 20 s. */
const HUNG_MS = 2000;

function rigs(town: TestTown, names: string[]): RigSpec[] {
  return names.map((name) => ({ name, remotes: [{ name: 'origin', url: town.remoteUrl(name) }], ignore: ['wisps'] }));
}

async function expectConverged(town: TestTown, declared: RigSpec[]): Promise<void> {
  expect(await servedDatabases(town)).toEqual(expect.arrayContaining(['hq', ...declared.map((rig) => rig.name)]));
  for (const rig of declared) {
    expect(await town.query('SELECT name, url FROM dolt_remotes', rig.name)).toEqual(rig.remotes);
    expect(await town.query('SELECT pattern, ignored FROM dolt_ignore', rig.name)).toEqual([{ pattern: 'wisps', ignored: 1 }]);
  }
  await expectNoDifferences(town);
}

/** A town whose server gt started and whose rigs are converged. */
async function convergedTown(names: string[]): Promise<{ town: TestTown; declared: RigSpec[] }> {
  const town = await makeTown();
  const declared = rigs(town, names);
  for (const rig of declared) town.writeRig(rig);
  const first = await runGt(['apply', '--town', town.root]);
  expect(first.exitCode).toBe(0);
  return { town, declared };
}

describe('faults during gt apply', () => {
  const towns: TestTown[] = [];
  const started: number[] = [];

  afterAll(async () => {
    for (const pid of started) if (isProcessAlive(pid)) signalProcess(pid, 'SIGKILL');
    for (const town of towns) await town.stopServer();
  });

  it('the server killed between two actions: apply reports it, the next apply converges', async () => {
    const { town, declared } = await convergedTown(['wyvern']);
    towns.push(town);
    const added = rigs(town, ['gryphon', 'sky', 'ember']);
    for (const rig of added) town.writeRig(rig);
    const serverPid = town.serverPid() as number;

    const apply = startGt(['apply', '--town', town.root]);
    await apply.printed(/create +database\/\w+ \.\.\. done/);
    signalProcess(serverPid, 'SIGKILL');
    const interrupted = await apply.result();
    expect(`${interrupted.stdout}${interrupted.stderr}`).not.toMatch(CRASH);
    // 1: a step failed and the rest were skipped; 2: the kill landed while gt re-read the town (under load the last
    // step can finish first), reported as one `gt:` line, or as the plan error the re-read found (the dying server
    // still holding its port)
    if (interrupted.exitCode === 1) expect(interrupted.stdout).toMatch(/FAILED|skipped/);
    else if (interrupted.exitCode === 2) expect(`${interrupted.stderr}\n${interrupted.stdout}`).toMatch(/^(gt: \S|Error \([a-z-]+\): \S)/m);
    else expect(interrupted.exitCode).toBe(0);

    const next = await runGt(['apply', '--town', town.root]);
    expect(next.stdout).not.toMatch(CRASH);
    expect(next.exitCode).toBe(0);
    expect(town.serverPid()).not.toBe(serverPid);
    await expectConverged(town, [...declared, ...added]);
  });

  it('the server hung (SIGSTOP) before apply: apply restarts it and converges', async () => {
    const { town, declared } = await convergedTown(['wyvern']);
    towns.push(town);
    const added = rigs(town, ['gryphon']);
    town.writeRig(added[0] as RigSpec);
    const hung = town.serverPid() as number;
    signalProcess(hung, 'SIGSTOP');

    const result = await runGt(['apply', '--town', town.root]);
    expect(result.stdout).not.toMatch(CRASH);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/restart server.*\n.*\n.*does not answer SELECT 1/);
    expect(isProcessAlive(hung)).toBe(false);
    await expectConverged(town, [...declared, ...added]);
  });

  it('the server hung (SIGSTOP) in the middle of apply: the step gives up, the lock is freed, the next apply converges', async () => {
    const { town, declared } = await convergedTown(['wyvern']);
    towns.push(town);
    const added = rigs(town, ['gryphon', 'sky']);
    for (const rig of added) town.writeRig(rig);
    const hung = town.serverPid() as number;

    // gt's 20 s hung-server deadline cut to 2 s, so the test does not wait it out twice (the step, then the last look)
    const apply = startGt(['apply', '--town', town.root], { GT_HUNG_SERVER_MS: String(HUNG_MS) });
    await apply.printed(/create +database\/\w+ \.\.\. done/);
    signalProcess(hung, 'SIGSTOP');
    const stuck = await apply.result();
    expect(`${stuck.stdout}${stuck.stderr}`).not.toMatch(CRASH);
    // 1: a step waiting on the server gave up and the rest were skipped (or, under load, the stop landed after the last
    // step and gt's final look found the server hung); 2: it landed while gt re-read the town
    if (stuck.exitCode === 1) {
      expect(stuck.stdout).toMatch(/FAILED \(\d+ ms\): the server did not answer within 2 s|Still differs:[^]*restart server/);
      // the step that gave up waited the deadline out first (less a few ms a timer may fire early by)
      const waited = /FAILED \((\d+) ms\): the server did not answer/.exec(stuck.stdout);
      if (waited !== null) expect(Number(waited[1])).toBeGreaterThanOrEqual(HUNG_MS - 10);
    } else if (stuck.exitCode === 2) {
      expect(stuck.stderr).toMatch(/^gt: the Dolt server stopped answering while gt read its state \(no reply within 2 s\)/m);
    } else {
      expect(stuck.exitCode).toBe(0);
    }
    expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(false);

    const next = await runGt(['apply', '--town', town.root]);
    // on a failure, what apply printed says which step or drift kept it from converging
    expect({ exitCode: next.exitCode, output: next.exitCode === 0 ? '' : `${next.stdout}${next.stderr}` }).toEqual({ exitCode: 0, output: '' });
    expect(isProcessAlive(hung)).toBe(false);
    await expectConverged(town, [...declared, ...added]);
  }, 90_000);

  it('the data dir made read-only: apply fails clearly and changes nothing; once writable again the next apply converges', async () => {
    const { town, declared } = await convergedTown(['wyvern']);
    towns.push(town);
    const dataDir = join(town.root, '.dolt-data');
    const before = readdirSync(dataDir).sort();
    const added = rigs(town, ['gryphon']);
    town.writeRig(added[0] as RigSpec);
    // Tests run as root, and root ignores permission bits (CAP_DAC_OVERRIDE): chmod would not stop the server. The
    // immutable attribute binds root too, so this is what a filesystem remounted read-only looks like to Dolt.
    makeReadOnly(dataDir);
    try {
      const failed = await runGt(['apply', '--town', town.root]);
      expect(`${failed.stdout}${failed.stderr}`).not.toMatch(CRASH);
      expect(failed.exitCode).toBe(1);
      expect(failed.stdout).toMatch(/FAILED \(\d+ ms\): .*(EPERM|not permitted|read-only|permission)/i);
      expect(readdirSync(dataDir).sort()).toEqual(before);
      expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(false);
      const diff = await runGt(['diff', '--town', town.root]);
      expect(diff.exitCode).toBe(1);
      expect(diff.stdout).toContain('database/gryphon');
    } finally {
      makeWritable(dataDir);
    }
    const next = await runGt(['apply', '--town', town.root]);
    expect(next.exitCode).toBe(0);
    await expectConverged(town, [...declared, ...added]);
  }, 90_000);

  it('the lock holder killed with -9: the next apply takes the stale lock over at once and converges', async () => {
    const { town, declared } = await convergedTown(['wyvern']);
    towns.push(town);
    await town.stopServer();
    const added = rigs(town, ['gryphon', 'sky']);
    for (const rig of added) town.writeRig(rig);

    const holder = startGt(['apply', '--town', town.root]);
    started.push(holder.pid);
    await holder.printed(/start +server/);
    expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(true);
    signalProcess(holder.pid, 'SIGKILL');
    expect((await holder.result()).signal).toBe('SIGKILL');
    expect(existsSync(join(town.root, 'daemon', 'gt.lock'))).toBe(true);

    // no time to wait: only a lock taken over at once lets this apply run
    const next = await runGt(['apply', '--lock-timeout', '0', '--town', town.root]);
    expect(next.stderr).not.toContain('lock');
    expect(next.exitCode).toBe(0);
    await expectConverged(town, [...declared, ...added]);
  }, 90_000);
});

describe('directories an interrupted create left behind', () => {
  let town: TestTown;

  afterAll(async () => {
    await town.stopServer();
  });

  /** What Dolt's CREATE DATABASE leaves when the server dies at different moments of it. */
  function leaveInterruptedCreates(dataDir: string): void {
    mkdirSync(join(dataDir, 'gryphon'), { recursive: true }); // killed right after mkdir
    mkdirSync(join(dataDir, 'sky', '.dolt', 'noms'), { recursive: true }); // killed before repo_state.json
    writeFileSync(join(dataDir, 'sky', '.dolt', 'config.json'), '{}');
    mkdirSync(join(dataDir, 'ember', '.dolt'), { recursive: true }); // a newer Dolt's in-progress marker
    writeFileSync(join(dataDir, 'ember', '.dolt_safe_to_ignore'), '');
    mkdirSync(join(dataDir, 'stray', '.dolt', 'noms'), { recursive: true }); // declared by no manifest
  }

  it('server stopped: diff names them, apply moves the declared ones aside and creates the databases', async () => {
    const converged = await convergedTown(['wyvern']);
    town = converged.town;
    await town.stopServer();
    const dataDir = join(town.root, '.dolt-data');
    leaveInterruptedCreates(dataDir);
    const added = rigs(town, ['gryphon', 'sky', 'ember']);
    for (const rig of added) town.writeRig(rig);

    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toContain('.dolt-data/sky is an incomplete directory left by an interrupted create');
    expect(diff.stdout).toContain('.dolt-data/stray is an incomplete database directory left by an interrupted create; no manifest declares stray');

    const apply = await runGt(['apply', '--town', town.root]);
    expect(apply.stdout).not.toMatch(CRASH);
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toMatch(/start +server \.\.\. done .*moved what an interrupted create left to .*\.gt-incomplete\/gryphon-/);
    expect(readdirSync(join(dataDir, '.gt-incomplete')).map((name) => name.replace(/-\d{4}-.*$/, '')).sort()).toEqual([
      'ember',
      'gryphon',
      'sky',
    ]);
    expect(existsSync(join(dataDir, 'stray', '.dolt', 'noms'))).toBe(true);
    await expectConverged(town, [...converged.declared, ...added]);
  }, 90_000);

  it('server running: a leftover it serves broken does not break observing, and apply restarts to clear it', async () => {
    const dataDir = join(town.root, '.dolt-data');
    mkdirSync(join(dataDir, 'dune', '.dolt', 'noms'), { recursive: true });
    const declared = rigs(town, ['wyvern', 'gryphon', 'sky', 'ember', 'dune']);
    town.writeRig(declared[4] as RigSpec);
    // the stray leftover is served by now (the server loaded it at start) and every query on it fails
    await expect(town.query('SELECT * FROM dolt_remotes', 'stray')).rejects.toThrow(/repo_state.json/);

    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toMatch(/restart server[^]*dune is an incomplete directory left by an interrupted create/);

    const apply = await runGt(['apply', '--town', town.root]);
    expect(apply.exitCode).toBe(0);
    await expectConverged(town, declared);
    expect(existsSync(join(dataDir, 'stray', '.dolt', 'noms'))).toBe(true);
  }, 90_000);
});

function makeReadOnly(dir: string): void {
  if (process.getuid?.() === 0) execFileSync('chattr', ['-R', '+i', dir]);
  else execFileSync('chmod', ['-R', 'a-w', dir]);
}

function makeWritable(dir: string): void {
  if (process.getuid?.() === 0) execFileSync('chattr', ['-R', '-i', dir]);
  else execFileSync('chmod', ['-R', 'u+w', dir]);
}
