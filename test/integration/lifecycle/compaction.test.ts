/**
 * The compaction engine on a real server, a beads-shaped database (dolt-ignored wisps included) and an agent
 * committing the whole time: flatten and surgical keep every row, the restore point holds the old history,
 * and a busy lock, a diverged remote and an interrupted run's leftovers are handled as the issue says.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { compactDatabase } from '../../../src/lifecycle/compaction/engine.js';
import { compactionLockName } from '../../../src/lifecycle/compaction/named-lock.js';
import { readRestorePointRecord, restorePointName } from '../../../src/lifecycle/compaction/restore-points.js';
import { flattenedMessage } from '../../../src/lifecycle/compaction/rewrite.js';
import { FOLDED_MESSAGE, keptMarkerMessage, SEAM_SWAP_MESSAGE } from '../../../src/lifecycle/compaction/surgical.js';
import { sameTree } from '../../../src/lifecycle/compaction/history.js';
import type { CompactedOutcome, CompactionOutcome, CompactionRequest } from '../../../src/lifecycle/compaction/types.js';
import { restoreAsNewDatabase } from '../../../src/lifecycle/restore.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { beadsRowCounts } from '../../helpers/beads-schema.js';
import { compactionBranches, compactionRequest, createBeadsHistory, historyOf, type LoggedCommit } from '../../helpers/compaction.js';
import { startDoltServer, type TestServer } from '../../helpers/dolt-server.js';
import { makeTempDir } from '../../helpers/env.js';
import { missingRows, startWriter, type WriterReport } from '../../helpers/writer.js';

const WRITER_MESSAGE = /^writer (row \d+|table)$/;
const GT_EMAIL = 'gt@gastown.local';

function compacted(outcome: CompactionOutcome): CompactedOutcome {
  if (outcome.status !== 'compacted') throw new Error(`expected a compaction, got ${JSON.stringify(outcome, null, 2)}`);
  return outcome;
}

describe('compaction engine on a live server', () => {
  let server: TestServer;
  let townRoot: string;
  const connections: mysql.Connection[] = [];
  const request = (database: string, overrides: Partial<CompactionRequest> = {}): CompactionRequest =>
    compactionRequest(server.port, server.dataDir, townRoot, database, overrides);
  const connect = async (database?: string): Promise<mysql.Connection> => {
    const connection = await server.connect(database);
    connections.push(connection);
    return connection;
  };
  const restorePointsOf = (database: string): string[] => {
    const dir = join(townPaths(townRoot).restorePointsDir, database);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };

  beforeAll(async () => {
    server = await startDoltServer();
    townRoot = makeTempDir('town');
  });

  afterAll(async () => {
    for (const connection of connections) connection.destroy();
    await server?.stop();
  });

  /** Compacts `database` while an agent commits before, during and after; returns the outcome and what the agent saw. */
  async function compactUnderWriter(database: string, overrides: Partial<CompactionRequest>): Promise<{ outcome: CompactedOutcome; report: WriterReport; committedBefore: number[] }> {
    const writer = await startWriter({ port: server.port, database, pauseMs: 5 });
    await writer.committedMore(5);
    const partial = await writer.stop();
    const committedBefore = [...partial.committed];
    const running = await startWriter({ port: server.port, database, pauseMs: 5 });
    const outcome = compacted(await compactDatabase(request(database, overrides)));
    await running.committedMore(5);
    const report = await running.stop();
    return { outcome, report: { ...report, committed: [...committedBefore, ...report.committed] }, committedBefore };
  }

  /** What the restore point holds, restored as a new database: its commit count and every table's rows. */
  async function restored(database: string, outcome: CompactedOutcome): Promise<{ commits: number; counts: Record<string, number>; ids: Set<number> }> {
    const connection = await connect();
    const target = `${database}_restored`;
    await restoreAsNewDatabase(connection, { url: outcome.restorePoint.url, label: outcome.restorePoint.name }, target);
    await connection.query(`USE \`${target}\``);
    const [[log], [ids]] = await Promise.all([
      connection.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM dolt_log'),
      connection.query<mysql.RowDataPacket[]>('SELECT id FROM writer_rows'),
    ]);
    return { commits: Number(log[0]?.n), counts: await beadsRowCounts(connection), ids: new Set(ids.map((row) => Number(row.id))) };
  }

  /** main's history: the root, gt's marker, gt's one commit holding the tables, then only the agent's commits. */
  async function expectFlattenedHistory(connection: mysql.Connection, outcome: CompactedOutcome): Promise<void> {
    const history = await historyOf(connection);
    expect(history.slice(0, 3).map((commit) => [commit.email, commit.message])).toEqual([
      ['gt-test@gastown.local', 'Initialize data repository'],
      ['gt@gastown.local', `gt compaction: ${outcome.commits.before} commits flattened; the next commit holds their tables`],
      ['gt@gastown.local', flattenedMessage(outcome.commits.before)],
    ]);
    expect(history[1]?.hash).toBe(outcome.built);
    expect(history.slice(3).filter((commit) => !WRITER_MESSAGE.test(commit.message))).toEqual([]);
  }

  it('flatten under a committing agent: 0 writer errors, every row kept, wisps unchanged, root + marker + one commit, restorable', async () => {
    await createBeadsHistory(server.port, 'flat', 120);
    const connection = await connect('flat');
    const countsBefore = await beadsRowCounts(connection);
    const [[{ n: commitsBefore }]] = (await connection.query('SELECT COUNT(*) AS n FROM dolt_log')) as unknown as [[{ n: number }]];

    const { outcome, report, committedBefore } = await compactUnderWriter('flat', { mode: 'flatten' });

    expect(report.errors).toEqual([]);
    expect(await missingRows(server.port, 'flat', report)).toEqual([]);
    expect(await beadsRowCounts(connection)).toEqual(countsBefore);
    await expectFlattenedHistory(connection, outcome);
    expect(outcome.commits.before).toBeGreaterThan(commitsBefore);
    expect(outcome.commits.after).toBeLessThan(outcome.commits.before);
    expect(outcome.storage.after).toBeLessThan(outcome.storage.before as number);
    expect(await compactionBranches(connection)).toEqual([]);
    expect(outcome.timings.map((timing) => timing.step)).toEqual(['lock', 'leftovers', 'divergence', 'restore-point', 'pre-state', 'build', 'swap', 'integrity', 'cleanup', 'gc', 'release']);

    const old = await restored('flat', outcome);
    expect(old.commits).toBeGreaterThanOrEqual(commitsBefore + committedBefore.length);
    expect(old.commits).toBeLessThanOrEqual(outcome.commits.before);
    expect(old.counts).toEqual(countsBefore);
    expect(committedBefore.filter((id) => !old.ids.has(id))).toEqual([]);
    expect(readRestorePointRecord(townRoot, 'flat', outcome.restorePoint.name)?.preState?.commits).toBe(outcome.commits.before);
  });

  /** main's history after a surgical run keeping `kept`: root, squash, the kept commits, marker, folded, then only the agent's. */
  async function expectSurgicalHistory(connection: mysql.Connection, outcome: CompactedOutcome, kept: number): Promise<LoggedCommit[]> {
    const history = await historyOf(connection);
    const gtCommits = (commits: LoggedCommit[]): LoggedCommit[] => commits.filter((commit) => commit.email === GT_EMAIL);
    expect(history[0]?.message).toBe('Initialize data repository');
    expect(history[1]).toMatchObject({ email: GT_EMAIL, message: expect.stringMatching(/^gt compaction: \d+ older commits squashed into one$/) as unknown as string });
    expect(gtCommits(history.slice(2, 2 + kept))).toEqual([]);
    expect(history.slice(2 + kept, 4 + kept).map((commit) => [commit.email, commit.message])).toEqual([
      [GT_EMAIL, keptMarkerMessage(kept)],
      [GT_EMAIL, FOLDED_MESSAGE],
    ]);
    expect(history[2 + kept]?.hash).toBe(outcome.built);
    expect(history.slice(4 + kept).filter((commit) => !WRITER_MESSAGE.test(commit.message))).toEqual([]);
    return history;
  }

  it('surgical under a committing agent: 0 writer errors, every row kept, wisps unchanged, root + squash + kept + marker + folded, restorable', async () => {
    await createBeadsHistory(server.port, 'surg', 120);
    const connection = await connect('surg');
    const countsBefore = await beadsRowCounts(connection);
    const [[{ n: commitsBefore }]] = (await connection.query('SELECT COUNT(*) AS n FROM dolt_log')) as unknown as [[{ n: number }]];

    const { outcome, report, committedBefore } = await compactUnderWriter('surg', { mode: 'surgical', keepRecent: 20 });

    expect(report.errors).toEqual([]);
    expect(await missingRows(server.port, 'surg', report)).toEqual([]);
    expect(await beadsRowCounts(connection)).toEqual(countsBefore);
    await expectSurgicalHistory(connection, outcome, 20);
    expect(outcome.mode).toBe('surgical');
    expect(outcome.commits.after).toBeGreaterThanOrEqual(24);
    expect(outcome.storage.after).toBeLessThan(outcome.storage.before as number);
    expect(await compactionBranches(connection)).toEqual([]);
    expect(outcome.timings.map((timing) => timing.step)).toEqual(['lock', 'leftovers', 'divergence', 'restore-point', 'pre-state', 'build', 'seam', 'swap', 'integrity', 'cleanup', 'gc', 'release']);

    const old = await restored('surg', outcome);
    expect(old.commits).toBeGreaterThanOrEqual(commitsBefore + committedBefore.length);
    expect(old.counts).toEqual(countsBefore);
    expect(committedBefore.filter((id) => !old.ids.has(id))).toEqual([]);
  });

  it('surgical keeps the newest commits as they were (tables, message, author, date) on one commit holding the older ones', async () => {
    await createBeadsHistory(server.port, 'kept', 40);
    const connection = await connect('kept');
    const dated = async (): Promise<{ hash: string; message: string; email: string; date: string }[]> => {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT commit_hash, message, email, date FROM dolt_log ORDER BY commit_order');
      return rows.map((row) => ({ hash: String(row.commit_hash), message: String(row.message), email: String(row.email), date: new Date(row.date as Date).toISOString().slice(0, 19) }));
    };
    const before = await dated();

    const outcome = compacted(await compactDatabase(request('kept', { mode: 'surgical', keepRecent: 10, gc: 'none' })));

    const after = await dated();
    expect(after).toHaveLength(14);
    expect(outcome.commits).toEqual({ before: before.length, after: 14 });
    expect(after[1]?.message).toBe(`gt compaction: ${before.length - 11} older commits squashed into one`);
    expect(await sameTree(connection, after[1]?.hash as string, before.at(-11)?.hash as string)).toBe(true);
    const keptAfter = after.slice(2, 12);
    const keptBefore = before.slice(-10);
    expect(keptAfter.map(({ message, email, date }) => ({ message, email, date }))).toEqual(keptBefore.map(({ message, email, date }) => ({ message, email, date })));
    for (const [i, commit] of keptAfter.entries()) {
      expect(await sameTree(connection, commit.hash, keptBefore[i]?.hash as string)).toBe(true);
    }
    expect(await sameTree(connection, after[13]?.hash as string, before.at(-1)?.hash as string)).toBe(true);
  });

  it('surgical interrupted between its two swaps: main holds the seam until the next run finishes the second swap and checks both', async () => {
    await createBeadsHistory(server.port, 'seam', 30);
    const connection = await connect('seam');
    const countsBefore = await beadsRowCounts(connection);
    const stopAfterSeam = (step: string): void => {
      if (step === 'seam') throw new Error('interrupted after the first swap');
    };

    await expect(compactDatabase(request('seam', { mode: 'surgical', keepRecent: 5, onStep: stopAfterSeam }))).rejects.toThrow('interrupted after the first swap');
    expect((await historyOf(connection)).at(-1)?.message).toBe(SEAM_SWAP_MESSAGE);
    expect(await beadsRowCounts(connection)).toEqual(countsBefore);

    const next = compacted(await compactDatabase(request('seam', { mode: 'surgical', keepRecent: 5 })));
    expect(next.interrupted).toBe('finished');
    expect(next.timings.map((timing) => timing.step)).toEqual(['lock', 'leftovers', 'swap', 'integrity', 'cleanup', 'gc', 'release']);
    await expectSurgicalHistory(connection, next, 5);
    expect(await beadsRowCounts(connection)).toEqual(countsBefore);
    expect(await compactionBranches(connection)).toEqual([]);
  });

  it('surgical on a history no longer than what it keeps: nothing to do, nothing touched', async () => {
    await createBeadsHistory(server.port, 'short', 8);
    const connection = await connect('short');
    const before = await historyOf(connection);

    const outcome = await compactDatabase(request('short', { mode: 'surgical', keepRecent: 50 }));

    expect(outcome).toMatchObject({ status: 'nothing-to-do', reason: expect.stringContaining('nothing to squash') as unknown as string });
    expect(await historyOf(connection)).toEqual(before);
    expect(restorePointsOf('short')).toEqual([]);
  });

  it("uncommitted changes to a tracked table in main's working set: the swap is retried, then fails naming them, main untouched; once committed, the next run compacts", async () => {
    await createBeadsHistory(server.port, 'dirty', 10);
    const connection = await connect('dirty');
    await connection.query("INSERT INTO config (`key`, value) VALUES ('uncommitted', 'by a writer outside a transaction')");
    const before = await historyOf(connection);

    const outcome = await compactDatabase(request('dirty'));

    expect(outcome).toMatchObject({
      status: 'failed',
      step: 'swap',
      mainRewritten: false,
      error: expect.stringMatching(/^the swap failed 10 times in a row on uncommitted changes to config in main's working set, .*; main was not touched$/) as unknown as string,
    });
    expect(await historyOf(connection)).toEqual(before);
    await connection.query("CALL DOLT_COMMIT('-Am', 'writer table config')");

    const next = compacted(await compactDatabase(request('dirty')));
    expect(next.interrupted).toBe('cleaned');
    const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT value FROM config WHERE `key` = 'uncommitted'");
    expect(rows).toHaveLength(1);
  });

  it('busy: another session holds the compaction lock, and nothing is done', async () => {
    await createBeadsHistory(server.port, 'busy', 10);
    const holder = await connect('busy');
    await holder.query('SELECT GET_LOCK(?, 0)', [compactionLockName('busy')]);
    const before = await historyOf(holder);

    const outcome = await compactDatabase(request('busy'));

    expect(outcome).toMatchObject({ status: 'busy', reason: expect.stringContaining('gt-compact:busy') as unknown as string });
    expect(await historyOf(holder)).toEqual(before);
    expect(restorePointsOf('busy')).toEqual([]);
    await holder.query('SELECT RELEASE_LOCK(?)', [compactionLockName('busy')]);
  });

  it('a remote holding a commit main lacks blocks the rewrite with the reason and the fix; nothing is done', async () => {
    await createBeadsHistory(server.port, 'div', 10);
    const connection = await connect('div');
    const remoteDir = join(makeTempDir('remote'), 'div');
    mkdirSync(remoteDir);
    for (const sql of [
      `CALL DOLT_REMOTE('add', 'origin', 'file://${remoteDir}')`,
      "CALL DOLT_PUSH('origin', 'main')",
      "CALL DOLT_CHECKOUT('-b', 'elsewhere')",
      "INSERT INTO issues (id, title, description) VALUES ('remote-only', 'pushed from elsewhere', '')",
      "CALL DOLT_COMMIT('-Am', 'a commit only the remote has')",
      "CALL DOLT_PUSH('--force', 'origin', 'elsewhere:main')",
      "CALL DOLT_CHECKOUT('main')",
      "CALL DOLT_BRANCH('-D', 'elsewhere')",
    ]) {
      await connection.query(sql);
    }
    const before = await historyOf(connection);

    const outcome = await compactDatabase(request('div', { remotes: ['origin'] }));

    expect(outcome).toMatchObject({
      status: 'blocked',
      reasons: [{ reason: 'origin/main has 1 commit main lacks', fix: expect.stringContaining("CALL DOLT_PULL('origin', 'main')") as unknown as string }],
    });
    expect(await historyOf(connection)).toEqual(before);
    expect(restorePointsOf('div')).toEqual([]);
  });

  it('a remote in step: the rewrite reports it diverged because of the rewrite, and the next compaction is not blocked by it', async () => {
    await createBeadsHistory(server.port, 'sync', 10);
    const connection = await connect('sync');
    const remoteDir = join(makeTempDir('remote'), 'sync');
    mkdirSync(remoteDir);
    await connection.query(`CALL DOLT_REMOTE('add', 'origin', 'file://${remoteDir}')`);
    await connection.query("CALL DOLT_PUSH('origin', 'main')");
    const pushed = (await historyOf(connection)).at(-1)?.hash;

    const first = compacted(await compactDatabase(request('sync', { remotes: ['origin'] })));
    expect(first.remotes).toEqual([{ remote: 'origin', remoteHead: pushed, divergedByRewrite: true }]);

    for (let i = 0; i < 3; i++) await connection.query(`CALL DOLT_COMMIT('--allow-empty', '-m', 'more ${i}')`);
    const second = compacted(await compactDatabase(request('sync', { remotes: ['origin'] })));
    expect(second.remotes).toEqual([{ remote: 'origin', remoteHead: pushed, divergedByRewrite: true }]);
  });

  it("an interrupted run's leftovers are cleaned and reported; another tool's branch is reported and kept", async () => {
    await createBeadsHistory(server.port, 'left', 30);
    const connection = await connect('left');
    const interrupted = await connect('left');
    // killed after the build: the marker (an empty commit on the root) made and marked built, main never touched;
    // another tool's compaction branch and a rebase in progress, which are not gt's
    for (const sql of [
      "CALL DOLT_BRANCH('gt-compact-work', 'HEAD~10')",
      "CALL DOLT_CHECKOUT('gt-compact-work')",
      "CALL DOLT_COMMIT('--allow-empty', '-m', 'marker')",
      "CALL DOLT_BRANCH('gt-compact-built', 'gt-compact-work')",
      "CALL DOLT_BRANCH('compact-work', 'main')",
      "CALL DOLT_BRANCH('feature', 'main')",
      "CALL DOLT_CHECKOUT('feature')",
      "CALL DOLT_REBASE('--interactive', 'HEAD~3')",
    ]) {
      await interrupted.query(sql);
    }
    interrupted.destroy();
    const points = join(townPaths(townRoot).restorePointsDir, 'left');
    const partial = restorePointName(new Date(Date.now() - 60_000));
    const expired = restorePointName(new Date(Date.now() - 200 * 3_600_000));
    mkdirSync(join(points, partial), { recursive: true });
    mkdirSync(join(points, expired), { recursive: true });
    writeFileSync(join(points, `${expired}.json`), JSON.stringify({ version: 1, database: 'left', name: expired, url: 'file:///x', takenAt: '', mode: 'flatten' }));

    const outcome = compacted(await compactDatabase(request('left')));

    expect(outcome.interrupted).toBe('cleaned');
    expect(outcome.leftovers.map((l) => [l.kind, l.name, l.action])).toEqual([
      ['work-branch', 'gt-compact-work', 'removed'],
      ['work-branch', 'gt-compact-built', 'removed'],
      ['foreign-branch', 'compact-work', 'reported'],
      ['foreign-branch', 'dolt_rebase_feature', 'reported'],
      ['expired-restore-point', expired, 'removed'],
      ['partial-restore-point', partial, 'removed'],
    ]);
    const [branches] = await connection.query<mysql.RowDataPacket[]>('SELECT name FROM dolt_branches ORDER BY name');
    expect(branches.map((row) => String(row.name))).toEqual(['compact-work', 'dolt_rebase_feature', 'feature', 'main']);
    expect(restorePointsOf('left')).toEqual([outcome.restorePoint.name, `${outcome.restorePoint.name}.json`]);
  });

  it('a row lost by the commit that replaced main fails the integrity check (even where the count hides it): the restore point and the marker are kept', async () => {
    await createBeadsHistory(server.port, 'bad', 20);
    const saboteur = await connect('bad');
    // after the swap gt's commit is replaced by one without a config row, a writer then commits a config row, and a
    // wisp event vanishes from the working set: config's count stays 2, but the tree check finds the lost row
    const onStep = async (step: string): Promise<void> => {
      if (step !== 'swap') return;
      await saboteur.query("DELETE FROM config WHERE `key` = 'compaction_enabled'");
      await saboteur.query("CALL DOLT_COMMIT('-a', '--amend', '-m', 'the swap, losing a row')");
      await saboteur.query("INSERT INTO config (`key`, value) VALUES ('written', 'by a writer')");
      await saboteur.query("CALL DOLT_COMMIT('-Am', 'writer row config')");
      await saboteur.query('DELETE FROM wisp_events LIMIT 1');
    };

    const outcome = await compactDatabase(request('bad', { onStep }));

    if (outcome.status !== 'integrity-failed') throw new Error(`expected an integrity failure, got ${JSON.stringify(outcome)}`);
    expect(outcome.problems).toEqual([
      'table wisp_events has 29 rows, 30 before the compaction',
      expect.stringMatching(/^table config: 1 rows differ between main's head before the swap \(\w+\) and gt's commit that replaced it \(\w+\) \(first key \["compaction_enabled"\]\)$/),
    ]);
    expect(outcome.restorePoint.restoreCommand).toBe(`gt dolt restore bad --from ${outcome.restorePoint.name} --as bad_restored`);
    expect(restorePointsOf('bad')).toEqual([outcome.restorePoint.name, `${outcome.restorePoint.name}.json`]);
    expect(await compactionBranches(saboteur)).toContain('gt-compact-built');

    const again = await compactDatabase(request('bad'));
    expect(again).toMatchObject({ status: 'integrity-failed', interrupted: 'finished', restorePoint: { name: outcome.restorePoint.name } });
  });

  it('restoring refuses a database that exists and never touches it', async () => {
    await createBeadsHistory(server.port, 'keep', 5);
    const outcome = compacted(await compactDatabase(request('keep')));
    const connection = await connect();
    const before = await historyOf(await connect('keep'));
    await expect(restoreAsNewDatabase(connection, { url: outcome.restorePoint.url, label: 'x' }, 'keep')).rejects.toThrow(
      'database keep already exists; gt restores only into a new database, so nothing was changed: choose another name with --as',
    );
    expect(await historyOf(await connect('keep'))).toEqual(before);
  });
});
