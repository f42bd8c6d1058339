import type mysql from 'mysql2/promise';

/**
 * An agent still at work on its own connection: one transaction that inserts each bead after a statement that runs
 * a second (`SELECT SLEEP(1)`, a slow query), then commits it and disconnects. Run while gt stops or restarts the
 * server: the commit succeeding shows gt waited for the transaction in flight.
 */
export async function commitBeadsSlowly(agent: mysql.Connection, ids: readonly number[]): Promise<void> {
  try {
    await agent.query('BEGIN');
    for (const id of ids) {
      await agent.query('SELECT SLEEP(1)');
      await agent.query('INSERT INTO beads VALUES (?)', [id]);
    }
    await agent.query("CALL DOLT_COMMIT('-Am', 'beads')");
    await agent.query('COMMIT');
  } finally {
    await agent.end();
  }
}
