import type { Node } from 'jsonc-parser';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import { DAEMON_GO_SHAPE, type GoShape } from './generated/daemon-go-shape.js';
import { formatDocPath, type DocPath, type PositionedDocument } from './positioned-document.js';

export interface GoDecoding {
  /** Keys Go would read under another field's name, and numbers Go cannot decode into their field. */
  diagnostics: Diagnostic[];
  /**
   * The document as Go's decoder sees it: keys in another case renamed to the field they fill (locations still point
   * at the original keys). The schema checks this view, so a misspelt key's value is checked as its field's value.
   */
  document: PositionedDocument;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * daemon.json as Gas Town's loader reads it (Go encoding/json into daemon.DaemonPatrolConfig), for what JSON Schema
 * cannot say: a struct field matches its key ignoring case (map keys, e.g. env's, match exactly), and an int field
 * takes only an integer literal within int64 (`1e3`, `2000.0` or 2^63 make the whole file fail to load, after which
 * Gas Town replaces it with defaults).
 */
export function goDecoding(root: Node, document: PositionedDocument, text: string): GoDecoding {
  const diagnostics: Diagnostic[] = [];
  const renames = new WeakMap<object, Map<string, string>>();

  const walk = (node: Node, shape: GoShape | undefined, path: DocPath): unknown => {
    if (node.type === 'array') return (node.children ?? []).map((item, i) => walk(item, listItem(shape), [...path, i]));
    if (node.type === 'number') {
      const problem = numberProblem(text.slice(node.offset, node.offset + node.length), node.value as number, shape);
      if (problem !== null) diagnostics.push(diagnostic(problem.code, document.locate(path), `${formatDocPath(path)} ${problem.message}`));
      // a literal beyond float64 (1e400) is said once, above: the schema would call Infinity "not a number"
      return Number.isFinite(node.value) ? node.value : 0;
    }
    if (node.type !== 'object') return node.value;
    const fields = typeof shape === 'object' && 'struct' in shape ? shape.struct : null;
    const view: Record<string, unknown> = {};
    const renamed = new Map<string, string>();
    const properties = node.children ?? [];
    for (const property of properties) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const key = String(keyNode.value);
      const field = fields === null ? null : fieldFor(key, Object.keys(fields));
      if (field !== null && field !== key) {
        renamed.set(field, key);
        const alsoExact = properties.some((p) => p.children?.[0]?.value === field);
        diagnostics.push(diagnostic('GT-E032', document.locate([...path, key], 'key'), foldedKeyMessage(path, key, field, alsoExact)));
      }
      const name = field ?? key;
      const child = fields !== null ? fields[name] : typeof shape === 'object' && 'map' in shape ? shape.map : undefined;
      Object.defineProperty(view, name, {
        value: walk(valueNode, child, [...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (renamed.size > 0) renames.set(view, renamed);
    return view;
  };

  const value = walk(root, DAEMON_GO_SHAPE, []);
  const originalPath = (path: DocPath): DocPath => {
    const result: (string | number)[] = [];
    let node: unknown = value;
    for (const segment of path) {
      const original = typeof node === 'object' && node !== null ? renames.get(node)?.get(String(segment)) : undefined;
      result.push(original ?? segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(segment)] : undefined;
    }
    return result;
  };
  return {
    diagnostics,
    document: { file: document.file, value, locate: (path, target) => document.locate(originalPath(path), target) },
  };
}

function foldedKeyMessage(path: DocPath, key: string, field: string, alsoExact: boolean): string {
  const where = path.length === 0 ? 'the top level' : formatDocPath(path);
  const both = alsoExact ? ` and keep only one of the two "${field}" entries (Go applies both, the later wins)` : '';
  return `key "${key}" in ${where}: Gas Town's Go decoder reads it as "${field}" (it matches keys to fields ignoring case), while gt and Gas Town's other writers see a different key; spell it "${field}"${both}`;
}

function listItem(shape: GoShape | undefined): GoShape | undefined {
  return typeof shape === 'object' && 'list' in shape ? shape.list : undefined;
}

/**
 * The struct field Go's decoder fills from `key`: the exact name, else the one equal under Go's folding (encoding/json
 * fold.go: ASCII letters ignore case, and every rune folds to the smallest rune of its Unicode simple-fold orbit).
 */
function fieldFor(key: string, fields: readonly string[]): string | null {
  if (fields.includes(key)) return key;
  const folded = goFold(key);
  return fields.find((field) => goFold(field) === folded) ?? null;
}

/**
 * Go's folded form of a name, exact for names that fold to ASCII (every Gas Town field name is ASCII): the only
 * non-ASCII runes whose simple-fold orbit holds an ASCII letter are ſ (U+017F, orbit S s ſ) and the Kelvin sign
 * (U+212A, orbit K k K). Other runes are kept as they are, which can never equal an ASCII field name.
 */
function goFold(name: string): string {
  return name.replace(/[a-z\u017f\u212a]/g, (c) => (c === '\u017f' ? 'S' : c === '\u212a' ? 'K' : c.toUpperCase()));
}

interface NumberProblem {
  code: 'GT-E022' | 'GT-E024';
  message: string;
}

/** Why Go's strconv cannot decode this number literal into the field, or null (also when the schema will say why). */
function numberProblem(literal: string, value: number, shape: GoShape | undefined): NumberProblem | null {
  if (shape === 'float') {
    return Number.isFinite(value)
      ? null
      : { code: 'GT-E024', message: `is ${literal}, beyond the range of a Go float64: Gas Town would fail to load the whole file` };
  }
  if (shape !== 'int') return null;
  const exact = exactInteger(literal);
  if (exact !== null && (exact < INT64_MIN || exact > INT64_MAX)) {
    return {
      code: 'GT-E024',
      message: `is ${literal}, beyond a Go int (64-bit): Gas Town would fail to load the whole file; use a value from ${INT64_MIN} to ${INT64_MAX}`,
    };
  }
  if (/^-?(0|[1-9][0-9]*)$/.test(literal)) return null;
  if (exact !== null) {
    return {
      code: 'GT-E022',
      message: `is ${literal}, which Go cannot decode into its integer field (only digits, no fraction or exponent): Gas Town would fail to load the whole file; write ${exact}`,
    };
  }
  // a fraction JavaScript rounds to an integer (1.0000000000000001); other fractions are the schema's "must be an integer"
  return Number.isInteger(value) ? { code: 'GT-E022', message: `is ${literal}; it must be an integer (digits only)` } : null;
}

/** The integer a JSON number literal denotes exactly, or null when it has a fractional part. */
function exactInteger(literal: string): bigint | null {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(literal);
  if (match === null) return null;
  const [, sign, whole, fraction = '', exponentText = '0'] = match as unknown as [string, string, string, string?, string?];
  const digits = `${whole}${fraction}`.replace(/^0+(?=.)/, '');
  const exponent = Number(exponentText) - fraction.length;
  if (/^0+$/.test(digits)) return 0n;
  if (exponent >= 0) {
    // beyond int64 anyway; keeps 10n ** exponent small
    if (exponent + digits.length > 40) return BigInt(`${sign}1${'0'.repeat(40)}`);
    return BigInt(`${sign}${digits}`) * 10n ** BigInt(exponent);
  }
  const dropped = digits.slice(exponent);
  if (!/^0*$/.test(dropped)) return null;
  return BigInt(`${sign}${digits.slice(0, exponent) || '0'}`);
}
