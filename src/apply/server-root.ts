import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { credentialsIn, globalConfigIn, hasEntries, readGlobalConfig, transferableSettings } from '../observe/server-root.js';

/**
 * Creates the server's own root before its first start, as the plan said: its global config is the settings of the
 * root the server had before (`seedFrom`) without the ones that belong to one server (cluster role, epoch, uuid),
 * and its `.dolt/creds` links to the old root's, so DoltHub credentials stay in one place and keep working. A root
 * that has a global config already is left as it is.
 */
export function prepareServerRoot(rootPath: string, seedFrom: string | null): void {
  const configPath = globalConfigIn(rootPath);
  if (existsSync(configPath)) return;
  mkdirSync(dirname(configPath), { recursive: true, mode: 0o700 });
  const source = seedFrom === null || resolve(seedFrom) === resolve(rootPath) ? null : seedFrom;
  const settings = source === null ? {} : transferableSettings(readGlobalConfig(source) ?? {});
  const credentials = source === null ? null : credentialsIn(source);
  if (credentials !== null && hasEntries(credentials) && !existsSync(credentialsIn(rootPath))) {
    symlinkSync(credentials, credentialsIn(rootPath));
  }
  writeFileAtomic(configPath, `${JSON.stringify(settings)}\n`, 0o600);
}
