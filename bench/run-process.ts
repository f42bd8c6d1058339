import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the bench runs compiled, from dist-bench/bench/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const gtBin = join(repoRoot, 'bin', 'gt.js');

export interface TimedRun {
  /** Wall time from spawn to exit. */
  ms: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process to its end and times it from spawn to exit, as a shell hook would see it. */
export function timeProcess(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TimedRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    let exitedAt = 0;
    let exitCode: number | null = null;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      exitedAt = performance.now();
      exitCode = code;
    });
    child.once('close', () =>
      resolvePromise({
        ms: exitedAt - started,
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

/**
 * The environment gt runs in: no colour, no town from the caller's shell, and no NODE_EXTRA_CA_CERTS: Node reads
 * that bundle at every start (about 80 ms on the reference machine, whose environment sets it), and gt makes no TLS
 * connection, so it would only measure the machine.
 */
export function gtEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GT_TOWN_ROOT;
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** The built `gt` as a whole process (`node bin/gt.js ...args`), timed. */
export function timeGt(args: readonly string[], options: { cwd?: string } = {}): Promise<TimedRun> {
  return timeProcess(process.execPath, [gtBin, ...args], { cwd: options.cwd, env: gtEnv() });
}

/** Like timeGt, but a non-zero exit is an error: the bench only measures runs that did what they should. */
export async function runGtOk(args: readonly string[], expectedExit = 0): Promise<TimedRun> {
  const run = await timeGt(args);
  if (run.exitCode !== expectedExit) {
    throw new Error(`gt ${args.join(' ')} exited ${String(run.exitCode)} (expected ${expectedExit}):\n${run.stderr}${run.stdout}`.trimEnd());
  }
  return run;
}
