import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './env.js';

/** The stand-in for beads' bd (test/fixtures/bd/bd): it records its calls and does in SQL what bd init does. */
export const BD_STUB = fileURLToPath(new URL('../fixtures/bd/bd', import.meta.url));

/** One call of the stub bd: its arguments, working directory and the BEADS_* variables it was given. */
export interface BdCall {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

/** A log file for the stub's calls, and the environment that makes gt run the stub and the stub record there. */
export function bdStub(extra: NodeJS.ProcessEnv = {}): { env: NodeJS.ProcessEnv; calls(): BdCall[] } {
  const log = join(makeTempDir('bd-log'), 'calls.jsonl');
  return {
    env: { GT_BD_BIN: BD_STUB, GT_TEST_BD_LOG: log, ...extra },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as BdCall)
        : [],
  };
}

/**
 * gt's output without the note a town without bd gets in every plan (tests run gt without bd unless they point
 * GT_BD_BIN at the stub): what the output says about everything else.
 */
export function withoutBeadsNote(output: string): string {
  return output
    .split('\n')
    .filter((line) => !(line.startsWith('Note: ') && / not initialized for beads /.test(line)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
