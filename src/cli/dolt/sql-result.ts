/** What one statement of `gt dolt sql -q` returned: a result set, or the count of rows it changed. */
export type StatementResult =
  | { kind: 'rows'; columns: string[]; rows: unknown[][] }
  | { kind: 'ok'; affectedRows: number };

function isFieldList(value: unknown): value is { name: string }[] {
  return Array.isArray(value) && value.every((field) => typeof field === 'object' && field !== null && 'name' in field);
}

function single(rows: unknown, fields: unknown): StatementResult {
  if (isFieldList(fields)) {
    return { kind: 'rows', columns: fields.map((field) => field.name), rows: rows as unknown[][] };
  }
  return { kind: 'ok', affectedRows: Number((rows as { affectedRows?: unknown }).affectedRows ?? 0) };
}

/**
 * mysql2's `[rows, fields]` (queried with rowsAsArray) as one result per statement. With several statements, rows
 * and fields are lists with one entry per statement (fields undefined for a statement without a result set).
 */
export function statementResults(rows: unknown, fields: unknown): StatementResult[] {
  const several =
    Array.isArray(fields) && fields.length > 0 && fields.every((entry) => entry === undefined || Array.isArray(entry));
  if (!several) return [single(rows, fields)];
  return (fields as unknown[]).map((entry, index) => single((rows as unknown[])[index], entry));
}

/** A value as one cell: NULL, binary as 0x hex, JSON documents as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function table(columns: string[], rows: unknown[][]): string {
  const cells = rows.map((row) => columns.map((_, index) => cellText(row[index])));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((row) => (row[index] as string).length)));
  const border = `+${widths.map((width) => '-'.repeat(width + 2)).join('+')}+`;
  const line = (values: string[]): string => `| ${values.map((value, index) => value.padEnd(widths[index] as number)).join(' | ')} |`;
  return [border, line(columns), border, ...cells.map(line), border].join('\n');
}

/** Results as the mysql client shows them: a bordered table per result set, "Query OK" for the others. */
export function renderResultsText(results: readonly StatementResult[]): string {
  return results
    .map((result) => {
      if (result.kind === 'ok') return `Query OK, ${result.affectedRows} row${result.affectedRows === 1 ? '' : 's'} affected\n`;
      if (result.rows.length === 0) return 'Empty set\n';
      return `${table(result.columns, result.rows)}\n`;
    })
    .join('\n');
}

function jsonValue(value: unknown): unknown {
  return Buffer.isBuffer(value) ? cellText(value) : (value ?? null);
}

/** One JSON line per statement, as `dolt sql -r json` prints: `{"rows":[{column: value}]}` or `{"affectedRows":n}`. */
export function renderResultsJson(results: readonly StatementResult[]): string {
  return results
    .map((result) => {
      if (result.kind === 'ok') return `${JSON.stringify({ affectedRows: result.affectedRows })}\n`;
      const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column, jsonValue(row[index])])));
      return `${JSON.stringify({ rows })}\n`;
    })
    .join('');
}
