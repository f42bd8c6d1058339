import type { SourceLocation } from '../lib/location.js';

/** A path into a parsed document: object keys and array indexes (as numbers or digit strings). */
export type DocPath = readonly (string | number)[];

/** One parsed JSON or YAML document that can say where each of its nodes is in the source file. */
export interface PositionedDocument {
  file: string;
  value: unknown;
  /**
   * Where the node at `path` starts: its value, or with target 'key' the key it sits under. A path that does not
   * exist resolves to its nearest existing ancestor.
   */
  locate(path: DocPath, target?: 'key' | 'value'): SourceLocation;
}

/** Line and column (1-based) of character offsets in a text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  location(file: string, offset: number): SourceLocation {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { file, line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }
}

/** `spec.remotes[0].url` for diagnostics; the empty path is "the document". */
export function formatDocPath(path: DocPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? 'the document' : text;
}
