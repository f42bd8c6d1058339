import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/env.js';
import { runGt } from '../../helpers/gt.js';
import { processesUnder } from '../../helpers/global-teardown.js';

describe('gt demo (the README main job)', () => {
  it('converges a demo town from examples/, shows a clean second diff, and stops its server', async () => {
    const dir = join(makeTempDir('demo'), 'town');
    const result = await runGt(['demo', dir]);
    expect(result.stderr).not.toContain('gt:');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('The town matches its config.');
    expect(result.stdout).toContain('No changes. The town matches its config.');
    expect(result.stdout).toContain('Demo complete');
    expect(result.stdout).not.toContain('/srv/');
    expect(readFileSync(join(dir, 'daemon', 'dolt-state.json'), 'utf8')).toMatch(/"running":\s*false/);
    expect(processesUnder(dir)).toEqual([]);
  });

  it('refuses a directory that is not empty', async () => {
    const dir = makeTempDir('demo-full');
    const result = await runGt(['demo', join(dir, '..')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('is not empty');
  });
});
