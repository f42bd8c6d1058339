import { createServer, type Server } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

async function databases(town: TestTown): Promise<string[]> {
  return (await town.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
}

describe('gt apply never drops data by surprise', () => {
  let town: TestTown;

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }, { name: 'old_rig' }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    town.writeRig({ name: 'old_rig', ensure: 'absent' });
  });

  afterAll(async () => {
    await town.stopServer();
  });

  it('ensure: absent without --prune drops nothing and says what would', async () => {
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(1);
    expect(await databases(town)).toContain('old_rig');
    expect(result.stdout).toContain('--prune');
    expect(result.stdout).not.toMatch(/- delete +database\/old_rig \.\.\. done/);
  });

  it('protect: true refuses the drop even with --prune', async () => {
    town.writeRig({ name: 'old_rig', ensure: 'absent', protect: true });
    const result = await runGt(['apply', '--prune', '--town', town.root, '-o', 'json']);
    expect(result.exitCode).toBe(1);
    expect(await databases(town)).toContain('old_rig');
    const report = JSON.parse(result.stdout) as { converged: boolean; remaining: { blocked: { id: string; code: string }[] } };
    expect(report.converged).toBe(false);
    expect(report.remaining.blocked).toEqual([expect.objectContaining({ id: 'database/old_rig', code: 'protected' })]);
  });

  it('with --prune it drops, prints the undo, and CALL dolt_undrop restores the data', async () => {
    await town.query('CREATE TABLE beads (id INT PRIMARY KEY)', 'old_rig');
    await town.run([
      'INSERT INTO beads VALUES (7)',
      "CALL DOLT_COMMIT('-Am', 'a bead')",
    ], 'old_rig');
    town.writeRig({ name: 'old_rig', ensure: 'absent' });

    const blocked = await runGt(['apply', '--prune', '--town', town.root]);
    expect(blocked.exitCode).toBe(1);
    expect(await databases(town)).toContain('old_rig');
    expect(blocked.stdout).toMatch(/unpushed|not on any remote|--force/);

    const dropped = await runGt(['apply', '--prune', '--force', '--town', town.root]);
    expect(dropped.exitCode).toBe(0);
    expect(dropped.stdout).toContain("dolt_undrop('old_rig')");
    expect(await databases(town)).not.toContain('old_rig');
    expect(readdirSync(join(town.root, '.dolt-data', '.dolt_dropped_databases'))).toContain('old_rig');

    await town.query("CALL dolt_undrop('old_rig')");
    expect(await town.query<{ id: number }>('SELECT id FROM beads', 'old_rig')).toEqual([{ id: 7 }]);
  });
});

describe('gt apply refuses before touching anything', () => {
  it('a test-prefixed database on port 3307 is refused before any SQL runs', async () => {
    const town = await makeTown([{ name: 'testdb_scratch' }], { port: 3307 });
    const result = await runGt(['apply', '--town', town.root]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/testdb_scratch/);
    expect(result.stderr).toMatch(/mayor\/rigs\.d\/testdb_scratch\.yaml:\d+:\d+/);
    expect(town.serverPid()).toBeNull();
    expect(existsSync(join(town.root, '.dolt-data'))).toBe(false);
  });

  it('an imposter listening on the port: apply refuses and the imposter keeps running', async () => {
    const town = await makeTown([{ name: 'wyvern' }]);
    const imposter: Server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => imposter.listen(town.port, '127.0.0.1', resolve));
    try {
      const result = await runGt(['apply', '--town', town.root]);
      expect(result.exitCode).toBe(2);
      expect(`${result.stdout}${result.stderr}`).toMatch(/imposter|not this town's/i);
      expect(town.serverPid()).toBeNull();
      expect(imposter.listening).toBe(true);
      const diff = await runGt(['diff', '--town', town.root]);
      expect(diff.exitCode).toBe(2);
    } finally {
      await new Promise((resolve) => imposter.close(resolve));
    }
  });
});
