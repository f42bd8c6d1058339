import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { townPaths } from '../../../src/lib/town-layout.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/** mayor/ mounted read-only, as an operator who keeps the config on a read-only volume has it (needs root, as CI runs). */
async function mountReadOnly(dir: string): Promise<() => Promise<void>> {
  await execa('mount', ['--bind', dir, dir]);
  await execa('mount', ['-o', 'remount,ro,bind', dir]);
  return async () => {
    await execa('umount', [dir]);
  };
}

describe('gt apply with a read-only mayor/', () => {
  let town: TestTown;
  let unmount: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }]);
  });

  afterAll(async () => {
    await unmount?.();
    await town.stopServer();
  });

  it('says daemon.json cannot be written and what to do, and still converges the server and the databases', async () => {
    const { daemonJson, mayorDir } = townPaths(town.root);
    const before = readFileSync(daemonJson, 'utf8');
    unmount = await mountReadOnly(mayorDir);

    const result = await runGt(['apply', '--town', town.root]);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/write +daemon-config\/patrols\.\{.*\} \.\.\. FAILED .*mayor is not writable \(EROFS\)/);
    expect(result.stdout).toContain('write them by hand (gt diff -o json shows the values)');
    expect(result.stdout).not.toContain('skipped: an earlier step failed');
    expect(result.stdout).toMatch(/\+ create +database\/wyvern \.\.\. done/);
    expect(readFileSync(daemonJson, 'utf8')).toBe(before);
    const databases = (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
    expect(databases).toEqual(expect.arrayContaining(['hq', 'wyvern']));
  });
});
