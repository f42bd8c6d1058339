import type { DesiredDatabase } from '../config/desired.js';
import { maskUrl } from '../lib/mask.js';
import type { ObservedIgnore, ObservedRemote } from '../observe/observed.js';
import { entryAt } from './source-label.js';
import type { IgnoreAction, RemoteAction } from './types.js';

/** What every remote action of `database` carries besides its verb and URLs. */
function remoteFields(database: string, name: string, reason: string) {
  return { kind: 'remote', id: `remote/${database}/${name}`, database, name, reason, destructive: false, needsRestart: false } as const;
}

function addRemote(database: string, name: string, toUrl: string, reason: string): RemoteAction {
  return { ...remoteFields(database, name, reason), verb: 'create', code: 'remote-missing', toUrl, before: null, after: maskUrl(toUrl) };
}

function replaceRemote(database: string, name: string, fromUrl: string, toUrl: string, reason: string): RemoteAction {
  const fields = remoteFields(database, name, reason);
  return { ...fields, verb: 'update', code: 'remote-url-changed', fromUrl, toUrl, before: maskUrl(fromUrl), after: maskUrl(toUrl) };
}

function removeRemote(database: string, name: string, fromUrl: string, reason: string): RemoteAction {
  return { ...remoteFields(database, name, reason), verb: 'delete', code: 'remote-undeclared', fromUrl, before: maskUrl(fromUrl), after: null };
}

/**
 * The declared remotes are the authoritative set: missing ones are added, changed URLs replaced, undeclared ones
 * removed. `live` is empty for a database about to be created. Nothing when the manifest declares no remotes.
 */
export function planRemotes(townRoot: string, database: DesiredDatabase, live: ObservedRemote[]): RemoteAction[] {
  if (database.remotes === null) return [];
  // only when a reason needs it: the remote's entry, or the list whose absence of a remote is the reason
  const at = (name?: string) => entryAt(townRoot, database, name === undefined ? database.sites.remotes : database.sites.remote[name]);
  const actions: RemoteAction[] = [];
  for (const wanted of database.remotes) {
    const found = live.find((r) => r.name === wanted.name);
    if (found === undefined) {
      actions.push(addRemote(database.name, wanted.name, wanted.url, `declared in ${at(wanted.name)}; missing`));
    } else if (found.url !== wanted.url) {
      actions.push(
        replaceRemote(
          database.name,
          wanted.name,
          found.url,
          wanted.url,
          `URL differs from ${at(wanted.name)}; Dolt has no set-url, so apply removes the remote and adds it again`,
        ),
      );
    }
  }
  for (const extra of live) {
    if (database.remotes.some((r) => r.name === extra.name)) continue;
    actions.push(
      removeRemote(
        database.name,
        extra.name,
        extra.url,
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

/**
 * Patterns in the database's dolt_ignore that its manifest does not declare: gt never deletes a pattern (agents may
 * rely on it), so they are only listed, for the operator to delete by hand. Null when there are none.
 */
export function undeclaredIgnoreNote(database: DesiredDatabase, live: ObservedIgnore[]): string | null {
  const declared = new Set(database.ignore);
  const extra = live.map((row) => row.pattern).filter((pattern) => !declared.has(pattern)).sort();
  if (extra.length === 0) return null;
  return (
    `dolt_ignore of ${database.name}: ${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} present but no longer ` +
    'declared; gt never deletes ignore patterns (delete them by hand if they should go)'
  );
}

/** Declared patterns must be present with ignored = true; patterns nobody declared are left alone. */
export function planIgnore(townRoot: string, database: DesiredDatabase, live: ObservedIgnore[]): IgnoreAction[] {
  const actions: IgnoreAction[] = [];
  for (const pattern of database.ignore) {
    const at = () => entryAt(townRoot, database, database.sites.ignore[pattern]); // only when a reason needs it
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
