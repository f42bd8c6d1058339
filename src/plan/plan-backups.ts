import type { DesiredDatabase } from '../config/desired.js';
import { maskUrl } from '../lib/mask.js';
import type { ObservedRemote } from '../observe/observed.js';
import { entryAt } from './source-label.js';
import type { BackupAction } from './types.js';

function fields(database: string, name: string, reason: string) {
  return { kind: 'backup', id: `backup/${database}/${name}`, database, name, reason, destructive: false, needsRestart: false } as const;
}

/**
 * The declared backups are the authoritative set (DOLT_BACKUP 'add' and 'remove'; a changed URL is removed and added
 * again, as Dolt has no set-url). Removing a backup forgets where it is, it deletes none of its files. Nothing when
 * the manifest does not declare backups; `live` is what dolt_backups holds.
 */
export function planBackups(townRoot: string, database: DesiredDatabase, live: readonly ObservedRemote[]): BackupAction[] {
  const declared = database.backups;
  if (declared === undefined || declared === null) return [];
  const at = (name: string) => entryAt(townRoot, database, database.sites.backup?.[name]);
  const actions: BackupAction[] = [];
  for (const wanted of declared) {
    const found = live.find((backup) => backup.name === wanted.name);
    const base = fields(database.name, wanted.name, '');
    if (found === undefined) {
      const reason = `declared in ${at(wanted.name)}; missing from dolt_backups`;
      actions.push({ ...base, reason, verb: 'create', code: 'backup-missing', toUrl: wanted.url, before: null, after: maskUrl(wanted.url) });
    } else if (found.url !== wanted.url) {
      const reason = `URL differs from ${at(wanted.name)}; Dolt has no set-url, so apply removes the backup and adds it again (its files stay)`;
      const urls = { fromUrl: found.url, toUrl: wanted.url, before: maskUrl(found.url), after: maskUrl(wanted.url) };
      actions.push({ ...base, reason, verb: 'update', code: 'backup-url-changed', ...urls });
    }
  }
  for (const extra of live) {
    if (declared.some((backup) => backup.name === extra.name)) continue;
    const reason = `not declared in ${entryAt(townRoot, database, database.source)}, whose spec.backups is the authoritative set; removing a backup deletes none of its files`;
    actions.push({ ...fields(database.name, extra.name, reason), verb: 'delete', code: 'backup-undeclared', fromUrl: extra.url, before: maskUrl(extra.url), after: null });
  }
  return actions;
}
