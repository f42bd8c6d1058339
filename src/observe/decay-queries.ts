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

/** Open wisps may have an open parent only where the dependency table exists. */
function withParents(tables: readonly string[]): boolean {
  return tables.includes('wisp_dependencies');
}

/** `LEFT JOIN` of the wisps (alias `w`) to their open parent, if any (alias `open_parent`). */
function openParentJoin(t: TableRef): string {
  return (
    ` LEFT JOIN (SELECT DISTINCT wd.issue_id FROM ${t('wisp_dependencies')} wd INNER JOIN ${t('wisps')} parent ` +
    `ON parent.id = wd.depends_on_id WHERE wd.type = 'parent-child' AND parent.status IN ${OPEN_STATUSES}) open_parent ` +
    'ON open_parent.issue_id = w.id'
  );
}

/** The rule for a stale open wisp `w` (with `open_parent` joined where the wisp can have one). */
function isStaleOpen(tables: readonly string[], closeStaleBefore: string): string {
  const rule = `w.status IN ${OPEN_STATUSES} AND w.created_at < ${quoteString(closeStaleBefore)} AND w.issue_type <> 'agent'`;
  return withParents(tables) ? `${rule} AND open_parent.issue_id IS NULL` : rule;
}

/** The rule for a closed wisp past its time; false (not unknown) for one without a closing time. */
function isExpired(alias: string, deleteClosedBefore: string): string {
  return `COALESCE(${alias}.status = 'closed' AND ${alias}.closed_at < ${quoteString(deleteClosedBefore)}, FALSE)`;
}

/** `FROM … WHERE …` of the stale open wisps (alias `w`). */
export function staleOpenWisps(t: TableRef, tables: readonly string[], closeStaleBefore: string): string {
  return `FROM ${t('wisps')} w${withParents(tables) ? openParentJoin(t) : ''} WHERE ${isStaleOpen(tables, closeStaleBefore)}`;
}

/** `FROM … WHERE …` of the closed wisps past their time (alias `w`). */
export function closedExpiredWisps(t: TableRef, deleteClosedBefore: string): string {
  return `FROM ${t('wisps')} w WHERE ${isExpired('w', deleteClosedBefore)}`;
}

/**
 * A derived table (alias `x`) of one row: how many wisps are stale and open, how many closed and past their time, and
 * the next moments a wisp ages past a cutoff (the earliest creation of an open wisp not yet stale, the earliest
 * closing of one not yet expired; UTC text or NULL). One pass over `wisps`: every table a statement names costs Dolt
 * milliseconds, so a count of hundreds of databases names as few as it can.
 */
export function wispAggregates(t: TableRef, tables: readonly string[], cutoffs: { closeStaleBefore: string; deleteClosedBefore: string }): string {
  const { closeStaleBefore, deleteClosedBefore } = cutoffs;
  const notYetStale = `w.status IN ${OPEN_STATUSES} AND w.created_at >= ${quoteString(closeStaleBefore)}`;
  const notYetExpired = `w.status = 'closed' AND w.closed_at >= ${quoteString(deleteClosedBefore)}`;
  return (
    `(SELECT COALESCE(SUM(${isStaleOpen(tables, closeStaleBefore)}), 0) AS stale_open, ` +
    `COALESCE(SUM(${isExpired('w', deleteClosedBefore)}), 0) AS closed_expired, ` +
    `CAST(MIN(CASE WHEN ${notYetStale} THEN w.created_at END) AS CHAR) AS next_stale, ` +
    `CAST(MIN(CASE WHEN ${notYetExpired} THEN w.closed_at END) AS CHAR) AS next_expiry ` +
    `FROM ${t('wisps')} w${withParents(tables) ? openParentJoin(t) : ''}) x`
  );
}

/**
 * How many related rows go with the closed wisps past their time, as a scalar subquery: their label, comment and
 * event rows, and every dependency row from or to one of them, once (a row whose both ends expire counts for its
 * `issue_id`). One pass: the related tables' rows as (the wisp they go with, the other end of a dependency).
 */
export function relatedRowsCount(t: TableRef, tables: readonly string[], deleteClosedBefore: string): string {
  const related = relatedTablesIn(tables);
  if (related.length === 0) return '0';
  const rows = related.flatMap((table) => [
    `SELECT issue_id AS id, NULL AS other FROM ${t(table)}`,
    ...(table === 'wisp_dependencies' ? [`SELECT depends_on_id, issue_id FROM ${t(table)}`] : []),
  ]);
  return (
    `(SELECT COUNT(*) FROM (${rows.join(' UNION ALL ')}) r INNER JOIN ${t('wisps')} w ON w.id = r.id ` +
    `LEFT JOIN ${t('wisps')} a ON a.id = r.other WHERE ${isExpired('w', deleteClosedBefore)} ` +
    `AND (r.other IS NULL OR NOT ${isExpired('a', deleteClosedBefore)}))`
  );
}

/**
 * The `FROM … WHERE …` clauses whose rows, deleted one after the other, are a related table's rows of the wisps `ids`
 * (an id list). Dependencies take two: one `OR` of the two id lists takes Dolt seconds where each alone takes ms.
 */
export function relatedRowDeletes(t: TableRef, table: (typeof RELATED_TABLES)[number], ids: string): string[] {
  const owned = `FROM ${t(table)} WHERE issue_id IN (${ids})`;
  return table === 'wisp_dependencies' ? [owned, `FROM ${t(table)} WHERE depends_on_id IN (${ids})`] : [owned];
}

/** The related tables a database has. */
export function relatedTablesIn(tables: readonly string[]): (typeof RELATED_TABLES)[number][] {
  return RELATED_TABLES.filter((table) => tables.includes(table));
}
