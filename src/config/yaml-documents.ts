import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { DocPath, PositionedDocument } from './positioned-document.js';

export interface ParsedYaml {
  /** Non-empty documents, in file order. */
  documents: PositionedDocument[];
  diagnostics: Diagnostic[];
}

/** Every document of a YAML file (`---` separated); empty documents are skipped. */
export function parseYamlDocuments(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
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
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const locate = (path: DocPath, target: 'key' | 'value' = 'value') => {
      const { node, key } = nearestNode(doc, path);
      return at((target === 'key' ? key?.range?.[0] : undefined) ?? node?.range?.[0] ?? doc.range[0]);
    };
    documents.push({ file, value, locate });
  }
  return { documents, diagnostics };
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
