import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../../src/lib/process.js';
import { withoutBeadsNote } from '../../helpers/bd-stub.js';
import { queryOn } from '../../helpers/dolt-server.js';
import { makeTempDir } from '../../helpers/env.js';
import { GT_COMMAND, runGt } from '../../helpers/gt.js';
import { processesUnder } from '../../helpers/global-teardown.js';
import { killStarted } from '../../helpers/town-server.js';

/** The demo's output split at each `$ node …/bin/gt.js …` step (gt as the test runs it): the command line, and what it printed up to its `(exit N)`. */
function demoSteps(stdout: string): { command: string; output: string }[] {
  return stdout
    .split(`\n$ ${GT_COMMAND} `)
    .slice(1)
    .map((section) => {
      const newline = section.indexOf('\n');
      return { command: section.slice(0, newline), output: section.slice(newline + 1) };
    });
}

function serverPidOf(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'daemon', 'dolt.pid'), 'utf8').trim().split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

describe('gt demo (the README main job)', () => {
  const serverPids = new Set<number>();

  afterEach(async () => {
    await killStarted(serverPids);
  });

  it('plans, applies, shows a clean second diff and the status, then stops its server', async () => {
    const dir = join(makeTempDir('demo'), 'town');
    const result = await runGt(['demo', dir]);
    const pid = serverPidOf(dir);
    if (pid !== null) serverPids.add(pid);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('/srv/');

    const steps = demoSteps(result.stdout);
    expect(steps.map((step) => step.command)).toEqual(
      ['validate', 'diff', 'apply', 'diff', 'status'].map((verb) => `${verb} --town ${dir}`),
    );
    const [validate, plan, apply, secondDiff, status] = steps.map((step) => step.output);

    expect(validate).toContain('is valid');
    expect(validate).toMatch(/\(exit 0\)\n/);

    // the plan: every action on its own line, then the count, and exit 1 (there are changes)
    expect(plan).toContain('gt will make these changes, in this order:');
    const planned = [...(plan ?? '').matchAll(/^ {2}\+ (\w+) +(\S+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
    const updated = [...(plan ?? '').matchAll(/^ {2}~ (\w+) +(\S+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
    expect(planned).toContain('start server');
    expect(planned).toContain('create database/hq');
    // Gas Town's files; the server's state file lists what the creates after the server start leave
    expect(planned).toContain('create file/mayor/rigs.json');
    expect(planned).toContain('create file/wyvern/.beads/metadata.json');
    expect(updated).toEqual(['update file/daemon/dolt-state.json']);
    expect(plan).toContain(`Plan: ${planned.length} to create, 1 to update, 0 to delete.`);
    expect(plan).toMatch(/\(exit 1\)\n/);

    // the apply: the same plan, a done line for each database and remote, the summary, exit 0
    expect(apply).toContain(`Plan: ${planned.length} to create, 1 to update, 0 to delete.`);
    const serverStart = /^ {2}\+ start {3}server \.\.\. done \(\d+ ms\): pid (\d+)$/m.exec(apply ?? '');
    expect(serverStart).not.toBeNull();
    for (const action of planned.filter((entry) => /^create (database|remote)\//.test(entry))) {
      const id = action.slice('create '.length);
      expect(apply).toMatch(new RegExp(`^ {2}\\+ create {2}${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\.\\.\\. done \\(\\d+ ms\\)$`, 'm'));
    }
    expect(apply).toMatch(new RegExp(`Apply finished in \\d+\\.\\d s: ${planned.length + updated.length} done, 0 failed, 0 skipped\\.`));
    expect(apply).toContain('The town matches its config.');
    expect(apply).toMatch(/\(exit 0\)\n/);

    expect(withoutBeadsNote(secondDiff ?? '')).toBe('No changes. The town matches its config.\n(exit 0)');

    const databases = planned.filter((entry) => entry.startsWith('create database/')).map((entry) => entry.slice('create database/'.length));
    expect(status).toContain(`Town      ${dir}`);
    expect(status).toMatch(new RegExp(`^Server +\\S+ running {2}pid ${serverStart?.[1]},`, 'm'));
    expect(status).toMatch(new RegExp(`^Databases ${databases.length}$`, 'm'));
    for (const database of databases) expect(status).toMatch(new RegExp(`^ {2}${database} `, 'm'));
    expect(status).toMatch(/^Drift +none/m);
    expect(status).toMatch(/\(exit 0\)\n/);

    expect(result.stdout).toContain(`\nStopped the demo server. Keep it running next time with: ${GT_COMMAND} demo --keep\n`);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Demo complete: the town was planned, converged, and a second diff found nothing to do.',
    );
    expect(isProcessAlive(Number(serverStart?.[1]))).toBe(false);
    expect(readFileSync(join(dir, 'daemon', 'dolt-state.json'), 'utf8')).toMatch(/"running":\s*false/);
    expect(processesUnder(dir)).toEqual([]);
  });

  it('with --keep leaves the server running and prints the command that stops it', async () => {
    const dir = join(makeTempDir('demo-keep'), 'town');
    const result = await runGt(['demo', '--keep', dir]);
    const pid = serverPidOf(dir);
    if (pid !== null) serverPids.add(pid);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Demo complete');
    expect(result.stdout).not.toContain('Stopped the demo server');

    expect(pid).not.toBeNull();
    expect(isProcessAlive(pid as number)).toBe(true);
    const port = Number(/\(Dolt on 127\.0\.0\.1:(\d+)\)/.exec(result.stdout)?.[1]);
    const served = await queryOn<{ Database: string }>(port, 'SHOW DATABASES');
    expect(served.map((row) => row.Database)).toContain('hq');

    const stopLine = /^The demo server keeps running\. Stop it with: node \S+ (.+)$/m.exec(result.stdout);
    expect(stopLine?.[1]).toBe(`dolt stop --town ${dir}`);
    const stop = await runGt((stopLine?.[1] ?? '').split(' '));
    expect(stop.stderr).not.toContain('gt:');
    expect(stop.exitCode).toBe(0);
    expect(isProcessAlive(pid as number)).toBe(false);
    expect(processesUnder(dir)).toEqual([]);
  });

  it('refuses a directory that is not empty', async () => {
    const dir = makeTempDir('demo-full');
    const result = await runGt(['demo', join(dir, '..')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('is not empty');
  });
});
