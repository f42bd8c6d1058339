/**
 * Compactions, surgical and flatten in turn, while four agents commit as bd does: each transaction inserts a row,
 * updates one of the agent's earlier rows and sometimes deletes another. No agent's commit may fail, and afterwards
 * every agent's rows are exactly what its own committed transactions left: nothing lost, nothing brought back,
 * no update undone.
 */
import type mysql from 'mysql2/promise';
import { compactDatabase } from '../../../src/lifecycle/compaction/engine.js';
import type { CompactionMode } from '../../../src/lifecycle/compaction/types.js';
import { compactionRequest, createBeadsHistory } from '../../helpers/compaction.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';
import { makeTempDir } from '../../helpers/env.js';

const AGENTS = 4;
const RUNS: CompactionMode[] = ['surgical', 'flatten', 'surgical', 'flatten', 'surgical', 'surgical'];

/** One agent's loop until `stopped()`: its rows as its committed transactions left them, and the errors it saw. */
async function agent(server: TestServer, id: number, stopped: () => boolean): Promise<{ rows: Map<number, string>; errors: string[]; commits: number }> {
  const connection: mysql.Connection = await server.connect('agents');
  const rows = new Map<number, string>();
  const errors: string[] = [];
  let commits = 0;
  for (let n = 0; !stopped(); n++) {
    const inserted = id * 1_000_000 + n;
    const own = [...rows.keys()];
    const updated = own.length > 0 ? own[n % own.length] : undefined;
    const deleted = own.length > 3 && n % 3 === 0 ? own[(n * 7) % own.length] : undefined;
    const deletes = deleted !== undefined && deleted !== updated;
    try {
      await connection.query('BEGIN');
      await connection.query('INSERT INTO agent_rows VALUES (?, ?, ?)', [inserted, id, 'new']);
      if (updated !== undefined) await connection.query('UPDATE agent_rows SET v = ? WHERE id = ?', [`updated ${n}`, updated]);
      if (deletes) await connection.query('DELETE FROM agent_rows WHERE id = ?', [deleted]);
      await connection.query("CALL DOLT_COMMIT('-Am', ?)", [`agent ${id} ${n}`]);
      await connection.query('COMMIT');
      commits++;
      rows.set(inserted, 'new');
      if (updated !== undefined) rows.set(updated, `updated ${n}`);
      if (deletes) rows.delete(deleted);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      await connection.query('ROLLBACK').catch(() => undefined);
    }
  }
  connection.destroy();
  return { rows, errors, commits };
}

describe('compaction while agents insert, update and delete', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startDoltServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('surgical and flatten in turn: every run compacts, no agent commit fails, every agent row is as its last commit left it', async () => {
    await createBeadsHistory(server.port, 'agents', 60);
    const observer = await server.connect('agents');
    await observer.query('CREATE TABLE agent_rows (id INT PRIMARY KEY, agent INT, v VARCHAR(40))');
    await observer.query("CALL DOLT_COMMIT('-Am', 'agent table')");
    let stop = false;
    const agents = Array.from({ length: AGENTS }, (_, i) => agent(server, i + 1, () => stop));
    const townRoot = makeTempDir('town');

    const statuses: string[] = [];
    for (const mode of RUNS) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const outcome = await compactDatabase(compactionRequest(server.port, server.dataDir, townRoot, 'agents', { mode, keepRecent: 20, gc: 'none' }));
      statuses.push(outcome.status === 'compacted' ? `${outcome.mode} compacted` : JSON.stringify(outcome));
    }
    stop = true;
    const results = await Promise.all(agents);

    expect(statuses).toEqual(RUNS.map((mode) => `${mode} compacted`));
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    expect(results.every((result) => result.commits > 0)).toBe(true);
    const [rows] = await observer.query<mysql.RowDataPacket[]>('SELECT id, v FROM agent_rows ORDER BY id');
    const expected = results.flatMap((result) => [...result.rows.entries()]).sort(([a], [b]) => a - b);
    expect(rows.map((row) => [Number(row.id), String(row.v)])).toEqual(expected);
    observer.destroy();
  }, 300_000);
});
