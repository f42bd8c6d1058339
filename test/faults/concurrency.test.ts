/** Five `gt apply` processes and the daemon on one town at once: one applier at a time, no failed action, converged. */
import { killDaemon, readStatus, reconcilesSince, runDaemon, waitFor, type RunningDaemon } from '../helpers/daemon.js';
import { signalProcess } from '../../src/lib/process.js';
import { runGt } from '../helpers/gt.js';
import { makeTown, type RigSpec, type TestTown } from '../helpers/town.js';
import { CRASH, expectNoDifferences, servedDatabases } from './support/gt-process.js';

describe('five concurrent appliers and the daemon', () => {
  let town: TestTown;
  let daemon: RunningDaemon | undefined;

  afterAll(async () => {
    await killDaemon(daemon?.pid);
    await town.stopServer();
  });

  it('end converged with no failed actions', async () => {
    town = await makeTown([{ name: 'wyvern' }]);
    daemon = await runDaemon(town.root, ['--resync-interval', '10m', '--lock-timeout', '60s']);
    const since = Date.now();

    const rigs: RigSpec[] = ['gryphon', 'sky', 'ember', 'dune', 'moor'].map((name) => ({
      name,
      remotes: [{ name: 'origin', url: town.remoteUrl(name) }],
      ignore: ['wisps', 'wisp_*'],
    }));
    for (const rig of rigs) town.writeRig(rig);
    const running = rigs.map(() => runGt(['apply', '--town', town.root]));
    signalProcess(daemon.pid, 'SIGHUP'); // reconcile now, not after the file-change debounce
    const applies = await Promise.all(running);

    for (const apply of applies) {
      expect(`${apply.stdout}${apply.stderr}`).not.toMatch(CRASH);
      expect(apply.stdout).not.toContain('FAILED');
      expect(apply.exitCode).toBe(0);
    }
    // exactly one of the appliers (the daemon among them) did the work; the others found nothing left to do
    const status = await waitFor('the daemon to see the town in sync', () => {
      const current = readStatus(town.root);
      return current?.sync === 'InSync' && current.lastReconcile !== null && Date.parse(current.lastReconcile.startedAt) >= since
        ? current
        : undefined;
    }, 60_000);
    expect(status.health).toBe('Healthy');
    const reconciles = reconcilesSince(town.root, since);
    expect(reconciles.map((entry) => entry.actions?.failed ?? 0).every((failed) => failed === 0)).toBe(true);
    expect(reconciles.every((entry) => entry.result !== 'error')).toBe(true);

    expect(await servedDatabases(town)).toEqual(['dune', 'ember', 'gryphon', 'hq', 'moor', 'sky', 'wyvern']);
    for (const rig of rigs) {
      expect(await town.query('SELECT name, url FROM dolt_remotes', rig.name)).toEqual(rig.remotes);
      // one commit made the ignore patterns: no applier repeated another's work
      const commits = await town.query<{ message: string }>("SELECT message FROM dolt_log WHERE message LIKE 'gt: ensure dolt_ignore%'", rig.name);
      expect(commits).toHaveLength(1);
    }
    await expectNoDifferences(town);
  }, 120_000);
});
