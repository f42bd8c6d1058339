import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { renderServerConfigYaml } from '../../../src/config/server-config-yaml.js';
import { bdProcess, healthyObservation, STOP_SERVERS, townProcess } from './doctor-fixtures.js';
import { convergedObserved, desiredTown, hq, observedServerConfig, rig, stopped, TOWN, withServed } from './fixtures.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Runs in a fresh node process on the built planner (npm test builds it first), so that node's own module loader
 * and fs are what is watched: every synchronous and asynchronous fs call (through the exports every module sees,
 * after syncBuiltinESMExports), every require() and every ESM resolve during one plan() call. It also lists what
 * importing the planner itself resolved, to show it never even imports a parser, a parse cache or the SQL driver.
 */
const WATCHER = `
import fs from 'node:fs';
import Module, { register, syncBuiltinESMExports } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const [planUrl, exportName, inputPath] = process.argv.slice(1);
const { desired, observed, options } = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
const resolved = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (specifier) => resolved.push(specifier));
port1.unref();
const hooks = 'let port; export function initialize(data) { port = data.port; } ' +
  'export async function resolve(specifier, context, next) { port.postMessage(specifier); return next(specifier, context); }';
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
/** Every resolve the hook thread reported until now (a sentinel import flushes the ordered port). */
async function resolvedSoFar() {
  const sentinel = 'data:text/javascript,export default ' + Math.random();
  await import(sentinel);
  while (!resolved.includes(sentinel)) await new Promise((done) => setTimeout(done, 5));
  return resolved.splice(0).filter((specifier) => specifier !== sentinel);
}

const plan = (await import(planUrl))[exportName];
const importedByPlanner = await resolvedSoFar();

const calls = [];
const watched = [fs, fs.promises];
const restore = [];
for (const target of watched) {
  for (const [name, original] of Object.entries(target)) {
    if (typeof original !== 'function' || /^[A-Z]/.test(name)) continue;
    target[name] = function (...args) {
      calls.push('fs.' + name + '(' + String(args[0]) + ')');
      return original.apply(this, args);
    };
    restore.push(() => { target[name] = original; });
  }
}
syncBuiltinESMExports();
const load = Module._load;
Module._load = function (request, ...rest) {
  calls.push('require(' + request + ')');
  return load.call(this, request, ...rest);
};
let result;
try {
  result = plan(desired, observed, options);
} finally {
  Module._load = load;
  for (const undo of restore) undo();
  syncBuiltinESMExports();
}
const loadedDuringPlan = await resolvedSoFar();
process.stdout.write(JSON.stringify({ calls, loadedDuringPlan, importedByPlanner, actions: (result.actions ?? result.plan.actions).map((a) => a.id) }));
`;

interface Watched {
  calls: string[];
  loadedDuringPlan: string[];
  importedByPlanner: string[];
  actions: string[];
}

/** Runs `exportName` of the built `dist/plan/<module>` on `input` (desired, observed, options) under the watcher. */
async function watchPlan(input: unknown, module = 'plan.js', exportName = 'plan'): Promise<Watched> {
  const dir = mkdtempSync(join(tmpdir(), 'gt-plan-purity-'));
  const inputPath = join(dir, 'input.json');
  writeFileSync(inputPath, JSON.stringify(input));
  const planUrl = pathToFileURL(join(repoRoot, 'dist', 'plan', module)).href;
  const { stdout } = await execa('node', ['--no-warnings', '--input-type=module', '-e', WATCHER, planUrl, exportName, inputPath]);
  return JSON.parse(stdout) as Watched;
}

describe('plan() is pure', () => {
  test('planning a realistic town reads no file and loads no module; the planner imports no parser, cache or driver', async () => {
    // Converged, except for a config.yaml an operator commented (no action), a rig to drop (its reason quotes SQL)
    // and a rig not yet created.
    const old = rig('old', { ensure: 'absent' });
    const wyvern = rig('wyvern', { remotes: [{ name: 'origin', url: 'file:///srv/remotes/wyvern' }], ignore: ['wisps_*'] });
    const desired = desiredTown([hq(), wyvern, rig('gryphon'), old]);
    let observed = convergedObserved(desiredTown([hq(), wyvern]));
    observed = withServed(observed, { name: 'old', remotes: [], ignore: [], beadsPrefix: null, unpushed: { commits: 0, dirty: false, detail: '' } });
    observed = { ...observed, serverConfig: observedServerConfig(`# tuned by the operator\n${renderServerConfigYaml(desired.server)}`) };

    const watched = await watchPlan({ desired, observed, options: { prune: true, force: false } });

    expect(watched.actions).toEqual([
      'database/gryphon',
      'database/old',
      'remote/gryphon/origin',
      'ignore/gryphon/wisps',
      'file/mayor/rigs.json',
      'file/gryphon/config.json',
      'file/gryphon/.beads/metadata.json',
      'file/.beads/routes.jsonl',
      'file/daemon/dolt-state.json',
      'beads/gryphon',
    ]);
    expect(watched.calls).toEqual([]);
    expect(watched.loadedDuringPlan).toEqual([]);
    const imported = watched.importedByPlanner.join('\n');
    expect(imported).toContain('plan-server.js');
    expect(imported).not.toMatch(/yaml-documents|yaml-cache|mysql2|^yaml$/m);
  });
});

describe("gt doctor's checks are pure", () => {
  test('diagnosing a town with a problem of every kind reads no file and loads no module', async () => {
    const observed = healthyObservation({
      server: stopped(),
      processes: { source: 'proc', list: [bdProcess(5001, `${TOWN}/wyvern/.beads/dolt`, 39537), townProcess({ pid: 5000 })] },
      served: null,
      onDisk: ['hq', 'testdb_1'],
      incomplete: ['half'],
      files: {
        portFiles: [{ path: `${TOWN}/.beads/dolt-server.port`, port: 1 }],
        metadataPorts: [{ path: `${TOWN}/.beads/metadata.json`, port: 1 }],
        doltPid: { path: `${TOWN}/daemon/dolt.pid`, pid: 9, alive: false, command: null },
        doltStateRunning: null,
        daemonPid: { path: `${TOWN}/daemon/gt-reconciler.pid`, pid: 8, alive: true, command: ['sleep'] },
        bdPids: [],
      },
    });
    const watched = await watchPlan({ desired: desiredTown(), observed, options: STOP_SERVERS }, 'doctor.js', 'diagnose');
    expect(watched.actions).toEqual(['process/5000', 'process/5001', 'file/.beads/dolt-server.port', 'file/.beads/metadata.json', 'file/daemon/dolt.pid', 'file/daemon/gt-reconciler.pid']);
    expect(watched.calls).toEqual([]);
    expect(watched.loadedDuringPlan).toEqual([]);
    expect(watched.importedByPlanner.join('\n')).not.toMatch(/yaml|mysql2|observe\//m);
  });
});
