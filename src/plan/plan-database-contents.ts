import type { DesiredDatabase } from '../config/desired.js';
import { maskUrl } from '../lib/mask.js';
import type { ObservedIgnore, ObservedRemote } from '../observe/observed.js';
import { declaredAt } from './source-label.js';
import type { IgnoreAction, RemoteAction } from './types.js';

function remote(
  database: string,
  name: string,
  verb: RemoteAction['verb'],
  code: RemoteAction['code'],
  fromUrl: string | null,
  toUrl: string | null,
  reason: string,
): RemoteAction {
  return {
    kind: 'remote',
    id: `remote/${database}/${name}`,
    verb,
    code,
    database,
    name,
    fromUrl,
    toUrl,
    before: fromUrl === null ? null : maskUrl(fromUrl),
    after: toUrl === null ? null : maskUrl(toUrl),
    reason,
    destructive: false,
    needsRestart: false,
  };
}

/**
 * The declared remotes are the authoritative set: missing ones are added, changed URLs replaced, undeclared ones
 * removed. `live` is empty for a database about to be created. Nothing when the manifest declares no remotes.
 */
export function planRemotes(townRoot: string, database: DesiredDatabase, live: ObservedRemote[]): RemoteAction[] {
  if (database.remotes === null) return [];
  const at = () => declaredAt(townRoot, database); // only when a reason needs it
  const actions: RemoteAction[] = [];
  for (const wanted of database.remotes) {
    const found = live.find((r) => r.name === wanted.name);
    if (found === undefined) {
      actions.push(remote(database.name, wanted.name, 'create', 'remote-missing', null, wanted.url, `declared in ${at()}; missing`));
    } else if (found.url !== wanted.url) {
      actions.push(
        remote(
          database.name,
          wanted.name,
          'update',
          'remote-url-changed',
          found.url,
          wanted.url,
          `URL differs from ${at()}; Dolt has no set-url, so apply removes the remote and adds it again`,
        ),
      );
    }
  }
  for (const extra of live) {
    if (database.remotes.some((r) => r.name === extra.name)) continue;
    actions.push(
      remote(
        database.name,
        extra.name,
        'delete',
        'remote-undeclared',
        extra.url,
        null,
        `not declared in ${at()}, whose remotes are the authoritative set; removing a remote loses no data`,
      ),
    );
  }
  return actions;
}

function ignore(
  database: string,
  pattern: string,
  verb: IgnoreAction['verb'],
  code: IgnoreAction['code'],
  before: ObservedIgnore | null,
  reason: string,
): IgnoreAction {
  return {
    kind: 'ignore',
    id: `ignore/${database}/${pattern}`,
    verb,
    code,
    database,
    pattern,
    before,
    after: { pattern, ignored: true },
    reason,
    destructive: false,
    needsRestart: false,
  };
}

/** Declared patterns must be present with ignored = true; patterns nobody declared are left alone. */
export function planIgnore(townRoot: string, database: DesiredDatabase, live: ObservedIgnore[]): IgnoreAction[] {
  const at = () => declaredAt(townRoot, database); // only when a reason needs it
  const actions: IgnoreAction[] = [];
  for (const pattern of database.ignore) {
    const found = live.find((row) => row.pattern === pattern);
    if (found === undefined) {
      actions.push(ignore(database.name, pattern, 'create', 'ignore-missing', null, `declared in ${at()}; missing from dolt_ignore`));
    } else if (!found.ignored) {
      actions.push(
        ignore(
          database.name,
          pattern,
          'update',
          'ignore-disabled',
          { pattern, ignored: false },
          `in dolt_ignore with ignored = false; ${at()} requires ignored = true`,
        ),
      );
    }
  }
  return actions;
}
