import { dirname } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isConfigPath, type ConfigSources } from './config-sources.js';
import { debounce } from './debounce.js';

export interface ConfigWatcher {
  close(): Promise<void>;
}

/** Quiet time after the last change before a reconcile: an editor's save or a `git pull` is a burst of events. */
const SETTLE_MS = 250;
/** A reconcile at least this often while changes keep coming. */
const MAX_WAIT_MS = 2000;

/**
 * Watches the config sources and calls `onChange` (debounced and coalesced) with the paths that changed. It watches
 * the directories holding them, not the files: an editor's atomic save renames a new file over the old one, and a
 * watch on the old inode would go deaf; a manifest directory that does not exist yet is seen when it appears.
 * Resolves once the watches are in place.
 */
export async function watchConfig(
  sources: ConfigSources,
  onChange: (paths: string[]) => void,
  onError: (error: Error) => void,
): Promise<ConfigWatcher> {
  const roots = new Set([dirname(sources.daemonJson), ...sources.manifestDirs.map(dirname), ...sources.manifestFiles.map(dirname)]);
  let changed = new Set<string>();
  const settled = debounce(
    () => {
      const paths = [...changed];
      changed = new Set();
      onChange(paths);
    },
    SETTLE_MS,
    MAX_WAIT_MS,
  );
  const watcher: FSWatcher = watch([...roots], {
    ignoreInitial: true,
    depth: 1,
    ignored: (path: string) => !roots.has(path) && !isConfigPath(sources, path),
  });
  watcher.on('all', (_event, path) => {
    if (!isConfigPath(sources, path)) return;
    changed.add(path);
    settled.poke();
  });
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    async close() {
      settled.cancel();
      await watcher.close();
    },
  };
}
