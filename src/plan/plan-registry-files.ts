import type { DesiredDatabase, DesiredState } from '../config/desired.js';
import type { ObservedJsonFile, ObservedRigFiles, ObservedRoutes } from '../observe/observed.js';
import type { JsonValue } from '../lib/json-value.js';
import { fieldChanges, isObject, type FieldChanges, type FieldRule } from './json-fields.js';
import { declaredAt } from './source-label.js';
import { describeRigs, fieldList, townFileAction } from './town-file-action.js';
import type { TownFileAction } from './types.js';

/**
 * Gas Town's registry, converged from the manifests: mayor/town.json, mayor/rigs.json, each rig's config.json and the
 * prefix routes. New files get Gas Town's fields and values (those its install and `gt rig add` write); in existing
 * ones gt fills what is missing, corrects only the beads prefix and route paths, and keeps everything else.
 */

/** Gas Town's current schema versions of town.json, rigs.json and a rig's config.json. */
const TOWN_VERSION = 2;
const RIGS_VERSION = 1;
const RIG_CONFIG_VERSION = 1;

const fill = (path: string[], value: FieldRule['value'], entryDepth?: number): FieldRule => ({ path, value, converge: false, entryDepth });

export function planTownJson(desired: DesiredState, file: ObservedJsonFile, now: string): TownFileAction | null {
  const { value: name, source } = desired.townName;
  const changes = fieldChanges(file.content, [
    fill(['type'], 'town'),
    fill(['version'], TOWN_VERSION),
    fill(['name'], name),
    fill(['created_at'], now),
  ]);
  const reason = () =>
    file.content === null
      ? `Gas Town's town identity: its tools find the town by it, and its doctor fails without it; named "${name}" (${source})`
      : `lacks ${fieldList(changes)}; gt fills only missing fields of ${file.path}, never rewrites one`;
  return townFileAction({ path: file.path, role: 'town', exists: file.content !== null }, changes, reason);
}

/** A rig's registry entry as `gt rig add` writes it: no git URL (gt clones nothing), its own beads, the prefix. */
function rigEntryRules(rig: DesiredDatabase, now: string): FieldRule[] {
  const at = (...path: string[]) => ['rigs', rig.rig, ...path];
  return [
    fill(at('git_url'), '', 2),
    fill(at('added_at'), now, 2),
    fill(at('beads', 'repo'), 'local', 2),
    { path: at('beads', 'prefix'), value: rig.prefix ?? '', converge: true, entryDepth: 2 },
  ];
}

/**
 * What rigEntryRules asks, checked without building them: a town has hundreds of rigs, and a converged entry (the
 * common case) then costs a few property reads.
 */
function entryHolds(entry: JsonValue | undefined, rig: DesiredDatabase): boolean {
  if (!isObject(entry) || !isObject(entry.beads)) return false;
  return entry.git_url != null && entry.added_at != null && entry.beads.repo != null && entry.beads.prefix === (rig.prefix ?? '');
}

/** Rigs whose entry a change touches (`rigs.<name>…` keys). */
function touchedRigs(changes: FieldChanges, rigs: readonly DesiredDatabase[]): DesiredDatabase[] {
  const names = new Set(Object.keys(changes.after).map((key) => key.split('.')[1]));
  return rigs.filter((rig) => names.has(rig.rig));
}

export function planRigsJson(desired: DesiredState, file: ObservedJsonFile, rigs: readonly DesiredDatabase[], now: string): TownFileAction | null {
  // Gas Town writes the rigs map sorted by name (a Go map): a new file lists them so
  const entries = isObject(file.content?.rigs) ? file.content.rigs : {};
  const sorted = rigs.filter((rig) => !entryHolds(entries[rig.rig], rig)).sort((a, b) => (a.rig < b.rig ? -1 : a.rig > b.rig ? 1 : 0));
  const changes = fieldChanges(file.content, [
    fill(['version'], RIGS_VERSION),
    fill(['rigs'], {}),
    ...sorted.flatMap((rig) => rigEntryRules(rig, now)),
  ]);
  const reason = () => {
    const touched = touchedRigs(changes, rigs);
    if (touched.length === 0) return `lacks ${fieldList(changes)}; gt fills only missing fields`;
    return (
      `${describeRigs(desired.townRoot, touched)}: Gas Town finds a rig's database through its entry and prefix here ` +
      '(without one, its gt dolt status calls the database an orphan, which gt dolt cleanup deletes)'
    );
  };
  return townFileAction({ path: file.path, role: 'rigs', exists: file.content !== null }, changes, reason);
}

/** What planRigConfig's rules ask, checked without building them (see entryHolds). */
function configHolds(content: ObservedJsonFile['content'], rig: DesiredDatabase): boolean {
  if (content === null || !isObject(content.beads)) return false;
  const filled = content.type != null && content.version != null && content.name != null && content.git_url != null && content.created_at != null;
  return filled && content.beads.prefix === (rig.prefix ?? '');
}

export function planRigConfig(desired: DesiredState, rig: DesiredDatabase, files: ObservedRigFiles, now: string): TownFileAction | null {
  const config = files.config;
  if (config === null || configHolds(config.content, rig)) return null;
  const changes = fieldChanges(config.content, [
    fill(['type'], 'rig'),
    fill(['version'], RIG_CONFIG_VERSION),
    fill(['name'], rig.rig),
    fill(['git_url'], ''),
    fill(['created_at'], now),
    { path: ['beads', 'prefix'], value: rig.prefix ?? '', converge: true },
  ]);
  const reason = () =>
    `rig ${rig.rig} is declared in ${declaredAt(desired.townRoot, rig)} with prefix ${rig.prefix ?? ''}: Gas Town's rig identity file (its doctor checks it and the prefix)`;
  return townFileAction({ path: config.path, role: 'rig-config', exists: config.content !== null }, changes, reason);
}

/** Where a rig's route points: the mayor's clone when its beads directory exists (as `gt rig add` decides), else the rig. */
function routePath(rig: string, files: ObservedRigFiles): string {
  return files.mayorClone ? `${rig}/mayor/rig` : rig;
}

/**
 * The routes Gas Town's install (hq-, hq-cv-) and `gt rig add` (one per rig) write. A prefix's first line is the one
 * Gas Town reads; gt adds a missing prefix and corrects that line's path, and never touches other lines.
 */
export function planRoutes(
  desired: DesiredState,
  file: ObservedRoutes,
  rigs: readonly { rig: DesiredDatabase; files: ObservedRigFiles }[],
): TownFileAction | null {
  const wanted: [string, string][] = [
    ['hq-', '.'],
    ['hq-cv-', '.'],
    ...rigs.map(({ rig, files }): [string, string] => [`${rig.prefix ?? rig.rig}-`, routePath(rig.rig, files)]),
  ];
  // a prefix's first line is the one Gas Town reads
  const first = new Map<string, string>();
  for (const route of file.routes) if (!first.has(route.prefix)) first.set(route.prefix, route.path);
  const changes: FieldChanges = { before: {}, after: {} };
  for (const [prefix, path] of wanted) {
    const current = first.get(prefix);
    if (current === path) continue;
    changes.before[prefix] = current ?? null;
    changes.after[prefix] = path;
  }
  const reason = () => {
    const touched = rigs.map(({ rig }) => rig).filter((rig) => `${rig.prefix ?? rig.rig}-` in changes.after);
    const declared = touched.length === 0 ? '' : ` (${describeRigs(desired.townRoot, touched)})`;
    return `Gas Town routes bead ids by prefix to their beads: hq- and hq-cv- to the town, each rig's prefix to its rig${declared}`;
  };
  return townFileAction({ path: file.path, role: 'routes', exists: file.exists }, changes, reason);
}
