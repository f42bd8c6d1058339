import type { RowDataPacket } from 'mysql2/promise';
import { sendSnapshotQuery } from '../../../src/observe/sql-snapshot.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';

describe('the SQL snapshot of a real Dolt server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startDoltServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  async function snapshot(probeUnpushed: string[] = []) {
    const connection = await server.connect();
    try {
      const [shown] = await connection.query<RowDataPacket[]>('SHOW DATABASES');
      return await sendSnapshotQuery(connection, shown.map((row) => String(Object.values(row)[0]))).read(probeUnpushed);
    } finally {
      await connection.end();
    }
  }

  it('reads every database with its remotes and ignore patterns, without system schemas', async () => {
    await server.query('CREATE DATABASE snap_a');
    await server.query('CREATE DATABASE snap_b');
    const a = await server.connect('snap_a');
    try {
      await a.query("CALL DOLT_REMOTE('add', 'origin', 'file:///srv/dolt-remotes/snap_a')");
      await a.query("INSERT INTO dolt_ignore VALUES ('wisps', 1), ('keep_*', 0)");
    } finally {
      await a.end();
    }
    const result = await snapshot();
    expect(result.databases.map((db) => db.name)).toEqual(['snap_a', 'snap_b']);
    const snapA = result.databases[0];
    expect(snapA?.remotes).toEqual([{ name: 'origin', url: 'file:///srv/dolt-remotes/snap_a' }]);
    expect(snapA?.ignore).toEqual(
      expect.arrayContaining([
        { pattern: 'wisps', ignored: true },
        { pattern: 'keep_*', ignored: false },
      ]),
    );
    expect(result.databases[1]).toEqual({ name: 'snap_b', remotes: [], ignore: [], unpushed: null });
  });

  it('takes the same number of round trips for 50 databases as for 2', async () => {
    const small = await snapshot();
    expect(small.databases).toHaveLength(2);
    const connection = await server.connect();
    try {
      for (let i = 0; i < 48; i++) await connection.query(`CREATE DATABASE snap_many_${i}`);
    } finally {
      await connection.end();
    }
    const large = await snapshot();
    expect(large.databases).toHaveLength(50);
    expect(large.roundTrips).toBe(small.roundTrips);
  });

  it('counts the commits a drop would lose for the databases it is asked to probe', async () => {
    const connection = await server.connect('snap_b');
    try {
      await connection.query('CREATE TABLE beads (id INT PRIMARY KEY)');
      await connection.query("CALL DOLT_COMMIT('-Am', 'add beads')");
      await connection.query('INSERT INTO beads VALUES (1)');
    } finally {
      await connection.end();
    }
    const result = await snapshot(['snap_b']);
    const snapB = result.databases.find((db) => db.name === 'snap_b');
    expect(snapB?.unpushed).toEqual(expect.objectContaining({ commits: 1, dirty: true }));
    expect(result.databases.find((db) => db.name === 'snap_a')?.unpushed).toBeNull();
  });
});
