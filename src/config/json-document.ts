import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { diagnostic, type DiagnosticCode } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import { MAX_NESTING, tooDeep } from './input-limits.js';
import { LineIndex, type DocPath, type PositionedDocument } from './positioned-document.js';

export interface ParsedJson {
  /** null when the text is not JSON. */
  document: PositionedDocument | null;
  /** The syntax tree (offsets, number literals as written); null when the text is not JSON. */
  tree: Node | null;
  diagnostics: Diagnostic[];
}

/** Which JSON file a finding is about: its name in messages, and the codes of its syntax and duplicate-key errors. */
export interface JsonFileKind {
  name: string;
  syntaxCode: DiagnosticCode;
  duplicateKeyCode: DiagnosticCode;
}

const DAEMON_JSON: JsonFileKind = { name: 'daemon.json', syntaxCode: 'GT-E010', duplicateKeyCode: 'GT-E011' };

/**
 * Strict JSON as Gas Town's Go encoding/json reads it: no comments, no trailing commas. Duplicate keys are an error
 * too (Go silently keeps the last one, which hides edits). Only the first syntax error is reported: the rest follow
 * from it.
 */
export function parseJsonDocument(file: string, text: string, kind: JsonFileKind = DAEMON_JSON): ParsedJson {
  const lines = new LineIndex(text);
  const deep = offsetTooDeep(text);
  if (deep !== null) {
    return { document: null, tree: null, diagnostics: [diagnostic(kind.syntaxCode, lines.location(file, deep), tooDeep())] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first !== undefined || root === undefined) {
    const trailingComma = first !== undefined && isTrailingComma(text, first.offset);
    const offset = trailingComma ? text.lastIndexOf(',', first.offset) : (first?.offset ?? 0);
    const what =
      first === undefined ? 'the file is empty' : trailingComma ? 'trailing comma' : describeParseError(text, first);
    return {
      document: null,
      tree: null,
      diagnostics: [
        diagnostic(
          kind.syntaxCode,
          lines.location(file, offset),
          `${what}; ${kind.name} must be strict JSON (no comments, no trailing commas) — gt never rewrites a file it cannot parse`,
        ),
      ],
    };
  }
  const value: unknown = JSON.parse(text);
  const locate = (path: DocPath, target: 'key' | 'value' = 'value') => {
    const node = nearestNode(root, path);
    const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return lines.location(file, target === 'key' && keyNode !== undefined ? keyNode.offset : node.offset);
  };
  return { document: { file, value, locate }, tree: root, diagnostics: duplicateKeys(root, file, lines, kind.duplicateKeyCode) };
}

/**
 * Where the text opens its (MAX_NESTING + 1)th nested object or array, or null: a flat token scan, no recursion. A
 * token that starts with a bracket is a bracket (strings start with a quote).
 */
function offsetTooDeep(text: string): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (scanner.scan(); scanner.getTokenOffset() < text.length; scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const first = text[offset];
    if (first === '{' || first === '[') {
      if (++depth > MAX_NESTING) return offset;
    } else if (first === '}' || first === ']') {
      depth--;
    }
  }
  return null;
}

function isTrailingComma(text: string, offset: number): boolean {
  return text.slice(0, offset).trimEnd().endsWith(',') && /^\s*[}\]]/.test(text.slice(offset));
}

function describeParseError(text: string, error: ParseError): string {
  switch (printParseErrorCode(error.error)) {
    case 'InvalidCommentToken':
      return 'comments are not allowed';
    case 'EndOfFileExpected':
      return 'unexpected content after the end of the JSON value';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfComment':
      return 'unterminated comment';
    case 'InvalidSymbol':
      return `unexpected character ${JSON.stringify(text.charAt(error.offset))}`;
    case 'CommaExpected':
      return 'missing comma';
    case 'ColonExpected':
      return 'missing colon after a key';
    case 'PropertyNameExpected':
      return 'expected a double-quoted key';
    case 'ValueExpected':
      return 'expected a value';
    case 'CloseBraceExpected':
      return 'missing closing brace';
    case 'CloseBracketExpected':
      return 'missing closing bracket';
    default:
      return `invalid JSON (${printParseErrorCode(error.error)})`;
  }
}

function nearestNode(root: Node, path: DocPath): Node {
  for (let length = path.length; length > 0; length--) {
    const segments = path.slice(0, length).map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
    const node = findNodeAtLocation(root, segments);
    if (node !== undefined) return node;
  }
  return root;
}

function duplicateKeys(node: Node, file: string, lines: LineIndex, code: DiagnosticCode): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (key === undefined) continue;
      const name = String(key.value);
      const earlier = seen.get(name);
      if (earlier === undefined) seen.set(name, key);
      else {
        const first = lines.location(file, earlier.offset);
        found.push(
          diagnostic(
            code,
            lines.location(file, key.offset),
            `duplicate key "${name}" (first at line ${first.line}); Gas Town would silently keep only the last one — remove one of them`,
          ),
        );
      }
    }
  }
  for (const child of node.children ?? []) found.push(...duplicateKeys(child, file, lines, code));
  return found;
}
