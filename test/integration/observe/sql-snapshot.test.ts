import type { RowDataPacket } from 'mysql2/promise';
import { hasErrors } from '../../../src/config/diagnostics.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { observe } from '../../../src/observe/observe.js';
import { sendSnapshotQuery } from '../../../src/observe/sql-snapshot.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';
import { runGt } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

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
      const pending = sendSnapshotQuery({ primary: connection, open: () => server.connect() }, shown.map((row) => String(Object.values(row)[0])));
      const read = await pending.read(probeUnpushed);
      await pending.release();
      return read;
    } finally {
      await connection.end();
    }
  }

  it('reads every database with its remotes and ignore patterns, without system schemas', async () => {
    await server.query('CREATE DATABASE snap_a');
    await server.query('CREATE DATABASE snap_b');
    await server.run([
      "CALL DOLT_REMOTE('add', 'origin', 'file:///srv/dolt-remotes/snap_a')",
      "INSERT INTO dolt_ignore VALUES ('wisps', 1), ('keep_*', 0)",
      "CALL DOLT_COMMIT('-Am', 'ignore wisps')",
      "INSERT INTO dolt_ignore VALUES ('uncommitted_*', 1)",
    ], 'snap_a');
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
    // dolt_ignore as committed at HEAD: a row only in the working set is drift, not in effect
    expect(snapA?.ignore).not.toContainEqual(expect.objectContaining({ pattern: 'uncommitted_*' }));
    expect(result.databases[1]).toEqual({ name: 'snap_b', remotes: [], ignore: [], beadsPrefix: null, unpushed: null });
  });

  const BD_CONFIG = 'CREATE TABLE config (`key` VARCHAR(255) PRIMARY KEY, `value` TEXT NOT NULL)';

  it("reads bd's issue_prefix where bd initialized the database, also when others have no bd tables", async () => {
    await server.query('CREATE DATABASE snap_bd');
    await server.query('CREATE DATABASE snap_half');
    await server.run([BD_CONFIG, "INSERT INTO config VALUES ('schema_version', '11'), ('issue_prefix', 'sb')"], 'snap_bd');
    // bd's schema without an issue_prefix: what a bd command leaves in a database nobody ran bd init on
    await server.run([BD_CONFIG, "INSERT INTO config VALUES ('schema_version', '11'), ('issue_prefix', '')"], 'snap_half');
    const mixed = await snapshot();
    expect(mixed.databases.map((db) => [db.name, db.beadsPrefix])).toEqual([
      ['snap_a', null],
      ['snap_b', null],
      ['snap_bd', 'sb'],
      ['snap_half', null],
    ]);

    for (const name of ['snap_a', 'snap_b']) await server.run([BD_CONFIG, "INSERT INTO config VALUES ('issue_prefix', 'xx')"], name);
    const initialized = await snapshot();
    expect(initialized.databases.map((db) => [db.name, db.beadsPrefix])).toEqual([
      ['snap_a', 'xx'],
      ['snap_b', 'xx'],
      ['snap_bd', 'sb'],
      ['snap_half', null],
    ]);
  });

  it('counts the commits a drop would lose for the databases it is asked to probe', async () => {
    await server.run([
      'CREATE TABLE beads (id INT PRIMARY KEY)',
      "CALL DOLT_COMMIT('-Am', 'add beads')",
      'INSERT INTO beads VALUES (1)',
    ], 'snap_b');
    const result = await snapshot(['snap_b']);
    const snapB = result.databases.find((db) => db.name === 'snap_b');
    expect(snapB?.unpushed).toEqual(expect.objectContaining({ commits: 1, dirty: true }));
    expect(result.databases.find((db) => db.name === 'snap_a')?.unpushed).toBeNull();
  });
});

describe('a full observation (health probe and snapshot) of a town started by gt', () => {
  let town: TestTown;
  const names: string[] = [];

  beforeAll(async () => {
    town = await makeTown();
    const started = await runGt(['dolt', 'start', '--town', town.root]);
    expect(started.exitCode).toBe(0);
  });

  afterAll(async () => {
    await town.stopServer();
  });

  /** Grows the town to `total` databases (hq, then rigs), each declared, with a remote and two ignore rows. */
  async function growTo(total: number): Promise<void> {
    const connection = await town.connect();
    try {
      while (names.length < total) {
        const name = names.length === 0 ? 'hq' : `rig${String(names.length).padStart(2, '0')}`;
        const remotes = [{ name: 'origin', url: town.remoteUrl(name) }];
        if (name !== 'hq') town.writeRig({ name, prefix: `r${name.slice(3)}`, remotes, ignore: ['wisps', 'wisp_*'] });
        await connection.query(`CREATE DATABASE ${name}`);
        await connection.query(`USE ${name}`);
        await connection.query(`CALL DOLT_REMOTE('add', 'origin', '${town.remoteUrl(name)}')`);
        await connection.query("INSERT INTO dolt_ignore VALUES ('wisps', 1), ('wisp_*', 1)");
        await connection.query("CALL DOLT_COMMIT('-Am', 'ignore wisps')");
        names.push(name);
      }
    } finally {
      await connection.end();
    }
  }

  /** Observes the town as gt diff does, counting the statements the server received meanwhile. */
  async function observeCounted(): Promise<number> {
    const { desired, diagnostics } = loadDesiredState({ town: town.root, files: [], env: process.env, cwd: town.root });
    expect(hasErrors(diagnostics)).toBe(false);
    const { result: observed, statements } = await countStatements(town.port, () => observe(desired));
    expect(observed.server.state).toBe('running');
    expect(observed.databases?.map((db) => db.name)).toEqual([...names].sort());
    for (const db of observed.databases ?? []) {
      expect(db.remotes).toEqual([{ name: 'origin', url: town.remoteUrl(db.name) }]);
      expect(db.ignore).toEqual(
        expect.arrayContaining([
          { pattern: 'wisps', ignored: true },
          { pattern: 'wisp_*', ignored: true },
        ]),
      );
    }
    return statements;
  }

  it("sends the server 6 statements for 50 databases, as for 2: the probe, the snapshot's four parts, bd's tables found", async () => {
    // no database has bd's tables: the read of bd's config is refused at once, and one more statement finds none
    await growTo(2);
    const forTwo = await observeCounted();
    await growTo(50);
    const forFifty = await observeCounted();
    expect({ forTwo, forFifty }).toEqual({ forTwo: 6, forFifty: 6 });
  }, 300_000);

  it('sends 5 statements when bd initialized every database, the usual state of a town that uses bd', async () => {
    for (const name of names) {
      await town.run(['CREATE TABLE config (`key` VARCHAR(255) PRIMARY KEY, `value` TEXT NOT NULL)', "INSERT INTO config VALUES ('issue_prefix', 'p')"], name);
    }
    expect(await observeCounted()).toBe(5);
  }, 300_000);
});
