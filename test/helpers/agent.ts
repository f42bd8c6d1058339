import type mysql from 'mysql2/promise';

/**
 * An agent still at work on its own connection: it inserts each bead and commits it, a second apart, then
 * disconnects. Run while gt stops or restarts the server, every commit succeeding shows gt waited for it.
 */
export async function commitBeadsSlowly(agent: mysql.Connection, ids: readonly number[]): Promise<void> {
  try {
    for (const id of ids) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await agent.query('INSERT INTO beads VALUES (?)', [id]);
      await agent.query("CALL DOLT_COMMIT('-Am', 'a bead')");
    }
  } finally {
    await agent.end();
  }
}
