import { isProcessAlive } from '../../../src/lib/process.js';
import { commitBeadsSlowly } from '../../helpers/agent.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { CONNECTION_GONE, committedDespiteError, missingRows, startWriter } from '../../helpers/writer.js';

describe('gt dolt stop with a client still connected', () => {
  let town: TestTown;

  afterAll(async () => {
    await town.stopServer();
  });

  it('lets the client finish its transaction before SIGTERM, and the work survives the restart', async () => {
    town = await makeTown([{ name: 'wyvern' }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    await town.query('CREATE TABLE beads (id INT PRIMARY KEY)', 'wyvern');
    const pid = town.serverPid() as number;
    const agent = await town.connect('wyvern');
    const stopping = runGt(['dolt', 'stop', '--town', town.root]);
    await commitBeadsSlowly(agent, [1, 2]); // stop waits for this transaction: it commits both
    const stopped = await stopping;
    expect(stopped.exitCode).toBe(0);
    expect(stopped.stdout).toContain(`✓ Dolt server stopped (PID ${pid}, port ${town.port})`);
    expect(isProcessAlive(pid)).toBe(false);

    expect((await runGt(['dolt', 'start', '--town', town.root])).exitCode).toBe(0);
    expect(await town.query('SELECT id FROM beads ORDER BY id', 'wyvern')).toEqual([{ id: 1 }, { id: 2 }]);
  }, 60_000);

  it('with an agent committing the whole time: stops between its transactions, so nothing is lost or misreported', async () => {
    const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 200 });
    await writer.committedMore(3);
    const pid = town.serverPid() as number;
    const stopped = await runGt(['dolt', 'stop', '--town', town.root]);
    const report = await writer.stop(); // it saw the server go; its reconnects fail while it is down
    expect(stopped.exitCode).toBe(0);
    expect(stopped.stdout).toMatch(
      new RegExp(`✓ Dolt server stopped \\(PID ${pid}, port ${town.port}\\): (waited [\\d.]+ s until 1 client connection was between transactions|closed 1 idle client connection)`),
    );
    expect(isProcessAlive(pid)).toBe(false);

    expect((await runGt(['dolt', 'start', '--town', town.root])).exitCode).toBe(0);
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    expect(await committedDespiteError(town.port, 'wyvern', report)).toEqual([]);
    for (const error of report.errors) expect(error).toMatch(CONNECTION_GONE);
  }, 60_000);
});
