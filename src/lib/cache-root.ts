import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * gt's per-user cache directory: `$XDG_CACHE_HOME/gt`, else `~/.cache/gt`. An empty XDG_CACHE_HOME counts as unset, as
 * the XDG Base Directory spec asks (https://specifications.freedesktop.org/basedir-spec/latest/) and as
 * scripts/ensure-dolt.sh's `${XDG_CACHE_HOME:-…}` does, so gt finds the Dolt that script built.
 */
export function gtCacheRoot(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gt');
}
