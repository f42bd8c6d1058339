import { isMap, isScalar, isSeq, Lexer, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import { MAX_NESTING, tooDeep } from './input-limits.js';
import { LineIndex, type DocPath, type PositionedDocument } from './positioned-document.js';

export interface ParsedYaml {
  /** Non-empty documents, in file order. */
  documents: PositionedDocument[];
  diagnostics: Diagnostic[];
}

/** The last parse of each file, least recently parsed first; more files than any town has. */
const lastParsed = new Map<string, { text: string; parsed: ParsedYaml }>();
const MAX_REMEMBERED_FILES = 4096;

/**
 * Every document of a YAML file (`---` separated); empty documents are skipped. A file whose text has not changed
 * since it was last parsed is not parsed again: the daemon reloads every manifest on every change, and parsing is
 * what a reload costs (about 1 ms and 150 kB of garbage per manifest).
 */
export function parseYamlDocuments(file: string, text: string): ParsedYaml {
  const last = lastParsed.get(file);
  if (last?.text === text) return last.parsed;
  const parsed = parseUncached(file, text);
  lastParsed.delete(file);
  lastParsed.set(file, { text, parsed });
  if (lastParsed.size > MAX_REMEMBERED_FILES) lastParsed.delete(lastParsed.keys().next().value as string);
  return parsed;
}

function parseUncached(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const deep = offsetTooDeep(text);
  if (deep !== null) {
    return { documents: [], diagnostics: [diagnostic('GT-E012', new LineIndex(text).location(file, deep), `invalid YAML: ${tooDeep()}`)] };
  }
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const diagnostics: Diagnostic[] = [];
  const documents: PositionedDocument[] = [];
  for (const doc of docs) {
    const errors = doc.errors.map((error) =>
      error.code === 'DUPLICATE_KEY'
        ? diagnostic('GT-E013', at(error.pos[0]), `duplicate key: ${error.message.toLowerCase()}; keep one of them`)
        : diagnostic('GT-E012', at(error.pos[0]), `invalid YAML: ${error.message}`),
    );
    diagnostics.push(...errors);
    if (errors.length > 0 || isEmpty(doc)) continue;
    const data = plainData(doc);
    if (!data.ok) {
      diagnostics.push(diagnostic('GT-E012', at(firstAliasOffset(doc) ?? doc.range[0]), `invalid YAML: ${data.problem}`));
      continue;
    }
    const { value } = data;
    const locate = (path: DocPath, target: 'key' | 'value' = 'value') => {
      const { node, key } = nearestNode(doc, path);
      return at((target === 'key' ? key?.range?.[0] : undefined) ?? node?.range?.[0] ?? doc.range[0]);
    };
    documents.push({ file, value, locate });
  }
  return { documents, diagnostics };
}

/**
 * Where the text opens its (MAX_NESTING + 1)th nested flow collection, or null. The lexer yields a flat token
 * stream (a quoted "[" is one scalar token), so this cannot exhaust the stack the way composing the document can.
 * Block nesting needs no check: its indentation grows quadratically, so MAX_CONFIG_BYTES bounds it.
 */
function offsetTooDeep(text: string): number | null {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_NESTING) return offset;
    } else if (token === ']' || token === '}') {
      depth--;
    }
    offset += token.length;
  }
  return null;
}

/**
 * The document as plain JSON data, or why it cannot be: aliases that expand beyond 100 nodes (an alias bomb), an
 * alias before its anchor, or an alias inside the node it names (a cycle JSON cannot hold, and a manifest is
 * validated as JSON).
 */
function plainData(doc: Document.Parsed): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    JSON.stringify(value);
    return { ok: true, value };
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof TypeError && /circular/i.test(message)) {
      return { ok: false, problem: 'an alias refers to a node that contains it; YAML aliases must not form a cycle' };
    }
    if (/Excessive alias count/.test(message)) {
      return { ok: false, problem: 'aliases expand to more than 100 nodes (a YAML "billion laughs" alias bomb); expand them by hand' };
    }
    return { ok: false, problem: message };
  }
}

function firstAliasOffset(doc: Document.Parsed): number | null {
  let offset: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return offset;
}

function isEmpty(doc: Document.Parsed): boolean {
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '');
}

interface Located {
  node: Node | null;
  key: Node | null;
}

function nearestNode(doc: Document.Parsed, path: DocPath): Located {
  let current: Located = { node: doc.contents, key: null };
  for (const segment of path) {
    const { node } = current;
    let next: Located | null = null;
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (pair !== undefined) {
        const key = isScalar(pair.key) ? pair.key : null;
        next = { node: (pair.value as Node | null) ?? key, key };
      }
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item !== undefined) next = { node: item as Node, key: null };
    }
    if (next === null) break;
    current = next;
  }
  return current;
}
