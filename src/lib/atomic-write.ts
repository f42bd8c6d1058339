import { closeSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes `content` to a new temp file next to `path` with `mode`, synced to disk; returns the temp file's path. */
function writeTemp(path: string, content: string, mode: number): string {
  const temp = join(dirname(path), `.${basename(path)}.tmp.${process.pid}.${randomBytes(4).toString('hex')}`);
  const fd = openSync(temp, 'wx', mode);
  try {
    fchmodSync(fd, mode); // the umask must not narrow the kept mode
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  return temp;
}

function syncDirectory(path: string): void {
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Writes a file atomically: a temp file in the same directory, fsync, rename over the target, fsync the directory.
 * Readers see the old or the new content, never a torn one. The mode is the existing file's, else `defaultMode`.
 */
export function writeFileAtomic(path: string, content: string, defaultMode = 0o644): void {
  let mode = defaultMode;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // new file: default mode
  }
  const temp = writeTemp(path, content, mode);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(path);
}

/**
 * Creates a file atomically and only if it does not exist: the content is published with a hard link, which fails
 * when another writer created the file meanwhile (false; nothing written). Readers never see a torn file.
 */
export function createFileAtomic(path: string, content: string, mode: number): boolean {
  const temp = writeTemp(path, content, mode);
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  syncDirectory(path);
  return true;
}
