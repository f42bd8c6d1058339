import mysql from 'mysql2/promise';

/** A database or table name as a backtick-quoted identifier; a dot stays part of the name. */
export function quoteIdentifier(name: string): string {
  return mysql.escapeId(name, true);
}

/** A string literal, escaped by mysql2. */
export function quoteString(value: string): string {
  return mysql.escape(value);
}

/** Names SHOW DATABASES lists that are not databases of a town: system schemas and revision databases. */
export function isTownDatabaseName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'information_schema' || lower === 'mysql' || lower === 'dolt_cluster') return false;
  return !name.includes('/') && !name.includes('@');
}
