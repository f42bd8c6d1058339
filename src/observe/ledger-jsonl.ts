/**
 * One archive record per row, byte for byte as Gas Town's files hold them (its export reads through the running
 * server, whose JSON result format it compacts): an object whose keys are the column names in byte order, every
 * value that is not NULL as a JSON string of its text form as the server sends it (numbers and JSON documents too),
 * NULLs left out. Identical rows always give identical bytes.
 */

/**
 * A JSON string as Go's encoder writes it without HTML escaping: JavaScript's form, except that U+2028 and U+2029
 * are escaped too (Go escapes them, JSON.stringify does not).
 */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** Byte order of UTF-8 strings, which is Go's string order (UTF-16 code unit order differs above U+FFFF). */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Renders the rows of one table: `columns` in the result's order, each row's values in that order (NULL as null). */
export class RecordRenderer {
  private readonly order: number[];
  private readonly keys: string[];

  constructor(columns: readonly string[]) {
    this.order = columns.map((_, index) => index).sort((a, b) => compareBytes(columns[a] as string, columns[b] as string));
    this.keys = columns.map((column) => `${goJsonString(column)}:`);
  }

  /** One record, without its newline. */
  line(values: readonly (string | null)[]): string {
    const parts: string[] = [];
    for (const index of this.order) {
      const value = values[index];
      if (value !== null && value !== undefined) parts.push(`${this.keys[index] as string}${goJsonString(value)}`);
    }
    return `{${parts.join(',')}}`;
  }
}
