import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { modify, applyEdits } from 'jsonc-parser';
import { GasTownFileError } from '../config/diagnostics.js';
import { parseGasTownJson, parseRoutes, isObject } from '../config/gas-town-json.js';
import { detectFormatting, setFormatted } from '../config/json-text-edit.js';
import { createFileAtomic, writeFileAtomic } from '../lib/atomic-write.js';
import type { JsonObject, JsonValue } from '../lib/json-value.js';
import type { TownFileAction, TownFileFields, TownFileRole } from '../plan/types.js';

/**
 * Executes a town-file action: creates the file in Gas Town's layout, or edits exactly the planned fields into the
 * file as it is now. The file is read again first, and the write refuses (changing nothing) when the fields it changes
 * no longer hold the values the plan saw, or the file no longer parses: a concurrent edit by Gas Town, bd or the
 * operator is never overwritten with a stale plan. Writes are atomic and keep the file's mode.
 */

/** How Gas Town writes each file new: its mode, and whether its encoder ends it with a newline. */
const NEW_FILE: Record<TownFileRole, { mode: number; trailingNewline: boolean }> = {
  town: { mode: 0o600, trailingNewline: false },
  rigs: { mode: 0o600, trailingNewline: false },
  'rig-config': { mode: 0o644, trailingNewline: false },
  'beads-metadata': { mode: 0o600, trailingNewline: true },
  routes: { mode: 0o644, trailingNewline: true },
  port: { mode: 0o600, trailingNewline: false },
  'server-state': { mode: 0o644, trailingNewline: true },
};

/** The file is not as the plan saw it: the plan's write may no longer be right. */
export class ChangedSincePlanError extends Error {
  constructor(path: string, what: string) {
    super(`${path} ${what} after the plan was made, so the planned write may no longer be right; nothing was written — run gt apply again to plan from the file as it is now`);
  }
}

function readCurrent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The value at a dotted key: null when absent or null, undefined when a parent on the way is not an object. */
function valueAt(content: JsonObject, key: string): JsonValue | undefined {
  let node: JsonValue = content;
  for (const segment of key.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[segment] ?? null;
  }
  return node;
}

/** Every changed field still holds what the plan saw (absent and null alike). */
function assertUnchanged(shown: string, content: JsonObject, before: TownFileFields): void {
  for (const [key, planned] of Object.entries(before)) {
    const now = valueAt(content, key);
    if (now === undefined || !isDeepStrictEqual(now, planned)) {
      throw new ChangedSincePlanError(shown, `changed (${key} is ${JSON.stringify(now ?? 'not reachable')}, the plan saw ${JSON.stringify(planned)})`);
    }
  }
}

function setPath(target: JsonObject, key: string, value: JsonValue): void {
  const segments = key.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const child = node[segment];
    node = isObject(child) ? child : (node[segment] = {});
  }
  node[segments[segments.length - 1] as string] = jsonCopy(value);
}

/** A copy made of plain JSON (structuredClone'd objects can carry another realm's prototypes, which deep equality tells apart). */
function jsonCopy<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function withFields(content: JsonObject, fields: TownFileFields): JsonObject {
  const result = jsonCopy(content);
  for (const [key, value] of Object.entries(fields)) setPath(result, key, value);
  return result;
}

/** The planned fields edited into the file's text; everything else stays byte-identical. */
function editJson(path: string, text: string, action: TownFileAction): string {
  const parsed = parseGasTownJson(path, text, undefined, true);
  if (parsed.content === null) throw new GasTownFileError(parsed.diagnostics);
  assertUnchanged(action.path, parsed.content, action.before ?? {});
  const formatting = detectFormatting(text);
  let edited = text;
  for (const [key, value] of Object.entries(action.after)) {
    if (JSON.stringify(valueAt(parsed.content, key)) === JSON.stringify(value)) continue; // already so: the text stays as written
    edited = setFormatted(edited, key.split('.'), value, formatting, true);
  }
  if (!isDeepStrictEqual(JSON.parse(edited), withFields(parsed.content, action.after))) {
    throw new Error(`internal error: editing ${action.path} did not produce the planned content; the file was not written`);
  }
  return edited;
}

function routeLine(prefix: string, path: JsonValue): string {
  return JSON.stringify({ prefix, path });
}

/** The planned routes edited into routes.jsonl: a prefix's first line gets the new path, new prefixes are appended. */
function editRoutes(path: string, text: string, action: TownFileAction): string {
  const parsed = parseRoutes(path, text);
  if (parsed.diagnostics.length > 0) throw new GasTownFileError(parsed.diagnostics);
  const lines = text.split('\n');
  const appended: string[] = [];
  for (const [prefix, wanted] of Object.entries(action.after)) {
    const current = parsed.routes.find((route) => route.prefix === prefix);
    if ((current?.path ?? null) !== (action.before?.[prefix] ?? null)) {
      throw new ChangedSincePlanError(action.path, `changed (the route of ${prefix} is ${JSON.stringify(current?.path ?? null)}, the plan saw ${JSON.stringify(action.before?.[prefix] ?? null)})`);
    }
    if (current === undefined) appended.push(routeLine(prefix, wanted));
    else {
      const line = lines[current.line] as string;
      lines[current.line] = applyEdits(line, modify(line, ['path'], wanted, {}));
    }
  }
  const kept = lines.join('\n');
  if (appended.length === 0) return kept;
  const separator = kept === '' || kept.endsWith('\n') ? '' : '\n';
  return `${kept}${separator}${appended.join('\n')}\n`;
}

/** A port file's new port, in place of the old one (whitespace around it kept). */
function editPort(text: string, action: TownFileAction): string {
  const now = /[0-9]+/.exec(text)?.[0];
  if (now === undefined || Number(now) !== action.before?.port) {
    throw new ChangedSincePlanError(action.path, `changed (it holds ${JSON.stringify(text.trim())}, the plan saw ${String(action.before?.port)})`);
  }
  return text.replace(/[0-9]+/, String(action.after.port));
}

/** A new file's text, as Gas Town's own writer lays it out. */
function newFileText(action: TownFileAction): string {
  const newline = NEW_FILE[action.role].trailingNewline ? '\n' : '';
  if (action.role === 'routes') return Object.entries(action.after).map(([prefix, path]) => `${routeLine(prefix, path)}\n`).join('');
  if (action.role === 'port') return `${String(action.after.port)}${newline}`;
  return `${JSON.stringify(withFields({}, action.after), null, 2)}${newline}`;
}

function edited(path: string, text: string, action: TownFileAction): string {
  if (action.role === 'routes') return editRoutes(path, text, action);
  if (action.role === 'port') return editPort(text, action);
  return editJson(path, text, action);
}

/** Runs one town-file action; returns what it did. */
export function writeTownFile(townRoot: string, action: TownFileAction): string {
  const path = join(townRoot, action.path);
  const text = readCurrent(path);
  if (action.before === null) {
    if (text !== null) throw new ChangedSincePlanError(action.path, 'was created');
    mkdirSync(dirname(path), { recursive: true });
    if (!createFileAtomic(path, newFileText(action), NEW_FILE[action.role].mode)) throw new ChangedSincePlanError(action.path, 'was created');
    return 'created';
  }
  if (text === null) throw new ChangedSincePlanError(action.path, 'was removed');
  const next = edited(path, text, action);
  if (next !== text) writeFileAtomic(path, next);
  const count = Object.keys(action.after).length;
  return `set ${count} field${count === 1 ? '' : 's'}`;
}
