import type mysql from 'mysql2/promise';
import { DECAY_BATCH, describeDecay, runDecay } from '../../../src/apply/decay.js';
import { utcDatetime } from '../../../src/observe/decay-queries.js';
import type { DecayAction } from '../../../src/plan/types.js';
import { beadsRowCounts, createBeadsSchema, insertWisps, type BeadRow } from '../../helpers/beads-schema.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';

const DAY = 86_400;
const NOW = new Date();

/** The action a plan at NOW makes with Gas Town's default ages, for the counts it observed. */
function planned(database: string, before: DecayAction['before']): DecayAction {
  return {
    kind: 'decay',
    id: `decay/${database}`,
    verb: 'delete',
    code: 'decay-due',
    database,
    closeStaleBefore: utcDatetime(new Date(NOW.getTime() - DAY * 1000)),
    deleteClosedBefore: utcDatetime(new Date(NOW.getTime() - 7 * DAY * 1000)),
    tables: ['wisps', 'wisp_labels', 'wisp_comments', 'wisp_events', 'wisp_dependencies'],
    before,
    after: { staleOpen: 0, closedExpired: 0, related: 0 },
    summary: '',
    reason: '',
    destructive: true,
    needsRestart: false,
  };
}

function expired(count: number, from = 0): BeadRow[] {
  return Array.from({ length: count }, (_, i) => ({ id: `old-${from + i}`, status: 'closed' as const, closedSecondsAgo: 8 * DAY, labels: ['a'] }));
}

/** Records every statement a connection sends, to see what one statement touches. */
function recording(connection: mysql.Connection): string[] {
  const sent: string[] = [];
  const query = connection.query.bind(connection);
  (connection as { query: unknown }).query = (options: string | { sql: string }, ...rest: unknown[]) => {
    sent.push(typeof options === 'string' ? options : options.sql);
    return (query as (...args: unknown[]) => unknown)(options, ...rest);
  };
  return sent;
}

describe('runDecay on a beads database', () => {
  let server: TestServer;
  let database = 0;

  beforeAll(async () => {
    server = await startDoltServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  async function beadsDatabase(wisps: BeadRow[]): Promise<{ name: string; connection: mysql.Connection }> {
    const name = `decay_${++database}`;
    await server.query(`CREATE DATABASE ${name}`);
    const connection = await server.connect(name);
    await createBeadsSchema(connection);
    await insertWisps(connection, wisps, NOW);
    return { name, connection };
  }

  it(`names at most ${DECAY_BATCH} wisp ids in any statement`, async () => {
    const { name, connection } = await beadsDatabase(expired(230));
    const sent = recording(connection);
    const outcome = await runDecay(connection, planned(name, { staleOpen: 0, closedExpired: 230, related: 230 }), NOW, 20_000);
    expect(outcome).toEqual({ done: { staleOpen: 0, closedExpired: 230, related: 230 }, commit: null });
    const idsPerStatement = sent.map((sql) => (sql.match(/'old-\d+'/g) ?? []).length);
    expect(Math.max(...idsPerStatement)).toBe(DECAY_BATCH);
    expect(sent.filter((sql) => sql.startsWith('DELETE FROM wisps '))).toHaveLength(3);
    await connection.end();
  });

  it('does less when candidates went since the plan, and says so', async () => {
    const { name, connection } = await beadsDatabase(expired(10));
    const action = planned(name, { staleOpen: 0, closedExpired: 10, related: 10 });
    // after the plan, an agent deletes one of them with its label
    await connection.query("DELETE FROM wisps WHERE id = 'old-0'");
    await connection.query("DELETE FROM wisp_labels WHERE issue_id = 'old-0'");
    const outcome = await runDecay(connection, action, NOW, 20_000);
    expect(outcome.done).toEqual({ staleOpen: 0, closedExpired: 9, related: 9 });
    expect(describeDecay(action, outcome)).toBe(
      'deleted 9 closed wisps + 9 related rows; the plan counted: delete 10 closed wisps + 10 related rows (wisps changed since); ' +
        'no commit (only dolt-ignored tables changed)',
    );
    await connection.end();
  });

  it('never does more than the plan counted, when candidates appeared since', async () => {
    const { name, connection } = await beadsDatabase(expired(10));
    const action = planned(name, { staleOpen: 0, closedExpired: 10, related: 10 });
    await insertWisps(connection, expired(2, 100), NOW); // imported with old dates after the plan
    expect((await runDecay(connection, action, NOW, 20_000)).done).toEqual({ staleOpen: 0, closedExpired: 10, related: 10 });
    expect(await beadsRowCounts(connection)).toMatchObject({ wisps: 2, wisp_labels: 2 }); // left for the next run
    await connection.end();
  });

  it('a failure rolls back everything it did', async () => {
    const { name, connection } = await beadsDatabase(expired(5));
    // the plan saw wisp_comments; it is gone when the deletes reach it, after the labels went
    await connection.query('DROP TABLE wisp_comments');
    await expect(runDecay(connection, planned(name, { staleOpen: 0, closedExpired: 5, related: 5 }), NOW, 20_000)).rejects.toThrow(/wisp_comments/);
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT (SELECT COUNT(*) FROM wisps) AS wisps, (SELECT COUNT(*) FROM wisp_labels) AS labels');
    expect(rows[0]).toEqual({ wisps: 5, labels: 5 });
    await connection.end();
  });
});
