import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import { MAX_NESTING, tooDeep } from './input-limits.js';
import { LineIndex, type DocPath, type PositionedDocument } from './positioned-document.js';
import { cacheDirectory, ParsedYamlCache, pathKey, type ParsedDocument, type PositionTable } from './yaml-cache.js';

export interface ParsedYaml {
  /** Non-empty documents, in file order. */
  documents: PositionedDocument[];
  diagnostics: Diagnostic[];
}

type YamlLibrary = typeof import('yaml');
let yamlLibrary: YamlLibrary | null = null;

/** The yaml package, loaded on the first text no cache knows: a command whose files are all cached never pays its ~50 ms start-up. */
function yaml(): YamlLibrary {
  yamlLibrary ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return yamlLibrary;
}

/** More files than any town has. */
const MAX_REMEMBERED_FILES = 4096;

/**
 * What parsing a town's YAML may reuse, passed to every loader that parses: the last parse of each file (the daemon
 * reloads every manifest on every change, and parsing is what a reload costs: about 1 ms and 150 kB of garbage per
 * manifest), and the parsed-YAML cache on disk, which gives a fresh gt process what an earlier one parsed (null: none).
 * One per process: the daemon keeps its own across reloads.
 */
export class YamlParseCache {
  /** The last parse of each file, least recently parsed first. */
  private readonly lastParsed = new Map<string, { text: string; parsed: ParsedYaml }>();

  constructor(private readonly disk: ParsedYamlCache | null) {}

  /** parseYamlDocuments, unless this text of the file was parsed before (by this process, or one that saved). */
  parse(file: string, text: string): ParsedYaml {
    const last = this.lastParsed.get(file);
    if (last?.text === text) return last.parsed;
    const cached = this.disk?.get(file, text);
    let parsed: ParsedYaml;
    if (cached !== undefined) {
      parsed = { documents: cached.map((doc) => positioned(file, doc)), diagnostics: [] };
    } else {
      const fresh = parseUncached(file, text);
      if (fresh.diagnostics.length === 0) this.disk?.put(file, text, fresh.documents);
      parsed = { documents: fresh.documents.map((doc) => positioned(file, doc)), diagnostics: fresh.diagnostics };
    }
    this.lastParsed.delete(file);
    this.lastParsed.set(file, { text, parsed });
    if (this.lastParsed.size > MAX_REMEMBERED_FILES) this.lastParsed.delete(this.lastParsed.keys().next().value as string);
    return parsed;
  }

  /** Writes the texts parsed since the last save to the cache on disk, for the next gt process. */
  save(): void {
    this.disk?.save();
  }
}

/** A cache backed by the parsed-YAML cache in the directory `env` names (`$GT_CACHE_DIR`, else gt's cache root). */
export function diskYamlCache(env: NodeJS.ProcessEnv): YamlParseCache {
  return new YamlParseCache(new ParsedYamlCache(cacheDirectory(env)));
}

/** Every document of a YAML file (`---` separated), parsed now; empty documents are skipped. */
export function parseYamlDocuments(file: string, text: string): ParsedYaml {
  const { documents, diagnostics } = parseUncached(file, text);
  return { documents: documents.map((doc) => positioned(file, doc)), diagnostics };
}

function positioned(file: string, { value, positions }: ParsedDocument): PositionedDocument {
  const locate = (path: DocPath, target: 'key' | 'value' = 'value') => {
    for (let depth = path.length; depth >= 0; depth--) {
      const [line, column, keyLine, keyColumn] = positions[pathKey(path.slice(0, depth))] ?? [];
      if (line === undefined || column === undefined) continue;
      if (target === 'key' && keyLine !== undefined && keyColumn !== undefined) return { file, line: keyLine, column: keyColumn };
      return { file, line, column };
    }
    return { file, line: 1, column: 1 };
  };
  return { file, value, locate };
}

function parseUncached(file: string, text: string): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const lineAndColumn = (offset: number): [number, number] => {
    const { line, col } = lineCounter.linePos(offset);
    return [line, col];
  };
  const at = (offset: number) => {
    const [line, column] = lineAndColumn(offset);
    return { file, line, column };
  };
  const deep = offsetTooDeep(text);
  if (deep !== null) {
    return { documents: [], diagnostics: [diagnostic('GT-E012', new LineIndex(text).location(file, deep), `invalid YAML: ${tooDeep()}`)] };
  }
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];
  for (const doc of docs) {
    const errors = doc.errors.map((error) =>
      error.code === 'DUPLICATE_KEY'
        ? diagnostic('GT-E013', at(error.pos[0]), duplicateKeyMessage(doc, error.pos[0], (offset) => at(offset).line))
        : diagnostic('GT-E012', at(error.pos[0]), `invalid YAML: ${error.message}`),
    );
    diagnostics.push(...errors);
    if (errors.length > 0 || isEmpty(doc)) continue;
    const mergeKey = firstMergeKeyOffset(doc);
    if (mergeKey !== null) {
      diagnostics.push(
        diagnostic('GT-E017', at(mergeKey), 'merge keys ("<<") are not supported in manifests: write the keys out in full'),
      );
      continue;
    }
    const data = plainData(doc);
    if (!data.ok) {
      diagnostics.push(diagnostic('GT-E012', at(firstAliasOffset(doc) ?? doc.range[0]), `invalid YAML: ${data.problem}`));
      continue;
    }
    documents.push({ value: data.value, positions: positionTable(doc, lineAndColumn) });
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
  for (const token of new (yaml().Lexer)().lex(text)) {
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
  const { visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return offset;
}

/** `duplicate key "name" (first at line 4)` for the repeated key starting at `offset`. */
function duplicateKeyMessage(doc: Document.Parsed, offset: number, lineOf: (offset: number) => number): string {
  const { isScalar, visit } = yaml();
  let found = 'duplicate key';
  visit(doc, {
    Map(_key, map) {
      const keys = map.items.map((pair) => pair.key).filter(isScalar);
      const repeated = keys.find((key) => key.range?.[0] === offset);
      if (repeated === undefined) return undefined;
      const first = keys.find((key) => key.value === repeated.value) ?? repeated;
      found = `duplicate key ${JSON.stringify(String(repeated.value))} (first at line ${lineOf(first.range?.[0] ?? offset)})`;
      return visit.BREAK;
    },
  });
  return `${found}; keys must be unique — keep one of them`;
}

/** Where the first YAML merge key (a plain `<<`) is, or null: YAML 1.2, which gt reads, has no merge keys. */
function firstMergeKeyOffset(doc: Document.Parsed): number | null {
  const { isScalar, visit } = yaml();
  let offset: number | null = null;
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== '<<' || pair.key.type !== 'PLAIN') return undefined;
      offset = pair.key.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return offset;
}

function isEmpty(doc: Document.Parsed): boolean {
  const { isScalar } = yaml();
  return doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.source === '');
}

/**
 * Where every node of the document starts. A path follows map keys (as strings) and sequence indexes; where a key
 * repeats, the first one is where the path leads. A key without a value is located at its key.
 */
function positionTable(doc: Document.Parsed, lineAndColumn: (offset: number) => [number, number]): PositionTable {
  const { isMap, isScalar, isSeq } = yaml();
  const table: PositionTable = {};
  const record = (node: Node | null, path: (string | number)[], key: Node | null): void => {
    const id = pathKey(path);
    if (id in table) return;
    const value = lineAndColumn(node?.range?.[0] ?? key?.range?.[0] ?? doc.range[0]);
    table[id] = key?.range ? [...value, ...lineAndColumn(key.range[0])] : value;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) record(pair.value as Node | null, [...path, String(pair.key.value)], pair.key);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => record(item as Node, [...path, index], null));
    }
  };
  record(doc.contents, [], null);
  return table;
}
