import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGtInProcess } from '../faults/support/in-process-gt.js';
import { makeTempDir } from '../helpers/env.js';
import { GT_COMMAND, runGt } from '../helpers/gt.js';
import { parseDocument } from '../helpers/json-schemas.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** A town as gt init writes it (port 3307, no server), in a directory whose path has spaces. */
async function scaffoldedTown(initFlags: string[] = []): Promise<string> {
  const dir = join(makeTempDir('cli'), 'town with spaces');
  expect((await runGtInProcess(['init', dir, ...initFlags])).exitCode).toBe(0);
  return dir;
}

describe('gt as a whole process', () => {
  it('prints its version and exits 0', async () => {
    const result = await runGt(['--version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('prints help listing the global flags and exits 0', async () => {
    const result = await runGt(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: gt');
    for (const flag of ['--town', '--output', '--log-level', '--no-color']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('-f is the manifest path of the commands that read manifests, and follow in gt dolt logs', async () => {
    for (const command of [['diff'], ['apply'], ['validate'], ['status'], ['daemon', 'run'], ['dolt', 'start'], ['dolt', 'list']]) {
      expect((await runGtInProcess([...command, '--help'])).stdout).toMatch(/-f, --file <path> +rig manifest file or directory/);
    }
    const logs = await runGtInProcess(['dolt', 'logs', '--help']);
    expect(logs.stdout).toMatch(/-f, --follow +keep printing new lines/);
    expect(logs.stdout).toMatch(/ --file <path> +rig manifest file or directory/);
    const misplaced = await runGtInProcess(['-f', 'rigs', 'diff']);
    expect(misplaced.exitCode).toBe(2);
    expect(misplaced.stderr).toContain("unknown option '-f'");
  });

  it('-f shows its default once, mayor/rigs.d/', async () => {
    const help = (await runGtInProcess(['diff', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('rig manifest file or directory (repeatable) (default: mayor/rigs.d/)');
    expect(help).not.toContain('(default: [])');
  });

  it('a usage error exits 2, not the 1 of "differences": whole process', async () => {
    const result = await runGt(['diff', '--bogus']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it.each([
    [['diff', '-o', 'yaml'], 'expected "text" or "json"'],
    [['bogus'], "unknown command 'bogus'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['daemon', 'run', '--health-interval', '5'], 'expected a duration such as 500ms, 30s or 5m'],
    [['--log-level', 'loud', 'validate'], 'expected error, warn, info or debug'],
    [['--log-level', 'loud', 'diff'], 'expected error, warn, info or debug'],
    [['apply', '--lock-timeout', 'abc'], 'expected a duration such as 500ms, 30s or 5m'],
    [['apply', '--lock-timeout', ''], 'expected a duration such as 500ms, 30s or 5m'],
    [['dolt', 'start', '--lock-timeout', '-1s'], 'expected a duration such as 500ms, 30s or 5m'],
  ])('gt %j is a usage error: exit 2, %s', async (args, message) => {
    const result = await runGtInProcess(args);
    expect(result.thrown).toBeNull();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('--lock-timeout takes the same Go duration in apply, dolt and daemon', async () => {
    for (const command of [['apply'], ['dolt', 'start'], ['dolt', 'stop'], ['dolt', 'init-rig'], ['daemon', 'run'], ['daemon', 'start']]) {
      expect((await runGtInProcess([...command, '--help'])).stdout).toMatch(/--lock-timeout <duration>/);
    }
  });

  it('with no town found, prints the error without an empty file:line:col', async () => {
    const result = await runGt(['diff'], { cwd: makeTempDir('no-town') });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error GT-E001: no town found/);
  });
});

describe('hints name gt the way it was run, paths quoted', () => {
  it('gt init in a path with spaces quotes it in its next: line', async () => {
    const dir = join(makeTempDir('init'), 'town with spaces');
    const result = await runGtInProcess(['init', dir]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`next: edit the rig manifest, then \`gt validate --town '${dir}'\` and \`gt diff\``);
  });

  it('run as node bin/gt.js, the hint is that command line; run through a gt on PATH, it is gt', async () => {
    const dir = join(makeTempDir('init'), 'town');
    const byPath = await runGt(['init', dir]);
    expect(byPath.stdout).toContain(`then \`${GT_COMMAND} validate --town ${dir}\``);
    const binDir = makeTempDir('path');
    symlinkSync(GT_COMMAND.slice('node '.length), join(binDir, 'gt'));
    const second = join(makeTempDir('init'), 'town');
    const onPath = await runGt(['init', second], { env: { PATH: `${binDir}:${process.env.PATH ?? ''}` } });
    expect(onPath.stdout).toContain(`then \`gt validate --town ${second}\``);
  });
});

describe('-o json on a config error', () => {
  it('gt diff prints a plan document with the located errors on stdout, exit 2; apply its report, status the errors', async () => {
    const town = await scaffoldedTown();
    writeFileSync(join(town, 'mayor', 'rigs.d', 'example.yaml'), 'apiVersion: gastown.dev/v1\nkind: Rig\nmetadata: [\n');
    const result = await runGtInProcess(['diff', '-o', 'json', '--town', town]);
    expect(result.exitCode).toBe(2);
    const { errors, actions } = parseDocument('plan', result.stdout) as { errors: { code: string; message: string; at?: string }[]; actions: unknown[] };
    expect(actions).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.code).toMatch(/^GT-E\d{3}$/);
    expect(errors[0]?.at).toMatch(/example\.yaml:\d+:\d+$/);
    expect(result.stderr).toContain('gt: the config has errors; nothing was changed');

    const apply = await runGtInProcess(['apply', '-o', 'json', '--town', town]);
    expect(apply.exitCode).toBe(2);
    const report = parseDocument('apply', apply.stdout) as { converged: boolean; remaining: { errors: unknown[] } };
    expect(report.converged).toBe(false);
    expect(report.remaining.errors).toEqual(errors);

    const status = await runGtInProcess(['status', '-o', 'json', '--town', town]);
    expect(status.exitCode).toBe(2);
    expect(JSON.parse(status.stdout)).toEqual({ version: 1, errors });
  });
});

describe('gt dolt init-rig on a port-3307 town', () => {
  it('refuses a test database name without a hint about the derived prefix', async () => {
    const town = await scaffoldedTown(['--port', '3307']);
    const result = await runGtInProcess(['dolt', 'init-rig', 'beads_test1', '--town', town]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('has the test prefix "beads_test" and the effective port is the production port 3307');
    expect(result.stderr).not.toContain('derived from the name');
    expect(result.stderr).toContain('gt: nothing was changed');
  });
});

describe('gt version', () => {
  it('names the dolt binary it uses and its version', async () => {
    const result = await runGt(['version', '-o', 'json']);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { gt: string; dolt: { path: string; version: string; pinned: string } };
    expect(report.gt).toBe(version);
    expect(report.dolt.path).toBe(process.env.GT_DOLT_BIN);
    expect(report.dolt.version).toBe(report.dolt.pinned);
  });
});
