import { parseGoDuration } from '../lib/go-duration.js';
import type { SourceLocation } from '../lib/location.js';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { DeclaredDuration, DesiredBackup, DesiredRemote } from './desired.js';
import type { Backup, Remote, RigManifest } from './generated/rig-manifest.js';
import type { TownManifest } from './generated/town-manifest.js';
import type { Manifest } from './manifests.js';
import type { DocPath } from './positioned-document.js';
import { remoteUrlProblem } from './remote-url.js';

/**
 * Defaults of the sync settings: Gas Town's dolt_remotes and dolt_backup patrols run every 15 minutes; a push or sync
 * may take two hours, because the first push of a multi-GB database to a git remote takes tens of minutes (Gas Town's
 * 120 s ceiling killed them).
 */
export const SYNC_DEFAULTS = { pushInterval: '15m', backupInterval: '15m', timeout: '2h' } as const;

type AnyManifest = Manifest<RigManifest> | Manifest<TownManifest>;

/** A duration the schema and checkSync accepted: Go syntax, more than 0. */
export function declaredDuration(text: string): DeclaredDuration {
  return { text, ms: Math.round((parseGoDuration(text) ?? 0) / 1e6) };
}

/** A declared remote as gt manages it: pushed (with its interval and timeout) only when `push: true`. */
export function desiredRemote(remote: Remote): DesiredRemote {
  const { name, url } = remote;
  if (remote.push !== true) return { name, url };
  return {
    name,
    url,
    push: {
      interval: declaredDuration(remote.pushInterval ?? SYNC_DEFAULTS.pushInterval),
      timeout: declaredDuration(remote.pushTimeout ?? SYNC_DEFAULTS.timeout),
    },
  };
}

export function desiredBackup(backup: Backup): DesiredBackup {
  return {
    name: backup.name,
    url: backup.url,
    interval: declaredDuration(backup.interval ?? SYNC_DEFAULTS.backupInterval),
    timeout: declaredDuration(backup.timeout ?? SYNC_DEFAULTS.timeout),
  };
}

/** Where each declared backup is, by name. */
export function backupSites({ manifest, document }: AnyManifest): Record<string, SourceLocation> {
  return Object.fromEntries((manifest.spec.backups ?? []).map((backup, index) => [backup.name, document.locate(['spec', 'backups', index])]));
}

/** Durations the schema let through that are not more than 0 (Go's syntax allows "0s" and "-5m"). */
function nonPositiveDurations(entry: AnyManifest): Diagnostic[] {
  const { remotes = [], backups = [] } = entry.manifest.spec;
  const fields: [DocPath, string | undefined][] = [
    ...remotes.flatMap((remote, index): [DocPath, string | undefined][] => [
      [['remotes', index, 'pushInterval'], remote.pushInterval],
      [['remotes', index, 'pushTimeout'], remote.pushTimeout],
    ]),
    ...backups.flatMap((backup, index): [DocPath, string | undefined][] => [
      [['backups', index, 'interval'], backup.interval],
      [['backups', index, 'timeout'], backup.timeout],
    ]),
  ];
  return fields.flatMap(([path, text]) => {
    if (text === undefined || (parseGoDuration(text) ?? 0) > 0) return [];
    const where: DocPath = ['spec', ...path];
    return [diagnostic('GT-E024', entry.document.locate(where), `${where.join('.')} is ${JSON.stringify(text)}; it must be longer than 0, e.g. "15m" or "1h"`)];
  });
}

/** Backup names unique within the database, and URLs Dolt accepts. */
function checkBackups(entry: AnyManifest): Diagnostic[] {
  const found: Diagnostic[] = [];
  const first = new Map<string, number>();
  (entry.manifest.spec.backups ?? []).forEach((backup, index) => {
    const at = (key: string): SourceLocation => entry.document.locate(['spec', 'backups', index, key]);
    const earlier = first.get(backup.name);
    if (earlier === undefined) first.set(backup.name, index);
    else {
      found.push(diagnostic('GT-E071', at('name'), `backup name "${backup.name}" is already declared as spec.backups[${earlier}]; a database has one backup per name`));
    }
    const problem = remoteUrlProblem(backup.url);
    if (problem !== null) found.push(diagnostic('GT-E070', at('url'), problem));
  });
  return found;
}

/** pushInterval or pushTimeout on a remote that is not pushed: they do nothing, which is likely not what was meant. */
function pushSettingsWithoutPush(entry: AnyManifest): Diagnostic[] {
  return (entry.manifest.spec.remotes ?? []).flatMap((remote, index) => {
    if (remote.push === true) return [];
    const key = remote.pushInterval !== undefined ? 'pushInterval' : remote.pushTimeout !== undefined ? 'pushTimeout' : null;
    if (key === null) return [];
    return [
      diagnostic(
        'GT-W070',
        entry.document.locate(['spec', 'remotes', index, key]),
        `remote ${remote.name} has ${key} but not push: true, so gt never pushes to it and ${key} does nothing; add push: true, or remove ${key}`,
      ),
    ];
  });
}

/** What the schema cannot see in the remotes' push settings and the backups of every manifest. */
export function syncDiagnostics(rigs: readonly Manifest<RigManifest>[], town: Manifest<TownManifest> | null): Diagnostic[] {
  const entries: AnyManifest[] = [...(town === null ? [] : [town]), ...rigs];
  return entries.flatMap((entry) => [...nonPositiveDurations(entry), ...checkBackups(entry), ...pushSettingsWithoutPush(entry)]);
}
