/**
 * SQL text without the driver: quoting here is the same as mysql2's (sqlstring's escapeId with forbidQualified, and
 * escape for a string), which a unit test holds them to, so that a plan can quote a name in a message without loading
 * mysql2.
 */

const STRING_ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
  '"': '\\"',
  "'": "\\'",
  '\\': '\\\\',
};

/** A database or table name as a backtick-quoted identifier; a dot stays part of the name. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A string literal: single-quoted, with MySQL's backslash escapes. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\0\b\t\n\r\x1a"'\\]/g, (char) => STRING_ESCAPES[char] ?? char)}'`;
}

/**
 * The first row of a query's result: a `CALL` answers [rows, OkPacket] where a plain SELECT answers rows. Undefined
 * when there is none.
 */
export function firstRow(result: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(result)) return undefined;
  const first: unknown = result[0];
  const row: unknown = Array.isArray(first) ? first[0] : first;
  return typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : undefined;
}

/** Names SHOW DATABASES lists that are not databases of a town: system schemas and revision databases. */
export function isTownDatabaseName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'information_schema' || lower === 'mysql' || lower === 'dolt_cluster') return false;
  return !name.includes('/') && !name.includes('@');
}

/**
 * `s1 UNION ALL s2 UNION ALL ...` nested as a balanced tree. Dolt's planner takes time quadratic in the length of a
 * flat UNION ALL chain (and far more with column aliases): for 500 databases a flat chain takes minutes, the tree a
 * few hundred milliseconds.
 */
export function unionAllTree(selects: readonly string[]): string {
  if (selects.length === 1) return selects[0] as string;
  const middle = selects.length >> 1;
  return `(${unionAllTree(selects.slice(0, middle))}) UNION ALL (${unionAllTree(selects.slice(middle))})`;
}
