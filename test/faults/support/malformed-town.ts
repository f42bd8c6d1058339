import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { ConfigError, formatDiagnostic } from '../../../src/config/diagnostics.js';
import type { DesiredState } from '../../../src/config/desired.js';
import { loadDesiredState } from '../../../src/config/load.js';
import type { GtResult } from '../../helpers/gt.js';
import type { TestTown } from '../../helpers/town.js';
import { DAEMON_JSON, RIG_YAML, TOWN_YAML, type BaseTown, type Category, type ConfigCase } from '../generators/malformed-configs.js';
import { CRASH } from './gt-process.js';
import { runGtInProcess } from './in-process-gt.js';
import { snapshotFiles, snapshotSqlOn, type DatabaseSnapshot, type TownSnapshot } from './town-snapshot.js';

/**
 * What gt made of a malformed config. error: all three commands refused it with located diagnostics and the town is
 * unchanged. unchanged: it loads to the base config's meaning; apply found nothing to do and the town is unchanged.
 * converged: it loads to another config; apply converged the town to it (a following diff finds nothing, the declared
 * rows are there). crash: a stack trace or a thrown error. failed: any other broken expectation.
 */
export type Outcome = 'error' | 'unchanged' | 'converged' | 'crash' | 'failed';
export const OUTCOMES: readonly Outcome[] = ['error', 'unchanged', 'converged', 'crash', 'failed'];

export interface CaseReport {
  id: string;
  category: Category;
  expect: ConfigCase['expect'];
  outcome: Outcome;
  problems: string[];
}

/** Runs `gt <args>`: in this process (runGtInProcess) or as a whole process (runGt). */
export type GtRunner = (args: string[]) => Promise<GtResult & { thrown?: unknown }>;

/**
 * What diff may open before it finds the config refused: the health probe's connection and the snapshot's three more
 * (remotes and ignore patterns at HEAD, the working set's ignore patterns, bd's issue prefixes).
 */
const DIFF_EARLY_LOOK = 4;

/** TCP sockets this process holds (connected or connecting). */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource.startsWith('TCP')).length;
}

/** Waits (up to 5 s) until this process holds at most `count` TCP sockets; false when it still holds more. */
async function socketsBackTo(count: number): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (openSockets() > count) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Characters that must never reach a terminal raw from a diagnostic: controls (C0, DEL, C1), line separators, bidi overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LOCATED = /^(.+):(\d+):(\d+): error GT-E\d{3}: /;
const CLI_LOCATED = /^\S.*:\d+:\d+: error GT-E\d{3}: /m;

type Loaded = { kind: 'error'; lines: string[] } | { kind: 'loaded'; desired: DesiredState };

/** The part of a desired state a config's meaning decides (not its text, mode or source positions). */
function meaning(desired: DesiredState): string {
  return JSON.stringify({
    server: desired.server,
    daemon: desired.daemonConfig.raw,
    databases: desired.databases.map(({ source: _source, sites: _sites, ...database }) => database),
  });
}

/** Paths (below the snapshot's top level) where two snapshots differ, for a failure message. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || path.split('/').length > 3) return [path || '/'];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) =>
    differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`),
  );
}

/** Why the error lines are not clean located diagnostics; null when they are. */
export function diagnosticProblem(lines: string[], root: string): string | null {
  if (lines.length === 0) return 'an error without a diagnostic';
  for (const line of lines) {
    const match = LOCATED.exec(line);
    if (match === null) return `not file:line:col: ${JSON.stringify(line.slice(0, 300))}`;
    const [, file = ''] = match;
    if (!file.startsWith(root) && !file.startsWith('$')) return `names a file outside the town: ${line.slice(0, 300)}`;
    if (UNPRINTABLE.test(line)) return `unprintable character in ${JSON.stringify(line.slice(0, 300))}`;
    if (line.length > 2000) return `a ${line.length}-character diagnostic: ${line.slice(0, 300)}`;
  }
  return null;
}

/** A crash: a thrown error, a stack trace or a raw JavaScript error in the output. */
function crashOf(name: string, result: GtResult & { thrown?: unknown }): string | null {
  const output = `${result.stdout}\n${result.stderr}`;
  if ((result.thrown ?? null) !== null || CRASH.test(output))
    return `${name} crashed (exit ${result.exitCode}): ${output.trim().slice(0, 500)}`;
  return null;
}

function outputProblem(name: string, result: GtResult): string | null {
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(`${result.stdout}${result.stderr}`)) return `${name} printed a control character`;
  return null;
}

function exitProblem(name: string, result: GtResult, allowed: number[]): string | null {
  if (allowed.includes(result.exitCode)) return null;
  return `${name} exited ${result.exitCode}, not ${allowed.join(' or ')}: ${`${result.stdout}\n${result.stderr}`.trim().slice(0, 400)}`;
}

/**
 * The town the malformed configs are tried on: one real Dolt server, the base config applied. Each case writes its
 * files over the base, runs validate, diff and apply, checks what they did, and leaves the town as the base again.
 */
export class MalformedTown {
  readonly root: string;
  private baseSnapshot: TownSnapshot = { files: {}, databases: {} };
  private baseMeaning = '';
  /** Connections the refused configs' diffs made while counted: more than none shows the zero counts mean something. */
  diffConnections = 0;

  private constructor(
    town: TestTown,
    readonly base: BaseTown,
    private readonly connection: Connection,
  ) {
    this.root = town.root;
  }

  /** Call once the base config is applied: records the base town every case must leave behind. */
  static async open(town: TestTown, base: BaseTown): Promise<MalformedTown> {
    const malformed = new MalformedTown(town, base, await town.connect());
    const loaded = malformed.load();
    if (loaded.kind !== 'loaded') throw new Error(`the base town does not load: ${loaded.lines.join('\n')}`);
    malformed.baseMeaning = meaning(loaded.desired);
    malformed.baseSnapshot = await malformed.snapshot();
    return malformed;
  }

  async close(): Promise<void> {
    await this.connection.end();
  }

  async snapshot(): Promise<TownSnapshot> {
    return { files: snapshotFiles(this.root), databases: await snapshotSqlOn(this.connection) };
  }

  /** Whether the town is the base town again; the paths that differ when not. */
  async differencesFromBase(): Promise<string[]> {
    return differences(await this.snapshot(), this.baseSnapshot);
  }

  /** The config as gt's own loader reads it, in this process and with this process's environment, as the commands do. */
  private load(): Loaded {
    try {
      return { kind: 'loaded', desired: loadDesiredState({ town: this.root, files: [], env: process.env, cwd: process.cwd() }).desired };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { kind: 'error', lines: error.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) };
    }
  }

  private writeCase(files: ConfigCase['files']): void {
    for (const [path, content] of Object.entries(files)) {
      const target = join(this.root, path);
      if (content === null) rmSync(target, { force: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
  }

  private restoreFiles(files: ConfigCase['files']): void {
    const original: Record<string, string> = {
      [DAEMON_JSON]: this.base.daemonJson,
      [RIG_YAML]: this.base.rigYaml,
      [TOWN_YAML]: this.base.townYaml,
    };
    for (const path of Object.keys(files)) {
      const text = original[path];
      if (text === undefined) rmSync(join(this.root, path), { force: true });
      else writeFileSync(join(this.root, path), text);
    }
  }

  /**
   * Makes the town the base town again after a case that changed it: databases it created dropped, the commits it
   * made (dolt_ignore rows, which gt adds but never removes) reset away, then the base config applied (remotes).
   * Throws when the town still differs: every later case would be tried on the wrong town.
   */
  async restore(): Promise<void> {
    if ((await this.differencesFromBase()).length === 0) return;
    const now = await snapshotSqlOn(this.connection);
    for (const name of Object.keys(now)) {
      if (!(name in this.baseSnapshot.databases)) await this.connection.query(`DROP DATABASE ${this.connection.escapeId(name)}`);
    }
    for (const [name, base] of Object.entries(this.baseSnapshot.databases)) {
      const current = now[name];
      if (current === undefined || (current.head === base.head && current.workingSet === base.workingSet)) continue;
      await this.connection.query(`USE ${this.connection.escapeId(name)}`);
      await this.connection.query("CALL DOLT_RESET('--hard', ?)", [base.head]);
    }
    const apply = await runGtInProcess(['apply', '--town', this.root]);
    const left = await this.differencesFromBase();
    if (left.length > 0) {
      throw new Error(`cannot restore the base town (${left.join(', ')}); apply exited ${apply.exitCode}: ${apply.stdout}${apply.stderr}`);
    }
  }

  /**
   * Tries one case with `run`: validate, diff and apply, and judges what they did. Leaves the base town behind.
   * `parallel`: a refused config's three commands run at once, as nothing then changes. `countConnections`: a refused
   * config's commands run one at a time while the server counts the connections each makes, so that not reaching the
   * server is checked directly: validate and apply connect to nothing, diff at most for its early look (it starts
   * observing before it reads the manifests, and only reads); the real server's rows are then not read for every case.
   */
  async runCase(testCase: ConfigCase, run: GtRunner, options: { parallel?: boolean; countConnections?: boolean } = {}): Promise<CaseReport> {
    const problems: string[] = [];
    const crashes: string[] = [];
    let outcome: Outcome = 'failed';
    let createdDirs: string[] = [];
    const args = ['--town', this.root];
    const judge = (name: string, result: GtResult & { thrown?: unknown }, exitCodes: number[]): void => {
      const crash = crashOf(name, result);
      if (crash !== null) {
        crashes.push(crash);
        return;
      }
      for (const problem of [outputProblem(name, result), exitProblem(name, result, exitCodes)]) {
        if (problem !== null) problems.push(problem);
      }
    };
    this.writeCase(testCase.files);
    try {
      const loaded = this.load();
      if (loaded.kind === 'error') {
        outcome = 'error';
        if (testCase.expect === 'same')
          problems.push(`refused, but it means the same as the base: ${loaded.lines.join('; ').slice(0, 500)}`);
        const filesBefore = snapshotFiles(this.root);
        const { validate, diff, apply } = options.countConnections
          ? await this.runRefusedCounted(run, problems)
          : await this.runRefused(run, options.parallel === true);
        judge('validate', validate, [1]);
        judge('diff', diff, [2]);
        judge('apply', apply, [2]);
        const shown = validate.stdout.split('\n').filter((line) => / error GT-E\d{3}: /.test(line));
        const diagnostics = diagnosticProblem(shown, this.root);
        if (diagnostics !== null) problems.push(`validate: ${diagnostics}`);
        for (const [name, result] of [
          ['diff', diff],
          ['apply', apply],
        ] as const) {
          if (!CLI_LOCATED.test(result.stderr)) problems.push(`${name} named no file:line:col: ${result.stderr.slice(0, 300)}`);
        }
        if (!apply.stderr.includes('gt: the config has errors; nothing was changed'))
          problems.push('apply did not say nothing was changed');
        const changed = options.countConnections
          ? differences({ files: snapshotFiles(this.root) }, { files: filesBefore })
          : differences(await this.snapshot(), { files: filesBefore, databases: this.baseSnapshot.databases });
        if (changed.length > 0) problems.push(`the town changed: ${changed.join(', ')}`);
      } else {
        const same = meaning(loaded.desired) === this.baseMeaning;
        outcome = same ? 'unchanged' : 'converged';
        if (testCase.expect === 'error') problems.push('loaded, but must be refused');
        if (testCase.expect === 'same' && !same) problems.push('loaded to something other than the base');
        createdDirs = remoteDirsToCreate(loaded.desired);
        const filesBefore = snapshotFiles(this.root);
        const [validate, diff] = options.parallel
          ? await Promise.all([run(['validate', ...args]), run(['diff', ...args])])
          : [await run(['validate', ...args]), await run(['diff', ...args])];
        judge('validate', validate, [0]);
        judge('diff', diff, same ? [0] : [0, 1]);
        const apply = await run(['apply', ...args]);
        judge('apply', apply, [0]);
        const diffAfter = await run(['diff', ...args]);
        judge('diff after apply', diffAfter, [0]);
        if (diffAfter.exitCode === 0 && !diffAfter.stdout.includes('No changes'))
          problems.push(`diff after apply: ${diffAfter.stdout.slice(0, 300)}`);
        const after = await this.snapshot();
        problems.push(...this.declaredProblems(loaded.desired, after.databases));
        if (same) {
          if (!apply.stdout.includes('No changes'))
            problems.push(`apply of the base config's meaning did something: ${apply.stdout.slice(0, 300)}`);
          const changed = differences(after, { files: filesBefore, databases: this.baseSnapshot.databases });
          if (changed.length > 0) problems.push(`the town changed: ${changed.join(', ')}`);
        }
      }
    } catch (error) {
      crashes.push(`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 800));
    } finally {
      this.restoreFiles(testCase.files);
    }
    if (outcome !== 'error' || problems.length > 0 || crashes.length > 0) await this.restore();
    for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
    return {
      id: testCase.id,
      category: testCase.category,
      expect: testCase.expect,
      outcome: crashes.length > 0 ? 'crash' : problems.length > 0 ? 'failed' : outcome,
      problems: [...crashes, ...problems],
    };
  }

  private async runRefused(run: GtRunner, parallel: boolean): Promise<Record<'validate' | 'diff' | 'apply', GtResult>> {
    const args = ['--town', this.root];
    const [validate, diff, apply] = parallel
      ? await Promise.all([run(['validate', ...args]), run(['diff', ...args]), run(['apply', ...args])])
      : [await run(['validate', ...args]), await run(['diff', ...args]), await run(['apply', ...args])];
    return { validate, diff, apply };
  }

  /**
   * A refused config's commands, each counted: the connections the server accepted while it ran (Dolt's Connections
   * status counts every one, a bare TCP connect included; read on this town's own connection, which adds none). A
   * command is done when this process holds no more TCP sockets than before it: a connection it gave up on may still
   * be on its way, and must be counted as its own.
   */
  private async runRefusedCounted(run: GtRunner, problems: string[]): Promise<Record<'validate' | 'diff' | 'apply', GtResult>> {
    const args = ['--town', this.root];
    const counted = async (name: string, most: number): Promise<GtResult> => {
      const before = await this.connectionsAccepted();
      const sockets = openSockets();
      const result = await run([name, ...args]);
      if (!(await socketsBackTo(sockets))) problems.push(`${name} left ${openSockets() - sockets} socket(s) open`);
      const made = (await this.connectionsAccepted()) - before;
      if (made > most) problems.push(`${name} connected to the server ${made} time(s)${most > 0 ? `, more than ${most}` : ''}`);
      if (name === 'diff') this.diffConnections += made;
      return result;
    };
    const validate = await counted('validate', 0);
    const apply = await counted('apply', 0);
    const diff = await counted('diff', DIFF_EARLY_LOOK);
    return { validate, diff, apply };
  }

  /** The connections the server has accepted since it started. */
  private async connectionsAccepted(): Promise<number> {
    const [rows] = await this.connection.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Connections'");
    const value = Number(rows[0]?.Value);
    if (!Number.isInteger(value)) throw new Error('the server has no Connections status counter');
    return value;
  }

  /** Whether the SQL state holds what the config declares: its databases, exactly its remotes, its ignore patterns. */
  private declaredProblems(desired: DesiredState, databases: Record<string, DatabaseSnapshot>): string[] {
    const problems: string[] = [];
    for (const name of Object.keys(this.baseSnapshot.databases)) {
      if (!(name in databases)) problems.push(`database ${name} was dropped`);
    }
    for (const database of desired.databases) {
      if (database.ensure === 'absent') continue;
      const observed = databases[database.name];
      if (observed === undefined) {
        problems.push(`database ${database.name} is declared but missing`);
        continue;
      }
      if (database.remotes !== null) {
        const want = database.remotes.map((r) => `${r.name} ${r.url}`).sort();
        const got = (observed.remotes as { name: string; url: string }[]).map((r) => `${r.name} ${r.url}`).sort();
        if (JSON.stringify(got) !== JSON.stringify(want))
          problems.push(`${database.name} remotes are ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
      }
      const ignored = (observed.ignore as { pattern: string; ignored: unknown }[])
        .filter((row) => Number(row.ignored) === 1)
        .map((row) => row.pattern);
      for (const pattern of database.ignore) {
        if (!ignored.includes(pattern)) problems.push(`${database.name} dolt_ignore lacks ${JSON.stringify(pattern)}`);
      }
    }
    return problems;
  }
}

/**
 * The directories a declared file:// remote makes Dolt create (it creates a missing remote directory on add): for each
 * one that does not exist, its topmost missing ancestor, removed after the case. A truncated or corrupted URL may point
 * anywhere, /tmp included.
 */
function remoteDirsToCreate(desired: DesiredState): string[] {
  const dirs = new Set<string>();
  for (const database of desired.databases) {
    for (const remote of database.remotes ?? []) {
      if (!remote.url.startsWith('file:///')) continue;
      let missing = remote.url.slice('file://'.length);
      if (existsSync(missing)) continue;
      for (let parent = dirname(missing); parent !== missing && !existsSync(parent); parent = dirname(parent)) missing = parent;
      dirs.add(missing);
    }
  }
  return [...dirs];
}

/** Categories × outcomes, one row per category and a total, for the test's output. */
export function outcomeTable(reports: readonly CaseReport[], title: string): string {
  const categories = [...new Set(reports.map((r) => r.category))];
  const header = ['category', 'cases', ...OUTCOMES];
  const count = (rows: readonly CaseReport[]) => [
    String(rows.length),
    ...OUTCOMES.map((o) => String(rows.filter((r) => r.outcome === o).length)),
  ];
  const rows = [header, ...categories.map((c) => [c, ...count(reports.filter((r) => r.category === c))]), ['total', ...count(reports)]];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const rule = '-'.repeat(line(header).length);
  const legend = [
    'error: refused by validate (exit 1), diff and apply (exit 2) with file:line:col diagnostics; town unchanged byte for byte, row for row',
    '  (in-process: files byte for byte, validate and apply connect to no server, diff only for its early look; rows per category)',
    "unchanged: loads to the base config's meaning; apply changed nothing",
    'converged: loads to another config; apply exit 0, then diff exit 0, declared databases/remotes/ignore rows in Dolt',
    'crash: a stack trace or a thrown error; failed: any other broken expectation (listed by the test)',
  ];
  return [title, line(header), rule, ...rows.slice(1, -1).map(line), rule, line(rows[rows.length - 1] ?? []), ...legend].join('\n');
}
