import { realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { shellQuote } from './output.js';

function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * How the user runs this gt, for the commands its hints suggest: `gt` only when the `gt` on PATH is this very
 * script (after `npm link`, or Gas Town's own gt would run instead); `npx gt` under npx; else `node SCRIPT`.
 */
export function gtInvocation(script: string | undefined, env: NodeJS.ProcessEnv): string {
  if (env.npm_command === 'exec') return 'npx gt';
  if (script === undefined) return 'gt';
  const self = realPath(script);
  const onPath = (env.PATH ?? '').split(delimiter).find((dir) => dir !== '' && realPath(join(dir, 'gt')) !== null);
  if (self !== null && onPath !== undefined && realPath(join(onPath, 'gt')) === self) return 'gt';
  return `node ${shellQuote(self ?? script)}`;
}
