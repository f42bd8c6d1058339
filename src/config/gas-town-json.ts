import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { JsonObject, JsonValue } from '../lib/json-value.js';
import type { SourceLocation } from '../lib/location.js';
import { inTown } from '../lib/town-layout.js';
import { diagnostic, wholeFile } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import { parseJsonDocument, type JsonFileKind } from './json-document.js';

/**
 * Gas Town's JSON files as gt reads them before it edits them: strict JSON (Go's encoding/json), an object at the top,
 * and the shape Gas Town's structs need wherever gt edits. Shared by observation (which plans from them) and the
 * writer (which reads them again before it edits).
 */

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a parsed file's shape departs from what Gas Town decodes (and gt edits): the path, and what it must be. */
export type ShapeCheck = (content: JsonObject) => { path: string[]; expected: string } | null;

function gasTownKind(file: string): JsonFileKind {
  return { name: basename(file), syntaxCode: 'GT-E018', duplicateKeyCode: 'GT-E018' };
}

/** The place of `path` in `text` (the text parses: only a shape is wrong). */
function locate(file: string, text: string, path: readonly string[]): SourceLocation {
  return parseJsonDocument(file, text, gasTownKind(file)).document?.locate([...path]) ?? wholeFile(file);
}

function wrongShape(file: string, text: string, found: { path: string[]; expected: string }): Diagnostic {
  const where = found.path.length === 0 ? 'the file' : found.path.join('.');
  return diagnostic(
    'GT-E019',
    locate(file, text, found.path),
    `${where} must be ${found.expected}, as Gas Town's Go decoder reads ${basename(file)}; gt edits inside it, so it never rewrites such a file — fix it by hand`,
  );
}

export interface ParsedGasTownJson {
  /** null when there are diagnostics. */
  content: JsonObject | null;
  diagnostics: Diagnostic[];
}

/**
 * Parses a Gas Town JSON file's text. `strict` also refuses duplicate keys (the writer's check before it edits: an
 * edit could land on the copy Go ignores); observation takes the fast path and positions only what fails.
 */
export function parseGasTownJson(file: string, text: string, shape?: ShapeCheck, strict = false): ParsedGasTownJson {
  let value: unknown;
  if (strict) {
    const parsed = parseJsonDocument(file, text, gasTownKind(file));
    if (parsed.diagnostics.length > 0) return { content: null, diagnostics: parsed.diagnostics };
    value = parsed.document?.value;
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const positioned = parseJsonDocument(file, text, gasTownKind(file)).diagnostics.filter((d) => d.severity === 'error');
      const message = `not valid JSON (${(error as Error).message}); gt never rewrites a file it cannot parse`;
      return { content: null, diagnostics: positioned.length > 0 ? positioned : [diagnostic('GT-E018', wholeFile(file), message)] };
    }
  }
  if (!isObject(value)) return { content: null, diagnostics: [wrongShape(file, text, { path: [], expected: 'a JSON object' })] };
  const found = shape?.(value) ?? null;
  return found === null ? { content: value, diagnostics: [] } : { content: null, diagnostics: [wrongShape(file, text, found)] };
}

/** The text of a file that may be absent (null); a file that cannot be read is a diagnostic. */
function readOptionalText(path: string, diagnostics: Diagnostic[]): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    const why = code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    diagnostics.push(diagnostic('GT-E003', wholeFile(path), `cannot read ${basename(path)}: ${why}`));
    return null;
  }
}

/** A Gas Town JSON file as observation reports it (its path relative to the town root). */
export function readGasTownJson(
  townRoot: string,
  path: string,
  diagnostics: Diagnostic[],
  shape?: ShapeCheck,
): { path: string; content: JsonObject | null } {
  const text = readOptionalText(path, diagnostics);
  const shown = inTown(townRoot, path);
  if (text === null) return { path: shown, content: null };
  const parsed = parseGasTownJson(path, text, shape);
  diagnostics.push(...parsed.diagnostics);
  return { path: shown, content: parsed.content };
}

/** A route line of routes.jsonl and where it is (0-based line index). */
export interface RouteLine {
  prefix: string;
  path: string;
  line: number;
}

/** A route line Gas Town decodes: an object whose prefix and path, when present, are strings. */
function isRoute(value: unknown): value is { prefix?: string; path?: string } & Record<string, JsonValue> {
  return isObject(value) && ['prefix', 'path'].every((key) => value[key] === undefined || typeof value[key] === 'string');
}

/** The syntax error of one route line, at its place in the file (the line parsed alone has only line 1). */
function routeLineError(file: string, line: number, text: string): Diagnostic {
  const positioned = parseJsonDocument(file, text, gasTownKind(file)).diagnostics[0];
  return diagnostic(
    'GT-E018',
    { file, line: line + 1, column: positioned?.location.column ?? 1 },
    `${positioned?.message.split(';')[0] ?? 'not valid JSON'}: each line of routes.jsonl is one JSON object (or blank, or a # comment); gt never rewrites a file it cannot parse`,
  );
}

/**
 * routes.jsonl's route lines in file order. Blank lines and `#` comments are skipped, as Gas Town skips them; a line
 * that is not JSON, or not a route object, is a diagnostic at its line (Gas Town would drop it with a warning).
 */
export function parseRoutes(file: string, text: string): { routes: RouteLine[]; diagnostics: Diagnostic[] } {
  const routes: RouteLine[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((raw, line) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      diagnostics.push(routeLineError(file, line, raw));
      return;
    }
    if (!isRoute(value)) {
      const column = raw.length - raw.trimStart().length + 1;
      const message = 'a route line must be a JSON object with string "prefix" and "path", as Gas Town decodes it; gt never rewrites a file it cannot parse';
      diagnostics.push(diagnostic('GT-E019', { file, line: line + 1, column }, message));
      return;
    }
    routes.push({ prefix: value.prefix ?? '', path: value.path ?? '', line });
  });
  return { routes, diagnostics };
}

/** routes.jsonl as observation reports it. */
export function readRoutes(
  townRoot: string,
  path: string,
  diagnostics: Diagnostic[],
): { path: string; exists: boolean; routes: { prefix: string; path: string }[] } {
  const text = readOptionalText(path, diagnostics);
  const shown = inTown(townRoot, path);
  if (text === null) return { path: shown, exists: false, routes: [] };
  const parsed = parseRoutes(path, text);
  diagnostics.push(...parsed.diagnostics);
  return { path: shown, exists: true, routes: parsed.routes.map(({ prefix, path: routePath }) => ({ prefix, path: routePath })) };
}
