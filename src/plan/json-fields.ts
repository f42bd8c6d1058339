import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, JsonValue } from '../lib/json-value.js';

/**
 * What gt manages in a JSON file: one rule per field. A `fill` rule sets the field only when it is absent or null (a
 * value someone wrote stays); a `converge` rule also corrects a different value.
 */
export interface FieldRule {
  path: readonly string[];
  value: JsonValue;
  converge: boolean;
  /**
   * How deep the key naming an absent field may start: 2 for a rig's entry in rigs.json (`rigs.alpha` is added whole,
   * inside a `rigs` object that is created when absent). Default: the top level.
   */
  entryDepth?: number;
}

/**
 * The fields a change touches, by dotted path: their values now (null when absent) and after the change. Keys are in
 * rule order, so a new file's fields come out in the order the rules give.
 */
export interface FieldChanges {
  before: Record<string, JsonValue>;
  after: Record<string, JsonValue>;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON equality, cheap for the scalars nearly every managed field holds. */
function sameValue(a: JsonValue, b: JsonValue): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && isDeepStrictEqual(a, b));
}

/** `value` nested under `path` (`['a', 'b']`, 1 → `{ a: { b: 1 } }`). */
function nest(path: readonly string[], value: JsonValue): JsonValue {
  return path.reduceRight<JsonValue>((inner, key) => ({ [key]: inner }), value);
}

/** `patch` merged into `base` (objects key by key, anything else replaced). */
function merge(base: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(base) || !isObject(patch)) return patch;
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = merge(merged[key], value);
  return merged;
}

/**
 * Where a rule applies: the key to edit and the value it gets, or null when the field is as the rule wants. A field
 * under an absent object is added at the rule's entry depth (the writer creates absent parents); under a null one, the
 * null is replaced whole (nothing can be added inside a null).
 */
function edit(content: JsonObject, rule: FieldRule): { key: string[]; value: JsonValue; now: JsonValue } | null {
  const { path, value } = rule;
  let node: JsonObject = content;
  for (let depth = 0; depth < path.length; depth++) {
    const child = node[path[depth] as string];
    const last = depth === path.length - 1;
    if (child === undefined || child === null) {
      const at = child === null ? depth + 1 : Math.max(depth + 1, rule.entryDepth ?? 1);
      return { key: path.slice(0, at), value: nest(path.slice(at), value), now: null };
    }
    if (last) return rule.converge && !sameValue(child, value) ? { key: [...path], value, now: child } : null;
    if (!isObject(child)) return null; // a shape observation refuses; never edited into
    node = child;
  }
  return null;
}

/** The changes that make `content` (null: no file yet) satisfy every rule. */
export function fieldChanges(content: JsonObject | null, rules: readonly FieldRule[]): FieldChanges {
  const changes: FieldChanges = { before: {}, after: {} };
  for (const rule of rules) {
    const found = edit(content ?? {}, rule);
    if (found === null) continue;
    const key = found.key.join('.');
    changes.before[key] = found.now;
    changes.after[key] = merge(changes.after[key], found.value);
  }
  return changes;
}

export function hasChanges(changes: FieldChanges): boolean {
  return Object.keys(changes.after).length > 0;
}
