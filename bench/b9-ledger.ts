import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ISSUES_SCRUB_WHERE, LEDGER_TABLES } from '../src/observe/ledger-scrub.js';
import { createBeadsSchema } from '../test/helpers/beads-schema.js';
import { gtBin, gtEnv, timeProcess, type TimedRun } from './run-process.js';
import { BenchTown } from './town.js';
import { GAS_TOWN_ORDER_BY } from '../test/helpers/ledger-fixture.js';

export interface LedgerBenchResult {
  databases: number;
  issuesPerDatabase: number;
  /** Records in the archive after the export (all tables, all databases). */
  records: number;
  /** `gt ledger export` of every database into an empty archive: one process, gt's own connection. */
  gt: { ms: number; peakRssMB: number };
  /** The same again with nothing changed: no table read, no commit. */
  gtAgainMs: number;
  /** Gas Town's way: a `dolt sql -r json -q` process per table, then the same git commit. */
  gasTown: { ms: number; processes: number; largestProcessRssMB: number };
}


/** `/usr/bin/time -f %M` around a command: its wall time, and its peak RSS in MB (the kernel's ru_maxrss). */
async function timedWithRss(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<TimedRun & { rssMB: number }> {
  const run = await timeProcess('/usr/bin/time', ['-f', 'maxrss-kb=%M', command, ...args], options);
  const kb = Number(/maxrss-kb=(\d+)/.exec(run.stderr)?.[1]);
  return { ...run, rssMB: Math.round(kb / 1024) };
}

/** Beads-shaped content: `issues` issues, each with 2 labels, a comment and an event, one commit. */
async function fillDatabase(port: number, database: string, issues: number): Promise<void> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: '', database });
  try {
    await createBeadsSchema(connection);
    for (let start = 0; start < issues; start += 500) {
      const ids = Array.from({ length: Math.min(500, issues - start) }, (_, i) => `${database}-${start + i}`);
      const values = (rows: string[]) => rows.join(', ');
      await connection.query(`INSERT INTO issues (id, title, description, created_at, updated_at) VALUES ${values(ids.map((id) => `('${id}', 'Issue ${id}', 'what ${id} is about, at some length to look like a real description', '2026-01-02 03:04:05', '2026-01-02 03:04:05')`))}`);
      await connection.query(`INSERT INTO labels (issue_id, label) VALUES ${values(ids.flatMap((id) => [`('${id}', 'area:x')`, `('${id}', 'p2')`]))}`);
      await connection.query(`INSERT INTO comments (id, issue_id, author, text) VALUES ${values(ids.map((id) => `('c-${id}', '${id}', 'agent', 'a note')`))}`);
      await connection.query(`INSERT INTO events (id, issue_id, event_type, actor) VALUES ${values(ids.map((id) => `('e-${id}', '${id}', 'created', 'agent')`))}`);
    }
    await connection.query("CALL DOLT_COMMIT('-Am', 'bd: issues')");
  } finally {
    await connection.end();
  }
}

function gitInit(repo: string): void {
  mkdirSync(repo, { recursive: true });
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  writeFileSync(join(repo, 'README'), 'ledger\n');
  execFileSync('git', ['-C', repo, 'add', 'README'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', 'start'], { env });
}

/** Gas Town's export of one table: its own dolt process through the server, the rows compacted one per line. */
async function gasTownTable(doltBin: string, town: BenchTown, repo: string, database: string, table: string): Promise<number> {
  const where = table === 'issues' ? ` WHERE ${ISSUES_SCRUB_WHERE}` : '';
  const sql = `SELECT * FROM \`${database}\`.\`${table}\`${where} ORDER BY ${GAS_TOWN_ORDER_BY[table]}`;
  const run = await timedWithRss(doltBin, ['--host', '127.0.0.1', '--port', String(town.port), '--no-tls', '-u', 'root', '-p', '', 'sql', '-r', 'json', '-q', sql], {
    cwd: town.root,
    env: process.env,
  });
  if (run.exitCode !== 0) throw new Error(`dolt sql on ${database}.${table} exited ${String(run.exitCode)}: ${run.stderr}`);
  const rows = (JSON.parse(run.stdout) as { rows?: unknown[] }).rows ?? [];
  mkdirSync(join(repo, database), { recursive: true });
  writeFileSync(join(repo, database, `${table}.jsonl`), rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
  return run.rssMB;
}

async function gasTownExport(doltBin: string, town: BenchTown, repo: string): Promise<LedgerBenchResult['gasTown']> {
  const started = performance.now();
  let largest = 0;
  for (const database of town.databases) {
    for (const table of LEDGER_TABLES) largest = Math.max(largest, await gasTownTable(doltBin, town, repo, database, table));
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  execFileSync('git', ['-C', repo, 'add', '-A', '.'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', 'backup'], { env });
  return { ms: Math.round(performance.now() - started), processes: town.databases.length * LEDGER_TABLES.length, largestProcessRssMB: largest };
}

function recordsIn(repo: string): number {
  return Number(execFileSync('bash', ['-c', 'cat */*.jsonl | wc -l'], { cwd: repo, encoding: 'utf8' }).trim());
}

/**
 * B9: the ledger export of a town of `databases` beads databases (hq and rigs) with `issues` issues each, by gt (one
 * process, every table AS OF one hash over its own connection) and by Gas Town's way (a dolt process per table) in the
 * same run against the same server, each into its own empty archive.
 */
export async function benchLedger(runRoot: string, doltBin: string, databases: number, issues: number, onTown: (town: BenchTown) => void): Promise<LedgerBenchResult> {
  const town = await BenchTown.create(runRoot, 'ledger', databases - 1);
  onTown(town);
  await town.converge();
  for (const database of town.databases) await fillDatabase(town.port, database, issues);
  const repo = join(town.root, 'archive');
  const gasTownRepo = join(town.root, 'archive-gastown');
  gitInit(repo);
  gitInit(gasTownRepo);
  const townYaml = ['apiVersion: gastown.dev/v1alpha1', 'kind: Town', 'spec:', '  lifecycle:', '    executor: gt', '  ledger:', '    repo: archive', ''].join('\n');
  writeFileSync(join(town.root, 'mayor', 'rigs.d', 'town.yaml'), townYaml);
  await town.settle();

  const gt = await timedWithRss(process.execPath, [gtBin, '--town', town.root, 'ledger', 'export'], { env: gtEnv() });
  if (gt.exitCode !== 0) throw new Error(`gt ledger export exited ${String(gt.exitCode)}:\n${gt.stderr}${gt.stdout}`);
  const again = await timeProcess(process.execPath, [gtBin, '--town', town.root, 'ledger', 'export'], { env: gtEnv() });
  const gasTown = await gasTownExport(doltBin, town, gasTownRepo);
  return {
    databases: town.databases.length,
    issuesPerDatabase: issues,
    records: recordsIn(repo),
    gt: { ms: Math.round(gt.ms), peakRssMB: gt.rssMB },
    gtAgainMs: Math.round(again.ms),
    gasTown,
  };
}

/** B9 as a Markdown table. */
export function renderLedgerBench(result: LedgerBenchResult): string {
  return [
    `### B9: ledger export, ${result.databases} databases × ${result.issuesPerDatabase} issues (${result.records.toLocaleString('en-US')} records)`,
    '',
    '| | wall time | peak RSS |',
    '|---|---|---|',
    `| gt ledger export (one process, AS OF one hash per database) | ${(result.gt.ms / 1000).toFixed(1)} s | ${result.gt.peakRssMB} MB |`,
    `| gt ledger export again, nothing changed | ${(result.gtAgainMs / 1000).toFixed(1)} s | |`,
    `| Gas Town's way: ${result.gasTown.processes} \`dolt sql -r json -q\` processes | ${(result.gasTown.ms / 1000).toFixed(1)} s | ${result.gasTown.largestProcessRssMB} MB (largest process) |`,
    '',
  ].join('\n');
}
