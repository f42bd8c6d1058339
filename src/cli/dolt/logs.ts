import { existsSync } from 'node:fs';
import { followFile, readLastLines } from '../../lib/tail-file.js';
import type { CommandIO } from '../output.js';
import { runWithDesiredState } from './run.js';

/** `gt dolt logs`: the last lines of the server log (`-n`, default 50); `--follow` keeps printing until Ctrl-C. */
export async function runLogs(io: CommandIO, options: { lines: string; follow?: boolean }): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const count = Number(options.lines);
    if (!/^\d+$/.test(options.lines.trim()) || !Number.isSafeInteger(count)) {
      throw new Error(`-n must be a number of lines, got "${options.lines}"`);
    }
    const logFile = desired.server.logFile.value;
    if (!existsSync(logFile)) throw new Error(`no Dolt server log at ${logFile} yet (gt dolt start writes it)`);
    const { text, size } = readLastLines(logFile, count);
    io.stdout.write(text);
    if (!options.follow) return;

    const stopping = new AbortController();
    const stop = (): void => stopping.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await followFile(logFile, size, (chunk) => io.stdout.write(chunk), stopping.signal);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  });
}
