import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const CHUNK_BYTES = 64 * 1024;

function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(end - start);
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

/** The last `count` lines of `text`, each ending in a newline. */
export function lastLines(text: string, count: number): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (count <= 0 || body === '') return '';
  return `${body.split('\n').slice(-count).join('\n')}\n`;
}

/**
 * The last `count` lines of a file and its size when read. Reads backwards in chunks until it has them, so the tail
 * of a 100 MB log costs no more than the tail.
 */
export function readLastLines(path: string, count: number): { text: string; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const chunks: Buffer[] = [];
    let start = size;
    let newlines = 0;
    // count + 1 newlines: the last line's own newline does not start another line
    while (start > 0 && newlines <= count) {
      const end = start;
      start = Math.max(0, start - CHUNK_BYTES);
      const chunk = readRange(fd, start, end);
      chunks.unshift(chunk);
      for (const byte of chunk) if (byte === 0x0a) newlines++;
    }
    return { text: lastLines(Buffer.concat(chunks).toString('utf8'), count), size };
  } finally {
    closeSync(fd);
  }
}

/**
 * Hands everything appended to the file after `offset` to `write` until `signal` aborts. A file that shrank was
 * truncated (log rotation by copytruncate): it is read again from its start.
 */
export async function followFile(
  path: string,
  offset: number,
  write: (chunk: Buffer) => void,
  signal: AbortSignal,
  pollMs = 200,
): Promise<void> {
  let position = offset;
  while (!signal.aborted) {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // rotated away: wait for the new file
    }
    if (size < position) position = 0;
    if (size > position) {
      const fd = openSync(path, 'r');
      try {
        const chunk = readRange(fd, position, size);
        position += chunk.length;
        write(chunk);
      } finally {
        closeSync(fd);
      }
    }
    await sleep(pollMs, undefined, { signal }).catch(() => undefined);
  }
}
