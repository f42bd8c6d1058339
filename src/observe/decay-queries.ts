import { quoteIdentifier, quoteString } from '../lib/sql.js';

/**
 * The SQL of Gas Town's wisp decay rules, shared by what `gt diff` counts and what `gt apply` deletes, so the two
 * can only differ by what changed in between. The rules are the reaper's:
 * - an open wisp ('open', 'hooked' or 'in_progress') created before the cutoff, not an agent bead, and with no open
 *   parent (a `parent-child` dependency on an open wisp) is closed;
 * - a closed wisp closed before the cutoff is deleted, with its label, comment and event rows and every dependency
 *   row from or to it.
 * bd stores its times in UTC; cutoffs are UTC `DATETIME` literals ('YYYY-MM-DD HH:MM:SS').
 */

/** The wisp tables bd creates (dolt-ignored in a healthy database), the main one first. */
export const WISP_TABLES = ['wisps', 'wisp_labels', 'wisp_comments', 'wisp_events', 'wisp_dependencies'] as const;

/** The tables whose rows belong to a wisp by `issue_id` (and, for dependencies, by `depends_on_id`). */
export const RELATED_TABLES = ['wisp_labels', 'wisp_comments', 'wisp_events', 'wisp_dependencies'] as const;

const OPEN_STATUSES = "('open', 'hooked', 'in_progress')";

/** How a query names a table: qualified by its database (a statement over many), or bare (after USE). */
export type TableRef = (table: string) => string;

export function tablesOf(database: string): TableRef {
  return (table) => `${quoteIdentifier(database)}.${quoteIdentifier(table)}`;
}

export const bareTables: TableRef = (table) => quoteIdentifier(table);

/** A time as the UTC `DATETIME` literal bd compares with (whole seconds). */
export function utcDatetime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** `FROM … WHERE …` of the stale open wisps (alias `w`); without a dependency table no wisp has a parent. */
export function staleOpenWisps(t: TableRef, tables: readonly string[], closeStaleBefore: string): string {
  const withParents = tables.includes('wisp_dependencies');
  const openParent = withParents
    ? ` LEFT JOIN (SELECT DISTINCT wd.issue_id FROM ${t('wisp_dependencies')} wd INNER JOIN ${t('wisps')} parent ` +
      `ON parent.id = wd.depends_on_id WHERE wd.type = 'parent-child' AND parent.status IN ${OPEN_STATUSES}) open_parent ` +
      'ON open_parent.issue_id = w.id'
    : '';
  return (
    `FROM ${t('wisps')} w${openParent} WHERE w.status IN ${OPEN_STATUSES} AND w.created_at < ${quoteString(closeStaleBefore)} ` +
    `AND w.issue_type <> 'agent'${withParents ? ' AND open_parent.issue_id IS NULL' : ''}`
  );
}

/** `FROM … WHERE …` of the closed wisps past their time (alias `w`). */
export function closedExpiredWisps(t: TableRef, deleteClosedBefore: string): string {
  return `FROM ${t('wisps')} w WHERE w.status = 'closed' AND w.closed_at < ${quoteString(deleteClosedBefore)}`;
}

/**
 * The `FROM … WHERE …` clauses whose rows, deleted one after the other, are a related table's rows of the wisps `ids`
 * (an id list). Dependencies take two: one `OR` of the two id lists takes Dolt seconds where each alone takes ms.
 */
export function relatedRowDeletes(t: TableRef, table: (typeof RELATED_TABLES)[number], ids: string): string[] {
  const owned = `FROM ${t(table)} WHERE issue_id IN (${ids})`;
  return table === 'wisp_dependencies' ? [owned, `FROM ${t(table)} WHERE depends_on_id IN (${ids})`] : [owned];
}

/**
 * How many rows of a related table belong to the closed wisps past `deleteClosedBefore`, as an SQL expression: a
 * dependency row counts once, whichever of its ends (or both) is one of them. Each term is a plain lookup: Dolt plans
 * an `OR`, or an `AND` of two `IN` subqueries, badly at times (seconds instead of milliseconds).
 */
export function relatedRowCount(t: TableRef, table: (typeof RELATED_TABLES)[number], deleteClosedBefore: string): string {
  const ids = `SELECT w.id ${closedExpiredWisps(t, deleteClosedBefore)}`;
  const count = (from: string): string => `(SELECT COUNT(*) ${from})`;
  if (table !== 'wisp_dependencies') return count(`FROM ${t(table)} WHERE issue_id IN (${ids})`);
  const expired = (alias: string): string => `${alias}.status = 'closed' AND ${alias}.closed_at < ${quoteString(deleteClosedBefore)}`;
  const both =
    `FROM ${t(table)} d INNER JOIN ${t('wisps')} a ON a.id = d.issue_id INNER JOIN ${t('wisps')} b ON b.id = d.depends_on_id ` +
    `WHERE ${expired('a')} AND ${expired('b')}`;
  return `(${count(`FROM ${t(table)} WHERE issue_id IN (${ids})`)} + ${count(`FROM ${t(table)} WHERE depends_on_id IN (${ids})`)} - ${count(both)})`;
}

/** The related tables a database has. */
export function relatedTablesIn(tables: readonly string[]): (typeof RELATED_TABLES)[number][] {
  return RELATED_TABLES.filter((table) => tables.includes(table));
}
