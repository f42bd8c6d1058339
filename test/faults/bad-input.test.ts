import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGt } from '../helpers/gt.js';
import { makeTempDir } from '../helpers/env.js';
import { makeTown, type TestTown } from '../helpers/town.js';
import {
  baseRigYaml,
  baseTownYaml,
  DAEMON_JSON,
  malformedConfigs,
  RIG_YAML,
  TOWN_YAML,
  type Category,
  type ConfigCase,
} from './generators/malformed-configs.js';
import { runGtInProcess } from './support/in-process-gt.js';
import { MalformedTown, outcomeTable, type CaseReport, type GtRunner } from './support/malformed-town.js';

const CATEGORIES: Category[] = [
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

function failures(reports: readonly CaseReport[]): string[] {
  return reports.filter((r) => r.problems.length > 0).map((r) => `${r.id} [${r.outcome}]: ${r.problems.join(' | ')}`);
}

/**
 * Every malformed config goes through gt validate, gt diff and gt apply against a town served by a real Dolt server.
 * A config gt refuses must be refused by all three with file:line:col diagnostics (exit 1 / 2 / 2) and leave the town
 * as it was, files byte for byte and SQL row for row. A config that loads must be applied correctly: apply exits 0, a
 * following diff finds nothing, the declared databases, remotes and ignore rows are in Dolt (and a config meaning
 * the base one changes nothing). Never a crash. The commands run in this process (the CLI's own commander program)
 * for every case, and as whole `node bin/gt.js` processes for a sample of every category.
 *
 * In-process, the server counts the connections each of a refused config's commands makes: validate and apply must
 * not connect at all (diff only for its early look, which reads), so no SQL can have changed; the real server's rows
 * are compared with the base once per category instead of once per case.
 */
describe('malformed configs through validate, diff and apply', () => {
  let town: TestTown;
  let malformed: MalformedTown;
  let cases: ConfigCase[];
  const inProcessReports: CaseReport[] = [];

  beforeAll(async () => {
    town = await makeTown();
    writeFileSync(join(town.root, RIG_YAML), baseRigYaml(join(town.root, 'remotes')));
    writeFileSync(join(town.root, TOWN_YAML), baseTownYaml());
    const first = await runGt(['apply', '--town', town.root]);
    expect(first.exitCode).toBe(0);
    const base = {
      daemonJson: readFileSync(join(town.root, DAEMON_JSON), 'utf8'),
      rigYaml: readFileSync(join(town.root, RIG_YAML), 'utf8'),
      townYaml: readFileSync(join(town.root, TOWN_YAML), 'utf8'),
    };
    cases = malformedConfigs(base);
    malformed = await MalformedTown.open(town, base);
  }, 120_000);

  afterAll(async () => {
    await malformed?.close();
    await town?.stopServer();
  });

  it('generates at least 200 distinct cases across every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const category of CATEGORIES) expect(cases.filter((c) => c.category === category).length).toBeGreaterThan(0);
  });

  it('every case, run in-process: a located error and an unchanged town, or a correctly applied config; never a crash', async () => {
    const sqlChanged: string[] = [];
    for (const category of CATEGORIES) {
      for (const testCase of cases.filter((c) => c.category === category)) {
        inProcessReports.push(await malformed.runCase(testCase, runGtInProcess, { countConnections: true }));
      }
      // the real server's rows after the category's cases (its refused ones never reached the server)
      sqlChanged.push(...(await malformed.differencesFromBase()).map((path) => `${category}: ${path}`));
    }
    process.stdout.write(
      `\n${outcomeTable(inProcessReports, `malformed configs: gt validate, diff and apply in-process, ${cases.length} cases`)}\n`,
    );
    expect(inProcessReports).toHaveLength(cases.length);
    expect(failures(inProcessReports)).toEqual([]);
    // most cases are refused, and some that load really change the town (so the correct-result checks ran)
    expect(inProcessReports.filter((r) => r.outcome === 'error').length).toBeGreaterThanOrEqual(200);
    expect(inProcessReports.filter((r) => r.outcome === 'converged').length).toBeGreaterThan(0);
    expect(sqlChanged).toEqual([]);
    // the counter does see gt's connections: diff's early look made some (so the zero counts mean something)
    expect(malformed.diffConnections).toBeGreaterThan(0);
  }, 300_000);

  it('a sample of every category, either cases included, as whole node bin/gt.js processes: the same results, no stack trace', async () => {
    const sample = processSample(cases, inProcessReports);
    expect(new Set(sample.map((c) => c.category))).toEqual(new Set(CATEGORIES));
    expect(sample.filter((c) => c.expect === 'either').length).toBeGreaterThanOrEqual(5);
    // a fresh parsed-YAML cache: the processes parse every text themselves
    const cacheDir = makeTempDir('gt-cache');
    const runProcess: GtRunner = (args) => runGt(args, { env: { GT_CACHE_DIR: cacheDir } });
    const reports: CaseReport[] = [];
    for (const testCase of sample) reports.push(await malformed.runCase(testCase, runProcess, { parallel: true }));
    process.stdout.write(`\n${outcomeTable(reports, `malformed configs: a sample as node bin/gt.js processes, ${sample.length} cases`)}\n`);
    expect(failures(reports)).toEqual([]);
    // each process run came to the outcome its in-process run did
    const inProcess = new Map(inProcessReports.map((r) => [r.id, r.outcome]));
    expect(reports.map((r) => `${r.id}: ${r.outcome}`)).toEqual(
      reports.map((r) => `${r.id}: ${inProcess.get(r.id) ?? 'not run in-process'}`),
    );
    expect(await malformed.differencesFromBase()).toEqual([]);
  }, 300_000);
});

/**
 * Per category: the first case of each outcome its in-process run had, the first 'either' case of each outcome
 * included, so refused, unchanged and converged configs all run as whole processes in every category that has them.
 */
function processSample(cases: ConfigCase[], reports: readonly CaseReport[]): ConfigCase[] {
  const outcomes = new Map(reports.map((r) => [r.id, r.outcome]));
  if (outcomes.size < cases.length) throw new Error('the in-process run did not finish: no sample to take');
  const taken = new Set<string>();
  return cases.filter((testCase) => {
    const key = `${testCase.category} ${testCase.expect === 'either'} ${outcomes.get(testCase.id)}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
}
