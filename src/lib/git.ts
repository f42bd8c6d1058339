import { execFile } from 'node:child_process';

/** A git command that failed: its exit code and what it printed on stderr (one line for messages). */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const said = stderr.trim().split('\n').filter(Boolean).slice(-3).join('; ');
    super(`git ${args[0] ?? ''} failed${exitCode === null ? '' : ` (exit ${exitCode})`}${said ? `: ${said}` : ''}`);
  }
}

export interface GitOptions {
  /** Written to git's stdin, then closed. */
  input?: string;
  /** Extra environment (an author, …) over the process's. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Git never waits for a password or an editor (the daemon has no terminal), and prints messages gt can quote. */
const NON_INTERACTIVE: NodeJS.ProcessEnv = { GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', GCM_INTERACTIVE: 'never', LC_ALL: 'C' };

/** At most this much of git's output is kept: a HEAD blob of a large table can be tens of megabytes. */
const MAX_OUTPUT = 1024 * 1024 * 1024;

function run<T extends string | Buffer>(repo: string, args: readonly string[], options: GitOptions, encoding: 'utf8' | 'buffer'): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-C', repo, ...args],
      { env: { ...process.env, ...NON_INTERACTIVE, ...options.env }, timeout: options.timeoutMs ?? 120_000, maxBuffer: MAX_OUTPUT, encoding },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(args, typeof error.code === 'number' ? error.code : null, String(stderr) || error.message));
        else resolve(stdout as T);
      },
    );
    // git may exit before it reads its input (a command that needs none, or one that failed): never an error of ours
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * Runs `git -C <repo> <args>` without a shell (arguments are never parsed by anything but git) and returns stdout.
 * A non-zero exit rejects with a GitError.
 */
export function git(repo: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return run<string>(repo, args, options, 'utf8');
}

/** The same, with stdout as bytes (`git cat-file --batch` counts sizes in bytes). */
export function gitBytes(repo: string, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return run<Buffer>(repo, args, options, 'buffer');
}

/** Like `git`, but a non-zero exit is an answer (false), not an error: `git diff --quiet`, `git remote get-url`. */
export async function gitSucceeds(repo: string, args: readonly string[]): Promise<boolean> {
  try {
    await git(repo, args);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.exitCode !== null) return false;
    throw error;
  }
}
