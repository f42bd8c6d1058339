import { parseGoDuration } from '../lib/go-duration.js';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { CompactionSpec, DailyWindow, DatabaseLifecycle, DecaySpec, DeclaredDuration, TownLifecycle } from './desired.js';
import type { LifecycleCompaction, LifecycleDecay, RigManifest } from './generated/rig-manifest.js';
import type { TownManifest } from './generated/town-manifest.js';
import type { Manifest } from './manifests.js';

/** Gas Town's wisp_reaper defaults (max_age, delete_age, and the interval its lifecycle defaults write). */
const DECAY_DEFAULTS = { closeStaleWispsAfter: '24h', deleteClosedWispsAfter: '168h', interval: '30m' } as const;

/** Gas Town's compactor_dog defaults; gc and restore points are gt's own (see the README). */
const COMPACTION_DEFAULTS = { threshold: 2000, keepRecent: 50, interval: '24h', gc: 'full', restorePointsKeep: '168h' } as const;

/** The duration fields of each block, for the checks a schema cannot make (more than 0). */
const DECAY_DURATIONS = ['closeStaleWispsAfter', 'deleteClosedWispsAfter', 'interval'] as const;

type AnyManifest = Manifest<RigManifest> | Manifest<TownManifest>;

/** The town-wide settings: declared by a Town document's spec.lifecycle, or by any Rig's. */
export function townLifecycle(town: Manifest<TownManifest> | null, rigs: readonly Manifest<RigManifest>[]): TownLifecycle {
  const specs = [town?.manifest.spec.lifecycle, ...rigs.map((rig) => rig.manifest.spec.lifecycle)];
  return {
    declared: specs.some((spec) => spec !== undefined),
    declaresDecay: specs.some((spec) => spec?.decay !== undefined),
    declaresCompaction: specs.some((spec) => spec?.compaction !== undefined),
    executor: town?.manifest.spec.lifecycle?.executor ?? 'gastown',
  };
}

/** A duration the schema and checkLifecycle accepted: Go syntax, more than 0. */
function duration(text: string): DeclaredDuration {
  return { text, ms: Math.round((parseGoDuration(text) ?? 0) / 1e6) };
}

function minuteOfDay(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function dailyWindow(text: string): DailyWindow {
  const [start = '', end = ''] = text.split('-');
  return { text, startMinute: minuteOfDay(start), endMinute: minuteOfDay(end) };
}

function resolveDecay(town: LifecycleDecay | undefined, rig: LifecycleDecay | undefined): DecaySpec | null {
  if (town === undefined && rig === undefined) return null;
  const merged = { ...DECAY_DEFAULTS, ...town, ...rig };
  if (merged.enabled === false) return null;
  return {
    closeStaleWispsAfter: duration(merged.closeStaleWispsAfter),
    deleteClosedWispsAfter: duration(merged.deleteClosedWispsAfter),
    interval: duration(merged.interval),
  };
}

function resolveCompaction(town: LifecycleCompaction | undefined, rig: LifecycleCompaction | undefined): CompactionSpec | null {
  const merged = { ...town, ...rig };
  if (merged.mode === undefined || merged.mode === 'off') return null;
  const keep = rig?.restorePoints?.keep ?? town?.restorePoints?.keep ?? COMPACTION_DEFAULTS.restorePointsKeep;
  return {
    mode: merged.mode,
    threshold: merged.threshold ?? COMPACTION_DEFAULTS.threshold,
    keepRecent: merged.keepRecent ?? COMPACTION_DEFAULTS.keepRecent,
    interval: duration(merged.interval ?? COMPACTION_DEFAULTS.interval),
    window: merged.window === undefined ? null : dailyWindow(merged.window),
    gc: merged.gc ?? COMPACTION_DEFAULTS.gc,
    restorePointsKeep: duration(keep),
  };
}

/**
 * The compaction `gt dolt compact` runs on a database now: its declared settings (gc, restore points) in `mode`, or
 * Gas Town's defaults where it declares no compaction (or `mode: off`: the operator asked for this one run).
 */
export function compactionNow(declared: CompactionSpec | null, mode: CompactionSpec['mode']): CompactionSpec {
  return { ...(declared ?? (resolveCompaction({ mode }, undefined) as CompactionSpec)), mode };
}

/**
 * One database's lifecycle: the Town's spec.lifecycle (hq's own, and every rig's default) with the Rig's
 * spec.lifecycle over it field by field. `rig` is null for hq.
 */
export function databaseLifecycle(town: Manifest<TownManifest> | null, rig: Manifest<RigManifest> | null): DatabaseLifecycle {
  const townSpec = town?.manifest.spec.lifecycle;
  const rigSpec = rig?.manifest.spec.lifecycle;
  const site = rigSpec !== undefined && rig !== null ? rig.document.locate(['spec', 'lifecycle'], 'key') : null;
  const townSite = townSpec !== undefined && town !== null ? town.document.locate(['spec', 'lifecycle'], 'key') : null;
  return {
    decay: resolveDecay(townSpec?.decay, rigSpec?.decay),
    compaction: resolveCompaction(townSpec?.compaction, rigSpec?.compaction),
    site: site ?? townSite,
  };
}

/** The lifecycle blocks of one manifest, and where each of their fields is. */
function lifecycleOf({ manifest }: AnyManifest): { decay?: LifecycleDecay; compaction?: LifecycleCompaction } {
  return manifest.spec.lifecycle ?? {};
}

/** Durations the schema let through that are not more than 0 (Go's syntax allows "0s" and "-5m"). */
function nonPositiveDurations(entry: AnyManifest): Diagnostic[] {
  const { decay, compaction } = lifecycleOf(entry);
  const fields: [path: (string | number)[], text: string | undefined][] = [
    ...DECAY_DURATIONS.map((key): [string[], string | undefined] => [['decay', key], decay?.[key]]),
    [['compaction', 'interval'], compaction?.interval],
    [['compaction', 'restorePoints', 'keep'], compaction?.restorePoints?.keep],
  ];
  return fields.flatMap(([path, text]) => {
    if (text === undefined || (parseGoDuration(text) ?? 0) > 0) return [];
    const where = ['spec', 'lifecycle', ...path];
    return [diagnostic('GT-E024', entry.document.locate(where), `${where.join('.')} is ${JSON.stringify(text)}; it must be longer than 0, e.g. "30m" or "24h"`)];
  });
}

function emptyWindow(entry: AnyManifest): Diagnostic[] {
  const text = lifecycleOf(entry).compaction?.window;
  if (text === undefined) return [];
  const window = dailyWindow(text);
  if (window.startMinute !== window.endMinute) return [];
  return [
    diagnostic(
      'GT-E027',
      entry.document.locate(['spec', 'lifecycle', 'compaction', 'window']),
      `spec.lifecycle.compaction.window is "${text}": it starts where it ends, so it is never open; give an end after the start, e.g. "03:00-05:00"`,
    ),
  ];
}

/** The manifest (rig over town) whose compaction block sets `key`, for pointing at the value in effect. */
function setter(key: keyof LifecycleCompaction, rig: AnyManifest | null, town: AnyManifest | null): AnyManifest | null {
  if (rig !== null && lifecycleOf(rig).compaction?.[key] !== undefined) return rig;
  if (town !== null && lifecycleOf(town).compaction?.[key] !== undefined) return town;
  return null;
}

/** Surgical compaction that keeps as many commits as make it due would be due again at once, every interval. */
function keepRecentNotBelowThreshold(name: string, spec: CompactionSpec | null, rig: AnyManifest | null, town: AnyManifest | null): Diagnostic[] {
  if (spec?.mode !== 'surgical' || spec.keepRecent < spec.threshold) return [];
  const declaredBy = setter('keepRecent', rig, town) ?? setter('threshold', rig, town);
  if (declaredBy === null) return [];
  const key = setter('keepRecent', rig, town) === declaredBy ? 'keepRecent' : 'threshold';
  return [
    diagnostic(
      'GT-E051',
      declaredBy.document.locate(['spec', 'lifecycle', 'compaction', key]),
      `${name}: surgical compaction keeps ${spec.keepRecent} recent commits but is due at ${spec.threshold}; it would be due again after every run — make keepRecent less than threshold`,
    ),
  ];
}

/**
 * What the schema cannot see in the lifecycle blocks: errors (durations of 0 or less, a window that never opens, a
 * surgical compaction that keeps at least as many commits as make it due, after the Rig's overrides), and once there
 * are none, the Rig knobs Gas Town cannot apply (GT-W068): a warning about a value that is wrong anyway is noise.
 */
export function lifecycleDiagnostics(rigs: readonly Manifest<RigManifest>[], town: Manifest<TownManifest> | null): Diagnostic[] {
  const errors = checkLifecycle(rigs, town);
  return errors.length > 0 ? errors : checkGasTownExecutor(rigs, town);
}

function checkLifecycle(rigs: readonly Manifest<RigManifest>[], town: Manifest<TownManifest> | null): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const entry of [...(town === null ? [] : [town]), ...rigs]) found.push(...nonPositiveDurations(entry), ...emptyWindow(entry));
  if (found.length > 0) return found;
  found.push(...keepRecentNotBelowThreshold('hq', databaseLifecycle(town, null).compaction, null, town));
  for (const rig of rigs) {
    found.push(...keepRecentNotBelowThreshold(rig.manifest.metadata.name, databaseLifecycle(town, rig).compaction, rig, town));
  }
  return found;
}

/** The knobs Gas Town's patrols hold once for every database: a Rig's own value cannot reach them. */
const TOWN_WIDE_KNOBS: readonly [block: 'decay' | 'compaction', key: string][] = [
  ['decay', 'closeStaleWispsAfter'],
  ['decay', 'deleteClosedWispsAfter'],
  ['decay', 'interval'],
  ['compaction', 'mode'],
  ['compaction', 'threshold'],
  ['compaction', 'keepRecent'],
  ['compaction', 'interval'],
];

/**
 * With executor gastown, Gas Town's patrols run every database with one setting: a Rig's override of a knob is lost
 * (only turning decay or compaction off for the rig is kept, through the patrols' database lists). A value equal to
 * the Town's (or, where the Town leaves it out, Gas Town's default) loses nothing.
 */
function checkGasTownExecutor(rigs: readonly Manifest<RigManifest>[], town: Manifest<TownManifest> | null): Diagnostic[] {
  if ((town?.manifest.spec.lifecycle?.executor ?? 'gastown') !== 'gastown') return [];
  const townSpec = town?.manifest.spec.lifecycle ?? {};
  const townValues: Record<'decay' | 'compaction', Record<string, unknown>> = {
    decay: { ...DECAY_DEFAULTS, ...townSpec.decay },
    compaction: { mode: 'flatten', ...COMPACTION_DEFAULTS, ...townSpec.compaction },
  };
  const found: Diagnostic[] = [];
  for (const rig of rigs) {
    const rigSpec = lifecycleOf(rig);
    for (const [block, key] of TOWN_WIDE_KNOBS) {
      const value = (rigSpec[block] as Record<string, unknown> | undefined)?.[key];
      if (value === undefined || (block === 'compaction' && key === 'mode' && value === 'off')) continue;
      if (value === townValues[block][key]) continue;
      found.push(
        diagnostic(
          'GT-W068',
          rig.document.locate(['spec', 'lifecycle', block, key]),
          `spec.lifecycle.${block}.${key} of rig ${rig.manifest.metadata.name} is ignored: with executor gastown, Gas Town's ` +
            `patrols use one value for every database (the Town's). Set it in the kind: Town document, or set executor: gt there`,
        ),
      );
    }
  }
  return found;
}
