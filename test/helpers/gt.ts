import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const gtBin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'gt.js');

export interface GtResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `gt` as a whole process (npm test builds it first), never throwing on a non-zero exit. */
export async function runGt(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<GtResult> {
  const result = await execa('node', [gtBin, ...args], {
    cwd: options.cwd,
    env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1', ...options.env },
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
