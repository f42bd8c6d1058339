import { realpathSync } from 'node:fs';
import { git, gitBytes, GitError, gitSucceeds } from '../lib/git.js';

/** The archive repository as gt finds it. */
export type ArchiveFacts =
  /** A work tree on a branch; head is null before its first commit. */
  | { state: 'ok'; head: string | null; branch: string; remoteExists: boolean }
  /** Not something gt may commit to: `reason` says why. */
  | { state: 'invalid'; reason: string };

function realpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

async function optionalLine(repo: string, args: readonly string[]): Promise<string | null> {
  try {
    return (await git(repo, args)).trim() || null;
  } catch (error) {
    if (error instanceof GitError && error.exitCode !== null) return null;
    throw error;
  }
}

/**
 * Whether `repo` is the top of a git work tree on a branch, its HEAD commit, and whether it has `remote`. gt never
 * creates the repository (the operator chooses where the archive lives and where it is pushed).
 */
export async function inspectArchive(repo: string, remote: string): Promise<ArchiveFacts> {
  const real = realpath(repo);
  if (real === null) return { state: 'invalid', reason: `${repo} does not exist` };
  let top: string;
  try {
    top = (await git(repo, ['rev-parse', '--show-toplevel'])).trim();
  } catch (error) {
    return { state: 'invalid', reason: `${repo} is not a git work tree (${(error as Error).message})` };
  }
  if (realpath(top) !== real) return { state: 'invalid', reason: `${repo} is inside the git work tree ${top}, not the top of one` };
  const branch = await optionalLine(repo, ['symbolic-ref', '-q', '--short', 'HEAD']);
  if (branch === null) return { state: 'invalid', reason: `${repo} has a detached HEAD; gt commits only on a branch` };
  const head = await optionalLine(repo, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
  return { state: 'ok', head, branch, remoteExists: await gitSucceeds(repo, ['remote', 'get-url', remote]) };
}

/** The paths (relative to the repository) that differ from HEAD in the index or work tree, untracked ones included. */
export async function uncommittedPaths(repo: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const out = await git(repo, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
  const found: string[] = [];
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    if (entry.length < 4) continue;
    found.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++; // a rename's source follows
  }
  return found;
}

/**
 * The content of each path in commit `head` (null where it has no such file), read by one `git cat-file --batch`
 * whatever the number of paths.
 */
export async function readCommittedFiles(repo: string, head: string | null, paths: readonly string[]): Promise<Map<string, string | null>> {
  const files = new Map<string, string | null>(paths.map((path) => [path, null]));
  if (head === null || paths.length === 0) return files;
  const out = await gitBytes(repo, ['cat-file', '--batch'], { input: paths.map((path) => `${head}:${path}\n`).join('') });
  let offset = 0;
  for (const path of paths) {
    const end = out.indexOf(0x0a, offset);
    if (end < 0) throw new Error(`git cat-file ended early at ${path}`);
    const header = out.subarray(offset, end).toString('utf8').split(' ');
    offset = end + 1;
    if (header[1] !== 'blob') continue; // "<name> missing": no such file at HEAD
    const size = Number(header[2]);
    files.set(path, out.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return files;
}
