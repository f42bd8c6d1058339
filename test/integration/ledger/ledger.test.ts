import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { ISSUES_SCRUB_WHERE, isPollution, LEDGER_TABLES } from '../../../src/observe/ledger-scrub.js';
import { createBeadsSchema } from '../../helpers/beads-schema.js';
import { freePort } from '../../helpers/dolt-server.js';
import { testEnv } from '../../helpers/env.js';
import { runGt } from '../../helpers/gt.js';
import { countStatements } from '../../helpers/statement-count.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { durableIssues, insertLabels, insertLedgerFixture, GAS_TOWN_ORDER_BY } from '../../helpers/ledger-fixture.js';
import { makeTown, type TestTown } from '../../helpers/town.js';
import { missingRows, startWriter } from '../../helpers/writer.js';

const GOLDEN = join(process.cwd(), 'test', 'fixtures', 'ledger');
const DATABASES = { hq: { prefix: 'hq', issues: 30 }, wyvern: { prefix: 'wy', issues: 50 } } as const;

const townYaml = (executor: 'gt' | 'gastown'): string =>
  [
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Town',
    'spec:',
    '  lifecycle:',
    `    executor: ${executor}`,
    '  ledger:',
    '    repo: archive',
    // due again a second later, so gt diff looks at the ledger in every test
    '    interval: 1s',
    '    spike: { threshold: 0.5, minAbsolute: 20 }',
    '',
  ].join('\n');

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

interface PlanJson {
  actions: { id: string; kind: string; verb: string; summary?: string; before: unknown; after: unknown }[];
  blocked: { id: string; code: string; reason: string; hint: string }[];
}

async function diffJson(town: TestTown, args: string[] = []): Promise<{ exitCode: number; plan: PlanJson }> {
  const result = await runGt(['diff', '--town', town.root, '-o', 'json', ...args]);
  return { exitCode: result.exitCode, plan: JSON.parse(result.stdout) as PlanJson };
}

/** The hashes the newest archive commit names, by database. */
function committedHashes(archive: string): Record<string, string> {
  const message = git(archive, ['log', '-1', '--format=%B']);
  return Object.fromEntries([...message.matchAll(/^(\w+) ([0-9a-v]{32}) /gm)].map((match) => [match[1] as string, match[2] as string]));
}

/** What Gas Town's export prints for one table: `dolt sql -r json` through the server, one subprocess per query. */
function gasTownExport(town: TestTown, database: string, table: string, hash: string): string {
  const where = table === 'issues' ? ` WHERE ${ISSUES_SCRUB_WHERE}` : '';
  const { doltBin, doltRootPath } = testEnv();
  const sql = `SELECT * FROM \`${database}\`.\`${table}\` AS OF '${hash}'${where} ORDER BY ${GAS_TOWN_ORDER_BY[table]}`;
  return execFileSync(doltBin, ['--host', '127.0.0.1', '--port', String(town.port), '--no-tls', '-u', 'root', '-p', '', 'sql', '-r', 'json', '-q', sql], {
    encoding: 'utf8',
    env: { ...process.env, DOLT_ROOT_PATH: doltRootPath },
    cwd: town.root,
  });
}

describe('the ledger: a scrubbed JSONL export of each database to a git archive', () => {
  let town: TestTown;
  let archive: string;
  let remote: string;

  beforeAll(async () => {
    const port = await freePort();
    town = await makeTown([], { port, daemon: { ...defaultDaemonConfig(), env: { GT_DOLT_PORT: String(port) } } });
    town.writeRig({ name: 'wyvern', prefix: 'wy' });
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    for (const [name, { prefix, issues }] of Object.entries(DATABASES)) {
      const connection = await town.connect(name);
      await createBeadsSchema(connection);
      await insertLedgerFixture(connection, prefix, issues);
      await connection.end();
    }
    archive = join(town.root, 'archive');
    remote = join(town.root, 'archive-remote.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
    mkdirSync(archive);
    git(archive, ['init', '-q', '-b', 'main']);
    writeFileSync(join(archive, 'README'), 'the ledger\n');
    git(archive, ['add', 'README']);
    git(archive, ['commit', '-q', '-m', 'start']);
    git(archive, ['remote', 'add', 'origin', remote]);
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), townYaml('gt'));
  }, 180_000);

  afterAll(async () => {
    await town.stopServer();
  });

  it('gt diff shows each table as a resource; gt apply exports the golden files in one commit by gt, pushed', async () => {
    const diff = await diffJson(town);
    expect(diff.exitCode).toBe(1);
    const ledger = diff.plan.actions.filter((a) => a.kind === 'ledger');
    expect(ledger.map((a) => a.id)).toEqual([...['hq', 'wyvern'].flatMap((db) => LEDGER_TABLES.map((table) => `ledger/${db}/${table}`))]);
    expect(ledger.find((a) => a.id === 'ledger/wyvern/issues')?.summary).toBe('+50 −0 ~0 records (new file, 50)');
    expect(diff.plan.actions.filter((a) => a.kind === 'ledger-push').map((a) => a.id)).toEqual(['ledger/push/origin']);
    expect(diff.plan.actions.filter((a) => a.kind === 'daemon-config').map((a) => a.id)).toContain('daemon-config/patrols.jsonl_git_backup.enabled');

    const applied = await runGt(['apply', '--town', town.root]);
    expect(applied.exitCode).toBe(0);
    for (const db of Object.keys(DATABASES)) {
      for (const table of LEDGER_TABLES) {
        expect(`${db}/${table}: ${readFileSync(join(archive, db, `${table}.jsonl`), 'utf8')}`).toBe(`${db}/${table}: ${readFileSync(join(GOLDEN, db, `${table}.jsonl`), 'utf8')}`);
      }
    }
    expect(git(archive, ['log', '--format=%an <%ae>|%cn', '-1']).trim()).toBe('gt <gt@gastown.local>|gt');
    expect(Object.keys(committedHashes(archive))).toEqual(['hq', 'wyvern']);
    expect(git(remote, ['rev-parse', 'main'])).toBe(git(archive, ['rev-parse', 'HEAD']));
  });

  it('polluted ids and titles never reach the archive', () => {
    for (const db of Object.keys(DATABASES)) {
      const records = readFileSync(join(archive, db, 'issues.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; title: string });
      expect(records.filter((r) => isPollution(r.id, r.title) || /-wisp-|-cv-|^test|-eph$|-msg$|-gone$|-usage$|-dash$/.test(r.id))).toEqual([]);
      expect(records).toHaveLength(DATABASES[db as keyof typeof DATABASES].issues);
    }
  });

  it('a second run makes no commit, and gt diff then reads nothing of the ledger', async () => {
    const head = git(archive, ['rev-parse', 'HEAD']);
    const again = await runGt(['ledger', 'export', '--town', town.root]);
    expect(again.exitCode).toBe(0);
    expect(git(archive, ['rev-parse', 'HEAD'])).toBe(head);
    // every database due again (its interval passed since gt last checked it), whatever the time this run took
    const statePath = townPaths(town.root).ledgerState;
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { databases: Record<string, { checkedAt: string }> };
    for (const db of Object.values(state.databases)) db.checkedAt = '2026-01-01T00:00:00.000Z';
    writeFileSync(statePath, JSON.stringify(state));
    const { result: diff, statements } = await countStatements(town.port, () => diffJson(town));
    expect(diff.exitCode).toBe(0);
    // the probe, the snapshot's remotes and root hashes (nothing moved, so nothing more), and one that reads every
    // due ledger database's main hash: the archive holds each as of that hash, so none reads a table
    expect(statements).toBe(4);
  });

  it("AS OF the hash in the commit message reproduces the files, as Gas Town's per-table export prints them", async () => {
    // agents move on after the export: the files stay those of the named commit
    const connection = await town.connect('wyvern');
    await connection.query("INSERT INTO issues (id, title, description) VALUES ('wy-later', 'later', '')");
    await connection.query("CALL DOLT_COMMIT('-Am', 'bd: later')");
    await connection.end();
    for (const [db, hash] of Object.entries(committedHashes(archive))) {
      for (const table of LEDGER_TABLES) {
        const lines = readFileSync(join(archive, db, `${table}.jsonl`), 'utf8').split('\n').filter(Boolean);
        const printed = gasTownExport(town, db, table, hash).trim();
        if (table === 'issues') {
          const rows = (JSON.parse(printed) as { rows?: { id: string; title: string }[] }).rows ?? [];
          const kept = rows.filter((row) => !isPollution(row.id, row.title) && lines.some((line) => line.includes(`"id":${JSON.stringify(row.id)}`)));
          expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(kept);
        } else {
          expect(`${db}/${table}: ${printed}`).toBe(`${db}/${table}: ${lines.length === 0 ? '{}' : `{"rows": [${lines.join(',')}]}`}`);
        }
      }
    }
  });

  it('growth in labels does not spike issues; a 60 % drop in issues halts its database without a commit until --accept-spike', async () => {
    const hq = await town.connect('hq');
    await insertLabels(hq, durableIssues('hq', 30).map((issue) => issue.id), 1, 2); // labels 60 → 90 (+50 %)
    await hq.query("CALL DOLT_COMMIT('-Am', 'bd: more labels')");
    await hq.end();
    const grown = await runGt(['ledger', 'export', '--town', town.root, '-o', 'json']);
    expect(grown.exitCode).toBe(0);

    const head = git(archive, ['rev-parse', 'HEAD']);
    const wyvern = await town.connect('wyvern');
    await wyvern.query("DELETE FROM issues WHERE id LIKE 'wy-a%' AND id >= 'wy-a020'"); // 51 → 21 durable issues (−58.8 %)
    await wyvern.query("DELETE FROM issues WHERE id = 'wy-a019'"); // → 20 (−60.8 %)
    await wyvern.query("CALL DOLT_COMMIT('-Am', 'bd: an agent deletes most issues')");
    await wyvern.end();
    const halted = await runGt(['ledger', 'export', '--town', town.root]);
    expect(halted.exitCode).toBe(1);
    expect(git(archive, ['rev-parse', 'HEAD'])).toBe(head);
    const diff = await diffJson(town);
    const spike = diff.plan.blocked.find((b) => b.id === 'ledger/wyvern/issues');
    expect(spike?.code).toBe('ledger-spike');
    expect(spike?.reason).toContain('51 → 20 records (−60.8 %, more than the 50 % a drop may be)');
    // the issues' rows in the other tables went with them (bd's foreign keys cascade): each table is judged on its own
    expect(diff.plan.blocked.filter((b) => b.code === 'ledger-spike').map((b) => b.id)).toEqual(
      ['issues', 'comments', 'dependencies', 'events', 'labels'].map((table) => `ledger/wyvern/${table}`),
    );
    expect(diff.plan.actions.filter((a) => a.kind === 'ledger')).toEqual([]);

    const accepted = await runGt(['apply', '--town', town.root, '--accept-spike', 'wyvern']);
    expect(accepted.exitCode).toBe(0);
    expect(readFileSync(join(archive, 'wyvern', 'issues.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
  });

  it('with agents committing throughout, every table of a database comes from the one commit the message names', async () => {
    const writer = await startWriter({ port: town.port, database: 'wyvern', pauseMs: 0 });
    const agent = await town.connect('wyvern');
    let stop = false;
    const agentWork = (async () => {
      // each commit adds an issue and its label together: a table read at another moment would split them
      for (let n = 0; !stop; n++) {
        await agent.query('BEGIN');
        await agent.query('INSERT INTO issues (id, title, description) VALUES (?, ?, ?)', [`wy-live-${n}`, `live ${n}`, '']);
        await agent.query('INSERT INTO labels (issue_id, label) VALUES (?, ?)', [`wy-live-${n}`, 'live']);
        await agent.query("CALL DOLT_COMMIT('-Am', 'bd: live')");
        await agent.query('COMMIT');
      }
    })();
    await writer.committedMore(3);
    const exported = await runGt(['ledger', 'export', '--town', town.root, '--accept-spike', 'wyvern']);
    stop = true;
    await agentWork;
    await agent.end();
    const report = await writer.stop();
    expect(exported.exitCode).toBe(0);
    expect(report.errors).toEqual([]);
    expect(await missingRows(town.port, 'wyvern', report)).toEqual([]);
    const hash = committedHashes(archive).wyvern as string;
    const issueIds = new Set(readFileSync(join(archive, 'wyvern', 'issues.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id));
    const liveLabels = readFileSync(join(archive, 'wyvern', 'labels.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"label":"live"'));
    const liveIssues = [...issueIds].filter((id) => id.startsWith('wy-live-'));
    expect(liveLabels).toHaveLength(liveIssues.length);
    expect(liveIssues.length).toBeGreaterThan(0);
    const [row] = await town.query<{ issues: number; labels: number }>(
      `SELECT (SELECT COUNT(*) FROM issues AS OF '${hash}' WHERE id LIKE 'wy-live-%') AS issues, ` +
        `(SELECT COUNT(*) FROM labels AS OF '${hash}' WHERE label = 'live') AS labels`,
      'wyvern',
    );
    expect([Number(row?.issues), Number(row?.labels)]).toEqual([liveIssues.length, liveLabels.length]);
  });

  it('refuses an archive with uncommitted changes to its files, and one that is not a git work tree', async () => {
    const connection = await town.connect('hq');
    await connection.query("INSERT INTO issues (id, title, description) VALUES ('hq-new', 'new', '')");
    await connection.query("CALL DOLT_COMMIT('-Am', 'bd: new')");
    await connection.end();
    writeFileSync(join(archive, 'hq', 'config.jsonl'), 'edited by hand\n');
    const dirty = await runGt(['ledger', 'export', '--town', town.root, '--db', 'hq']);
    expect(dirty.exitCode).toBe(1);
    expect(dirty.stdout).toContain('has uncommitted changes to files gt writes: hq/config.jsonl');
    expect(readFileSync(join(archive, 'hq', 'config.jsonl'), 'utf8')).toBe('edited by hand\n');
    git(archive, ['checkout', '--', 'hq/config.jsonl']);

    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), townYaml('gt').replace('repo: archive', 'repo: not-a-repo'));
    mkdirSync(join(town.root, 'not-a-repo'));
    const invalid = await diffJson(town);
    expect(invalid.plan.blocked.map((b) => [b.id, b.code])).toContainEqual(['ledger', 'ledger-repo-invalid']);
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), townYaml('gt'));
  });

  it("with executor gastown, gt exports nothing and converges Gas Town's jsonl_git_backup knobs instead", async () => {
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), townYaml('gastown'));
    const diff = await diffJson(town);
    expect(diff.plan.actions.filter((a) => a.kind === 'ledger' || a.kind === 'ledger-push')).toEqual([]);
    const settings = diff.plan.actions.filter((a) => a.id.startsWith('daemon-config/patrols.jsonl_git_backup.')).map((a) => [a.id, a.after]);
    expect(settings).toEqual([
      ['daemon-config/patrols.jsonl_git_backup.enabled', true],
      ['daemon-config/patrols.jsonl_git_backup.interval', '1s'],
      ['daemon-config/patrols.jsonl_git_backup.databases', ['hq', 'wyvern']],
      ['daemon-config/patrols.jsonl_git_backup.git_repo', archive],
      ['daemon-config/patrols.jsonl_git_backup.spike_threshold', 0.5],
    ]);
    const refused = await runGt(['ledger', 'export', '--town', town.root]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("Gas Town's jsonl_git_backup patrol exports the ledger");
    writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), townYaml('gt'));
  });
});
