import type { DesiredDatabase } from '../config/desired.js';
import type { FieldChanges } from './json-fields.js';
import { hasChanges } from './json-fields.js';
import { declaredAt } from './source-label.js';
import type { TownFileAction, TownFileRole } from './types.js';

/** A file a town-file action is about: where it is (relative to the town root), what it is, whether it exists. */
export interface TownFileTarget {
  path: string;
  role: TownFileRole;
  exists: boolean;
}

/**
 * The action that makes these changes to the file, or null when there are none. An existing file whose changed fields
 * were all absent is incomplete (only filled); one where a value gt manages differs is outdated.
 */
export function townFileAction(file: TownFileTarget, changes: FieldChanges, reason: () => string): TownFileAction | null {
  if (!hasChanges(changes)) return null; // the reason is worded only for a change: a town has hundreds of files
  const base = {
    kind: 'town-file',
    id: `file/${file.path}`,
    path: file.path,
    role: file.role,
    reason: reason(),
    destructive: false,
    needsRestart: false,
  } as const;
  if (!file.exists) return { ...base, verb: 'create', code: 'town-file-missing', before: null, after: changes.after };
  const outdated = Object.values(changes.before).some((value) => value !== null);
  return { ...base, verb: 'update', code: outdated ? 'town-file-outdated' : 'town-file-incomplete', before: changes.before, after: changes.after };
}

/** "rig alpha (mayor/rigs.d/alpha.yaml:3:9)", "rigs alpha (…), bravo (…) and 3 more": the manifests behind a change. */
export function describeRigs(townRoot: string, rigs: readonly DesiredDatabase[]): string {
  const named = rigs.slice(0, 3).map((rig) => `${rig.rig} (${declaredAt(townRoot, rig)})`);
  const more = rigs.length > 3 ? ` and ${rigs.length - 3} more` : '';
  if (rigs.length === 1) return `rig ${named[0] ?? ''}`;
  return `rigs ${named.join(', ')}${more}`;
}

/** "type, created_at": the fields a fill adds, for reasons. */
export function fieldList(changes: FieldChanges): string {
  return Object.keys(changes.after).join(', ');
}
