import { readFileSync } from 'node:fs';
import { runGt } from '../helpers/gt.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

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
      expect((await runGt([...command, '--help'])).stdout).toMatch(/-f, --file <path> +rig manifest file or directory/);
    }
    const logs = await runGt(['dolt', 'logs', '--help']);
    expect(logs.stdout).toMatch(/-f, --follow +keep printing new lines/);
    expect(logs.stdout).toMatch(/ --file <path> +rig manifest file or directory/);
    const misplaced = await runGt(['-f', 'rigs', 'diff']);
    expect(misplaced.exitCode).toBe(1);
    expect(misplaced.stderr).toContain("unknown option '-f'");
  });

  it('rejects an unknown command with exit code 1 and a message', async () => {
    const result = await runGt(['frobnicate']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
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
