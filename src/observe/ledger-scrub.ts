/**
 * What the ledger keeps of a beads database: Gas Town's archive layout, its scrub of `issues` and its pollution
 * patterns, kept here as one versioned list so a change to them is a visible, reviewed change of what the archive holds.
 */

/** Names this list; a change of the WHERE clause or the patterns gets a new version. */
export const SCRUB_VERSION = 'gastown-2026-04';

/** The tables exported, each to `<db>/<table>.jsonl`; the wisp tables never are (they hold ephemeral work). */
export const LEDGER_TABLES = ['issues', 'comments', 'config', 'dependencies', 'events', 'labels', 'metadata'] as const;

export type LedgerTable = (typeof LEDGER_TABLES)[number];

/**
 * Only durable work product leaves `issues`: no ephemeral rows, tombstones or infrastructure types (messages, agents,
 * convoys, molecules, …), no wisp, convoy or test ids, no CLI help captured as a title.
 */
export const ISSUES_SCRUB_WHERE =
  "(ephemeral IS NULL OR ephemeral != 1) AND status != 'tombstone'" +
  " AND issue_type NOT IN ('message', 'event', 'agent', 'convoy', 'molecule', 'role', 'merge-request', 'rig')" +
  " AND id NOT LIKE '%-wisp-%' AND id NOT LIKE '%-cv-%' AND id NOT LIKE 'test%'" +
  " AND id NOT LIKE 'beads\\_t%' AND id NOT LIKE 'beads\\_pt%' AND id NOT LIKE 'doctest\\_%'" +
  " AND id NOT LIKE 'offlinebrew-%' AND title NOT LIKE '--%' AND title NOT LIKE 'Usage: %'";

/**
 * Test data that leaked into production, matched against an issue's id and its title after the scrub. Whitespace is
 * spelled out as the ASCII set Gas Town's regular expressions mean by \s.
 */
export const POLLUTION_PATTERNS: readonly RegExp[] = [
  /^Test Issue/iu,
  /^test[_\t\n\f\r ]/iu,
  /^bd-[0-9]{1,2}$/u,
  /^bd-[a-z]{3,5}[0-9]{1,2}$/u,
  /^(testdb_|beads_t|beads_pt|doctest_)/u,
  /^--help/iu,
  /^Usage:[\t\n\f\r ]/iu,
  /^offlinebrew-/u,
  /-wisp-/u,
];

/** An issue whose id or title looks like leaked test data. */
export function isPollution(id: string | null, title: string | null): boolean {
  return POLLUTION_PATTERNS.some((pattern) => (id !== null && pattern.test(id)) || (title !== null && pattern.test(title)));
}
