import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const gtBin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'bin', 'gt.js');

/** How gt's hints name gt when runGt runs it: `node /abs/bin/gt.js`, as no `gt` on PATH is this one. */
export const GT_COMMAND = `node ${gtBin}`;

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
    // npm_command: not 'exec' as under npx, so gt's hints name it `node …/bin/gt.js` (GT_COMMAND)
    env: { GT_TOWN_ROOT: undefined, NO_COLOR: '1', npm_command: undefined, ...options.env },
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
