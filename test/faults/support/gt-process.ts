import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import type { GtResult } from '../../helpers/gt.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type RigSpec, type TestTown } from '../../helpers/town.js';

const gtBin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'bin', 'gt.js');

/** What gt must never print, whatever goes wrong: a stack trace or a raw JavaScript error. */
export const CRASH = /TypeError|ReferenceError|RangeError|SyntaxError|at Object\.|^\s+at \S+ \(/m;

export interface RunningGt {
  child: ResultPromise;
  pid: number;
  /** Resolves once stdout matches `pattern` (rejects if gt exits first). */
  printed(pattern: RegExp): Promise<void>;
  result(): Promise<GtResult & { signal: string | undefined }>;
}

/** Starts `gt <args>` as a whole process whose output can be watched while it runs; `env` adds to its environment. */
export function startGt(args: string[], env: NodeJS.ProcessEnv = {}): RunningGt {
  const child = execa('node', [gtBin, ...args], {
    env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1', ...env },
    reject: false,
    stdin: 'ignore',
    timeout: 180_000,
  });
  if (child.pid === undefined) throw new Error('gt did not start');
  let stdout = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters.filter((w) => w.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const done = child.then((r) => ({ exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), signal: r.signal }));
  return {
    child,
    pid: child.pid,
    printed: (pattern) =>
      pattern.test(stdout)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ pattern, resolve });
            void done.then((r) => reject(new Error(`gt exited (${r.exitCode}) before printing ${String(pattern)}:\n${r.stdout}\n${r.stderr}`)));
          }),
    result: () => done,
  };
}

/** The town's databases as SHOW DATABASES lists them (town databases only). */
export async function servedDatabases(town: TestTown): Promise<string[]> {
  const rows = await town.query<{ Database: string }>('SHOW DATABASES');
  return rows.map((row) => row.Database).filter((name) => !['information_schema', 'mysql'].includes(name)).sort();
}

/** gt diff as a whole process finds nothing to change. */
export async function expectNoDifferences(town: TestTown): Promise<void> {
  const diff = await runGt(['diff', '--town', town.root]);
  expect({ exitCode: diff.exitCode, stdout: diff.stdout, stderr: diff.stderr.replace(/^.*warning GT-W.*\n?/gm, '') }).toEqual({
    exitCode: 0,
    stdout: expect.stringContaining('No changes') as unknown as string,
    stderr: '',
  });
}

/**
 * For the enclosing describe: a town with `rigs` declared that `gt apply` converged before its tests, its server
 * stopped after them. Returns the town (call it inside a test).
 */
export function useAppliedTown(rigs: RigSpec[]): () => TestTown {
  let town: TestTown | undefined;
  beforeAll(async () => {
    town = await makeTown(rigs);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
  });
  afterAll(async () => {
    await town?.stopServer();
  });
  return () => {
    if (town === undefined) throw new Error('the applied town is not made yet (call it inside a test)');
    return town;
  };
}
