import { format } from 'node:util';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/program.js';
import type { GtResult } from '../../helpers/gt.js';

export interface InProcessResult extends GtResult {
  /** What the command threw instead of returning (a real process would print it with its stack and exit 1); null normally. */
  thrown: unknown;
}

type Write = typeof process.stdout.write;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

let running = false;

/** Thrown by process.exit while a command runs in-process. */
class ProcessExit extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`the command called process.exit(${String(code ?? '')})`);
  }
}

function capture(into: string[]): Write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((arg): arg is (error?: Error | null) => void => typeof arg === 'function');
    callback?.();
    return true;
  }) as Write;
}

/**
 * Runs `gt <args>` inside this process, the way bin/gt.js runs it (the same commander program, parseAsync), without
 * the ~250 ms a new Node process costs. stdout and stderr (process streams and console) are captured, process.exitCode
 * is read and reset, NO_COLOR is set as runGt sets it. Commands run one at a time.
 */
export async function runGtInProcess(args: string[]): Promise<InProcessResult> {
  if (running) throw new Error('runGtInProcess: a command is already running in this process');
  running = true;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const saved = {
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    console: CONSOLE_METHODS.map((name) => console[name]),
    noColor: process.env.NO_COLOR,
    exitCode: process.exitCode,
    exit: process.exit,
  };
  process.exitCode = undefined;
  process.env.NO_COLOR = '1';
  // a command that calls process.exit would end the test runner silently (its output is captured): make it throw
  process.exit = ((code?: number | string | null) => {
    throw new ProcessExit(code);
  }) as typeof process.exit;
  process.stdout.write = capture(stdout);
  process.stderr.write = capture(stderr);
  for (const name of CONSOLE_METHODS) {
    const into = name === 'log' || name === 'info' ? stdout : stderr;
    console[name] = (...values: unknown[]) => void into.push(`${format(...values)}\n`);
  }
  let thrown: unknown = null;
  let exitCode: number;
  try {
    const program = buildProgram();
    // a usage error throws a CommanderError instead of calling process.exit (each subcommand needs its own override)
    const overrideExit = (command: Command): void => {
      command.exitOverride();
      command.commands.forEach(overrideExit);
    };
    overrideExit(program);
    await program.parseAsync(['node', 'gt', ...args]);
  } catch (error) {
    thrown = error;
  } finally {
    exitCode = Number(process.exitCode ?? 0);
    process.exit = saved.exit;
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    CONSOLE_METHODS.forEach((name, index) => {
      console[name] = saved.console[index] as (typeof console)[typeof name];
    });
    if (saved.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved.noColor;
    process.exitCode = saved.exitCode;
    running = false;
  }
  if (thrown !== null) {
    // what Node prints for an uncaught rejection, and its exit code
    stderr.push(`${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}\n`);
    exitCode = 1;
  }
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join(''), thrown };
}
