import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, formatDiagnostic } from '../../src/config/diagnostics.js';
import type { DesiredState } from '../../src/config/desired.js';
import { loadDesiredState } from '../../src/config/load.js';
import { runGt, type GtResult } from '../helpers/gt.js';
import { makeTempDir } from '../helpers/env.js';
import { makeTown, type TestTown } from '../helpers/town.js';
import {
  baseRigYaml,
  baseTownYaml,
  DAEMON_JSON,
  malformedConfigs,
  RIG_YAML,
  TOWN_YAML,
  type BaseTown,
  type Category,
  type ConfigCase,
} from './generators/malformed-configs.js';
import { CRASH } from './support/gt-process.js';
import { snapshotTown } from './support/town-snapshot.js';

/** Characters that must never reach a terminal raw from a diagnostic: controls (C0, DEL, C1), line separators, bidi overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LOCATED = /^(.+):(\d+):(\d+): error GT-E\d{3}: /;

type Outcome = { kind: 'error'; lines: string[] } | { kind: 'loaded'; desired: DesiredState };

function writeCase(root: string, files: ConfigCase['files']): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    if (content === null) rmSync(target, { force: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

function restoreBase(root: string, base: BaseTown, files: ConfigCase['files']): void {
  const original: Record<string, string> = { [DAEMON_JSON]: base.daemonJson, [RIG_YAML]: base.rigYaml, [TOWN_YAML]: base.townYaml };
  for (const path of Object.keys(files)) {
    const text = original[path];
    if (text === undefined) rmSync(join(root, path), { force: true });
    else writeFileSync(join(root, path), text);
  }
}

/** Loads the town in-process; anything but a ConfigError is a crash and fails the test. */
function load(root: string): Outcome {
  try {
    return { kind: 'loaded', desired: loadDesiredState({ town: root, files: [], env: {}, cwd: root }).desired };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { kind: 'error', lines: error.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) };
  }
}

/** The part of a desired state a config's meaning decides (not its text, mode or source positions). */
function meaning(desired: DesiredState): unknown {
  return {
    server: desired.server,
    daemon: desired.daemonConfig.raw,
    databases: desired.databases.map(({ source: _source, ...database }) => database),
  };
}

/** Why the error lines are not clean located diagnostics; null when they are. */
function diagnosticProblem(lines: string[], root: string): string | null {
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

describe('malformed configs', () => {
  let town: TestTown;
  let base: BaseTown;
  let cases: ConfigCase[];

  beforeAll(async () => {
    town = await makeTown();
    const remoteDir = join(town.root, 'remotes');
    writeFileSync(join(town.root, RIG_YAML), baseRigYaml(remoteDir));
    writeFileSync(join(town.root, TOWN_YAML), baseTownYaml());
    const first = await runGt(['apply', '--town', town.root]);
    expect(first.exitCode).toBe(0);
    base = {
      daemonJson: readFileSync(join(town.root, DAEMON_JSON), 'utf8'),
      rigYaml: readFileSync(join(town.root, RIG_YAML), 'utf8'),
      townYaml: readFileSync(join(town.root, TOWN_YAML), 'utf8'),
    };
    cases = malformedConfigs(base);
  }, 120_000);

  afterAll(async () => {
    await town.stopServer();
  });

  it('generates at least 200 cases across every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const categories: Category[] = [
      'truncated',
      'wrong-type',
      'huge',
      'deep-nesting',
      'control-characters',
      'unicode',
      'sql-metacharacters',
      'duplicate-keys',
      'alias-bomb',
      'bom',
      'crlf',
      'garbage',
    ];
    for (const category of categories) expect(cases.filter((c) => c.category === category).length).toBeGreaterThan(0);
  });

  it('every case loads in-process to a located error or to a valid config, never a crash', () => {
    const scratch = makeTempDir('bad-input');
    cpSync(join(town.root, 'mayor'), join(scratch, 'mayor'), { recursive: true });
    const loadedBase = load(scratch);
    if (loadedBase.kind !== 'loaded') throw new Error(`the base town does not load: ${loadedBase.lines.join('\n')}`);
    const baseMeaning = JSON.stringify(meaning(loadedBase.desired));
    const failures: string[] = [];
    const tally = new Map<Category, { refused: number; loaded: number }>();
    for (const testCase of cases) {
      writeCase(scratch, testCase.files);
      try {
        const outcome = load(scratch);
        const counts = tally.get(testCase.category) ?? { refused: 0, loaded: 0 };
        counts[outcome.kind === 'error' ? 'refused' : 'loaded']++;
        tally.set(testCase.category, counts);
        if (outcome.kind === 'error') {
          const problem = testCase.expect === 'same' ? `refused, but it means the same as the base: ${outcome.lines.join('; ')}` : diagnosticProblem(outcome.lines, scratch);
          if (problem !== null) failures.push(`${testCase.id}: ${problem}`);
        } else if (testCase.expect === 'error') {
          failures.push(`${testCase.id}: loaded, but must be refused`);
        } else if (testCase.expect === 'same' && JSON.stringify(meaning(outcome.desired)) !== baseMeaning) {
          failures.push(`${testCase.id}: loaded to something other than the base`);
        }
      } catch (error) {
        failures.push(`${testCase.id}: crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 600));
      } finally {
        restoreBase(scratch, base, testCase.files);
      }
    }
    process.stdout.write(
      `malformed configs: ${cases.length} cases; ${[...tally].map(([category, c]) => `${category} ${c.refused} refused/${c.loaded} loaded`).join(', ')}\n`,
    );
    expect(failures).toEqual([]);
  }, 120_000);

  it('a sample as whole processes: validate, diff and apply give a clear error or no change, and the town stays as it was', async () => {
    const sample = processSample(cases);
    expect(sample.length).toBeGreaterThanOrEqual(20);
    const initial = await snapshotTown(town);
    const failures: string[] = [];
    for (const testCase of sample) {
      writeCase(town.root, testCase.files);
      try {
        const refused = load(town.root).kind === 'error';
        const before = await snapshotTown(town);
        const args = ['--town', town.root];
        const [validate, diff, apply] = await Promise.all([
          runGt(['validate', ...args]),
          runGt(['diff', ...args]),
          runGt(['apply', ...args]),
        ]);
        const after = await snapshotTown(town);
        if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${testCase.id}: the town changed`);
        const problem = refused ? refusalProblem(validate, diff, apply) : noChangeProblem(validate, diff, apply);
        if (problem !== null) failures.push(`${testCase.id}: ${problem}`);
      } finally {
        restoreBase(town.root, base, testCase.files);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotTown(town)).toEqual(initial);
  }, 180_000);
});

/**
 * Cases to run as whole processes: a few of every category, each one that must be refused or mean the same as the
 * base (a case that loads to a different config would change the town, as it should).
 */
function processSample(cases: ConfigCase[]): ConfigCase[] {
  const perCategory = new Map<Category, number>();
  return cases.filter((testCase) => {
    if (testCase.expect === 'either') return false;
    const taken = perCategory.get(testCase.category) ?? 0;
    if (taken >= 2) return false;
    perCategory.set(testCase.category, taken + 1);
    return true;
  });
}

function outputProblem(name: string, result: GtResult): string | null {
  const output = `${result.stdout}\n${result.stderr}`;
  if (CRASH.test(output)) return `${name} crashed: ${output.slice(0, 400)}`;
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(output)) return `${name} printed a control character`;
  return null;
}

function refusalProblem(validate: GtResult, diff: GtResult, apply: GtResult): string | null {
  for (const [name, result, stream, exitCode] of [
    ['validate', validate, validate.stdout, 1],
    ['diff', diff, diff.stderr, 2],
    ['apply', apply, apply.stderr, 2],
  ] as const) {
    const problem = outputProblem(name, result);
    if (problem !== null) return problem;
    if (result.exitCode !== exitCode) return `${name} exited ${result.exitCode}, not ${exitCode}: ${result.stderr.slice(0, 300)}`;
    if (!/^\S+:\d+:\d+: error GT-E\d{3}: /m.test(stream)) return `${name} named no file:line:col: ${stream.slice(0, 300)}`;
  }
  if (!apply.stderr.includes('gt: the config has errors; nothing was changed')) return 'apply did not say nothing was changed';
  return null;
}

function noChangeProblem(validate: GtResult, diff: GtResult, apply: GtResult): string | null {
  for (const [name, result] of [
    ['validate', validate],
    ['diff', diff],
    ['apply', apply],
  ] as const) {
    const problem = outputProblem(name, result);
    if (problem !== null) return problem;
    if (result.exitCode !== 0) return `${name} exited ${result.exitCode}: ${result.stdout.slice(0, 200)} ${result.stderr.slice(0, 300)}`;
  }
  return apply.stdout.includes('No changes') ? null : `apply did not say "No changes": ${apply.stdout.slice(0, 300)}`;
}
