/**
 * Why gt refuses surgical compaction, and what to do instead: the planner shows it, the engine refuses with it.
 * Main's head can be replaced under live writers only through a transaction commit (a soft reset moves it outside the
 * lock writers' commits take, and a writer committing at that moment fails), and the one such commit that drops
 * history is an amend onto a merge whose other side brings no change. A rebased history's tip holds every table, so
 * merging it into main conflicts with, or brings back, what agents changed meanwhile; a flatten's marker holds the
 * root's tables and brings nothing.
 */
export const SURGICAL_REFUSED = {
  reason: 'surgical compaction needs a swap Dolt 1.86.4 cannot do under live writers',
  fix: 'use mode: flatten',
} as const;
