import { runGt } from '../../../src/cli/program.js';
import type { OutputStream } from '../../../src/cli/output.js';
import type { GtResult } from '../../helpers/gt.js';

export interface InProcessResult extends GtResult {
  /** What the command threw instead of returning (a real process would print it with its stack and exit 1); null normally. */
  thrown: unknown;
}

function capture(into: string[]): OutputStream {
  return { write: (chunk) => into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), isTTY: false };
}

/**
 * Runs `gt <args>` inside this process, the way bin/gt.js runs it (the same commander program), without the
 * ~250 ms a new Node process costs: gt writes to the streams passed in and returns its exit code. NO_COLOR is set
 * as runGt sets it, then `options.env`; hints name gt `gt`.
 */
export async function runGtInProcess(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<InProcessResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const session = { stdout: capture(stdout), stderr: capture(stderr), env: { ...process.env, NO_COLOR: '1', ...options.env }, invocation: 'gt' };
  let thrown: unknown = null;
  let exitCode: number;
  try {
    exitCode = await runGt(args, session);
  } catch (error) {
    thrown = error;
    // what Node prints for an uncaught rejection, and its exit code
    stderr.push(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitCode = 1;
  }
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join(''), thrown };
}
