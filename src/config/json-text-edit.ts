import { applyEdits, findNodeAtLocation, format, modify, parseTree, type FormattingOptions, type JSONPath } from 'jsonc-parser';

/**
 * Edits of a JSON file's text that leave everything they do not change byte-identical: formatting, key order, unknown
 * keys. Inserted entries take the file's own indentation and line ending.
 */

/** The file's own indentation and line ending, so inserted entries look like their neighbours. */
export function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}

/**
 * Where a new key goes among an object's keys: in sorted place when they are sorted (a file Go wrote from a map, such
 * as Gas Town's rigs.json or metadata.json, stays sorted), else last.
 */
function insertionIndex(key: string): (properties: string[]) => number {
  return (properties) => {
    const sorted = properties.every((name, i) => i === 0 || (properties[i - 1] as string) <= name);
    if (!sorted) return properties.length;
    const after = properties.findIndex((name) => name > key);
    return after === -1 ? properties.length : after;
  };
}

/**
 * Sets `path` to `value`, formatting only the inserted text. (modify's own formatting re-indents the whole line the
 * edit touches, which would rewrite the previous entry when it sits on that line.) Absent parent objects are created.
 * A new key goes last, or with `keepSorted` into its sorted place among keys that are sorted.
 */
export function setFormatted(text: string, path: JSONPath, value: unknown, formatting: FormattingOptions, keepSorted = false): string {
  const last = path[path.length - 1];
  const getInsertionIndex = keepSorted && typeof last === 'string' ? insertionIndex(last) : undefined;
  const before = parseTree(text);
  const replacing = before !== undefined && findNodeAtLocation(before, path) !== undefined;
  const [edit] = modify(text, path, value, { getInsertionIndex });
  if (edit === undefined) return text;
  const edited = applyEdits(text, [edit]);
  const inserted = { start: edit.offset, end: edit.offset + edit.content.length };
  const { start, end } = replacing ? inserted : layoutRange(edited, path, inserted.start, inserted.end);
  const layout = format(edited, { offset: start, length: end - start }, formatting).filter(
    (e) => e.offset >= start && e.offset + e.length <= end,
  );
  return applyEdits(edited, layout);
}

/**
 * What to lay out after inserting a key: the inserted text, or the whole parent when the new key is its only one (an
 * empty `{}` becomes a block of its own, as Go writes it). A replaced value keeps its object's layout.
 */
function layoutRange(edited: string, path: JSONPath, start: number, end: number): { start: number; end: number } {
  const root = parseTree(edited);
  const parent = root === undefined ? undefined : findNodeAtLocation(root, path.slice(0, -1));
  if (parent?.type === 'object' && parent.children?.length === 1) return { start: parent.offset, end: parent.offset + parent.length };
  return { start, end };
}
