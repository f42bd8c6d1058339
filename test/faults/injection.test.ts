/**
 * Hostile names and URLs never reach SQL unquoted: names are refused by validation (with file:line:col), and every
 * string that reaches SQL goes through mysql2's quoting, which a real Dolt server gives back byte for byte.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type mysql from 'mysql2/promise';
import { addNamedUrl, ensureIgnorePatterns, removeNamedUrl } from '../../src/apply/sql-actions.js';
import { remoteUrlProblem } from '../../src/config/remote-url.js';
import { quoteIdentifier, quoteString } from '../../src/lib/sql.js';
import { startDoltServer, type TestServer } from '../helpers/dolt-server.js';
import { makeTempDir } from '../helpers/env.js';
import { runGt } from '../helpers/gt.js';
import { CRASH, expectNoDifferences, servedDatabases, useAppliedTown } from './support/gt-process.js';
import { snapshotSql } from './support/town-snapshot.js';

const HOSTILE = ["'", '"', '`', '\\', "'; DROP DATABASE hq; --", '`; DROP DATABASE hq; --`', '\n', '\u0000', 'é', '名前', '\u202e'];

/** A rig manifest with `value` in one field (YAML double-quoted, so any character can be written). */
function manifest(field: 'name' | 'database' | 'prefix' | 'remote', value: string): string {
  const quoted = JSON.stringify(value);
  return [
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Rig',
    'metadata:',
    `  name: ${field === 'name' ? quoted : 'victim'}`,
    'spec:',
    `  prefix: ${field === 'prefix' ? quoted : 'vi'}`,
    ...(field === 'database' ? [`  database: ${quoted}`] : []),
    ...(field === 'remote' ? ['  remotes:', `    - name: ${quoted}`, '      url: file:///srv/dolt-remotes/victim'] : []),
    '',
  ].join('\n');
}

/** Where each field's value sits in manifest(): line and column of the offending value. */
const FIELD_LINE = { name: 4, prefix: 6, database: 7, remote: 8 } as const;

describe('hostile names', () => {
  const appliedTown = useAppliedTown([{ name: 'wyvern' }]);

  it('are refused by validation at their file:line:col, and apply touches nothing', async () => {
    const town = appliedTown();
    const dir = makeTempDir('hostile-names');
    const expected: string[] = [];
    HOSTILE.forEach((value, index) => {
      for (const field of ['name', 'database', 'prefix', 'remote'] as const) {
        const file = join(dir, `${field}-${index}.yaml`);
        writeFileSync(file, manifest(field, value));
        expected.push(`${file}:${FIELD_LINE[field]}:`);
      }
    });
    const before = await snapshotSql(town);

    const validate = await runGt(['validate', '--town', town.root, '-f', dir]);
    expect(validate.exitCode).toBe(1);
    for (const place of expected) expect(validate.stdout).toContain(place);
    expect(validate.stdout).not.toMatch(/[\u0000\u202e]/);

    const apply = await runGt(['apply', '--town', town.root, '-f', dir]);
    expect(apply.exitCode).toBe(2);
    expect(apply.stderr).toContain('gt: the config has errors; nothing was changed');
    expect(`${apply.stdout}${apply.stderr}`).not.toMatch(CRASH);
    expect(await snapshotSql(town)).toEqual(before);
  });
});

describe('hostile URLs and ignore patterns that pass validation', () => {
  const appliedTown = useAppliedTown([{ name: 'wyvern' }]);

  beforeAll(async () => {
    await appliedTown().run([
      'CREATE TABLE canary (id INT PRIMARY KEY, note TEXT)',
      "INSERT INTO canary VALUES (1, 'still here')",
      "CALL DOLT_COMMIT('-Am', 'canary')",
    ], 'wyvern');
  });

  it('are stored verbatim, converge, and leave every other database and table as it was', async () => {
    const town = appliedTown();
    const remotes = town.remoteUrl('hostile');
    const urls = [
      `${remotes}/a'b`,
      `${remotes}/a"b`,
      `${remotes}/a\`b`,
      `${remotes}/x;DROP_DATABASE_hq;--`,
      `${remotes}/'||(SELECT_1)||'`,
      `${remotes}/ünï/名前`,
      "https://dolt.example/db';DROP/**/DATABASE/**/hq;--",
      'https://dolt.example/db?q=%27%3B&x=`y`',
      'https://user:p%40ss%27@dolt.example/db',
      'http://dolt.example/a\\b',
      'aws://[table:bucket]/db`;--',
      'git+https://github.example/org/repo.git?ref=refs/dolt/x;y',
    ];
    for (const url of urls) expect({ url, problem: remoteUrlProblem(url) }).toEqual({ url, problem: null });
    const patterns = ["'; DROP TABLE canary; --", 'a`b', 'wisp\\_%', '名前_*', '"quoted"'];
    const rig = {
      name: 'hostile',
      remotes: urls.map((url, index) => ({ name: `r${index}`, url })),
      ignore: patterns,
    };
    town.writeRig(rig);
    const before = await snapshotSql(town);

    const apply = await runGt(['apply', '--town', town.root]);
    expect(apply.stdout).not.toMatch(CRASH);
    expect(apply.exitCode).toBe(0);

    const stored = await town.query<{ name: string; url: string }>('SELECT name, url FROM dolt_remotes', 'hostile');
    expect(new Map(stored.map((r) => [r.name, r.url]))).toEqual(new Map(rig.remotes.map((r) => [r.name, r.url])));
    const ignored = await town.query<{ pattern: string }>('SELECT pattern FROM dolt_ignore WHERE ignored = 1', 'hostile');
    expect(ignored.map((row) => row.pattern).sort()).toEqual([...patterns].sort());
    await expectNoDifferences(town);

    const after = await snapshotSql(town);
    const { hostile, ...others } = after;
    // the new database holds exactly the declared remotes and patterns, committed by gt, nothing left uncommitted
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect((hostile?.remotes as { name: string; url: string }[]).map(({ name, url }) => ({ name, url })).sort(byName)).toEqual(
      [...rig.remotes].sort(byName),
    );
    expect((hostile?.ignore as { pattern: string; ignored: unknown }[]).map((row) => `${row.pattern} ${Number(row.ignored)}`).sort()).toEqual(
      patterns.map((pattern) => `${pattern} 1`).sort(),
    );
    const [head] = await town.query<{ commit_hash: string; message: string }>(
      'SELECT commit_hash, message FROM dolt_log ORDER BY commit_order DESC LIMIT 1',
      'hostile',
    );
    expect(head?.commit_hash).toBe(hostile?.head);
    expect(head?.message).toMatch(/^gt: ensure dolt_ignore /);
    expect(await town.query('SELECT table_name FROM dolt_status', 'hostile')).toEqual([]);
    expect(others).toEqual(before);
    expect(await servedDatabases(town)).toEqual(['hostile', 'hq', 'wyvern']);
    expect(await town.query('SELECT id, note FROM canary', 'wyvern')).toEqual([{ id: 1, note: 'still here' }]);
  });
});

describe('quoting against a real Dolt server (property-based)', () => {
  let server: TestServer;
  let connection: mysql.Connection;
  let fileBase: string;

  beforeAll(async () => {
    server = await startDoltServer();
    connection = await server.connect();
    await connection.query('CREATE DATABASE quoting');
    await connection.query('CREATE TABLE quoting.canary (id INT PRIMARY KEY)');
    await connection.query('INSERT INTO quoting.canary VALUES (1)');
    fileBase = makeTempDir('remote-urls');
    mkdirSync(fileBase, { recursive: true });
  });

  afterAll(async () => {
    await connection.end();
    await server.stop();
  });

  // Fixed seeds: these properties run against a real server, and a run must be repeatable to be a test in CI.
  const SEED = 20261125;

  const hostileText = fc.string({
    unit: fc.oneof(
      fc.constantFrom("'", '"', '`', '\\', ';', '-', '/', '*', '%', '_', '?', '#', '&', '=', '@', ':', '\n', '\r', '\t', '\u0000', '\u001a'),
      fc.constantFrom(' DROP DATABASE quoting ', "' OR '1'='1", '\\\'', '--', '/*', '*/'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 40,
  });

  it('a quoted string literal comes back byte for byte, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const [rows] = await connection.query(`SELECT ${quoteString(text)} AS v`);
        expect((rows as { v: string }[])[0]?.v).toBe(text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('a quoted identifier names exactly that column, whatever it holds', async () => {
    const identifier = hostileText.filter((text) => text.length > 0 && !text.includes('\u0000') && text.trimEnd() === text);
    await fc.assert(
      fc.asyncProperty(identifier, async (text) => {
        const [, fields] = await connection.query(`SELECT 1 AS ${quoteIdentifier(text)}`);
        expect((fields as { name: string }[])[0]?.name).toBe(text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('a remote URL that passes validation is refused by Dolt or stored verbatim, never rewritten', async () => {
    const urlArb = fc
      .tuple(fc.constantFrom('file', 'https', 'http', 'git+https', 'git+ssh', 'ssh', 'gs', 'aws'), hostileText)
      .map(([scheme, rest]) => (scheme === 'file' ? `file://${fileBase}/${rest}` : `${scheme}://host.example/${rest}`))
      .filter((url) => remoteUrlProblem(url) === null);
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(urlArb, async (url) => {
        try {
          await addNamedUrl(connection, 'remote', 'quoting', 'probe', url);
        } catch (error) {
          expect(String(error)).toMatch(/remote|url|parse|escape|invalid/i);
          return;
        }
        try {
          const [rows] = await connection.query("SELECT url FROM dolt_remotes WHERE name = 'probe'");
          expect((rows as { url: string }[])[0]?.url).toBe(url);
          stored++;
        } finally {
          await removeNamedUrl(connection, 'remote', 'quoting', 'probe');
        }
      }),
      { numRuns: 250, seed: SEED },
    );
    expect(stored).toBeGreaterThan(100);
    const [canary] = await connection.query('SELECT id FROM quoting.canary');
    expect(canary).toEqual([{ id: 1 }]);
  });

  it('ignore patterns that pass validation are stored verbatim in one commit', async () => {
    const pattern = hostileText.filter((text) => text.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(text));
    const patterns = fc.sample(fc.uniqueArray(pattern, { minLength: 20, maxLength: 20 }), { seed: 7, numRuns: 1 })[0] as string[];
    const hash = await ensureIgnorePatterns(connection, 'quoting', patterns);
    expect(hash).toMatch(/^[a-z0-9]{32}$/);
    const [rows] = await connection.query('SELECT pattern FROM dolt_ignore WHERE ignored = 1');
    expect((rows as { pattern: string }[]).map((row) => row.pattern).sort()).toEqual([...patterns].sort());
    const [canary] = await connection.query('SELECT id FROM quoting.canary');
    expect(canary).toEqual([{ id: 1 }]);
  });
});
