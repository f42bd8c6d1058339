/**
 * What a dolt_ignore pattern matches, as Dolt reads it: `*` and `%` any run of characters, `?` one, anything else
 * itself (https://docs.dolthub.com/reference/sql/version-control/dolt-system-tables#dolt_ignore). Compared without
 * case, so a check refuses rather than misses.
 */

/** The pattern's positions reachable after matching `text` (a `*`/`%` may also match nothing). */
function positionsAfter(pattern: string, text: string): Set<number> {
  const closure = (positions: Iterable<number>): Set<number> => {
    const all = new Set<number>();
    for (let position of positions) {
      all.add(position);
      while (pattern[position] === '*' || pattern[position] === '%') all.add(++position);
    }
    return all;
  };
  let current = closure([0]);
  for (const char of text.toLowerCase()) {
    const next: number[] = [];
    for (const position of current) {
      const token = pattern[position]?.toLowerCase();
      if (token === undefined) continue;
      if (token === '*' || token === '%') next.push(position);
      else if (token === '?' || token === char) next.push(position + 1);
    }
    current = closure(next);
  }
  return current;
}

export function ignorePatternMatches(pattern: string, table: string): boolean {
  return positionsAfter(pattern, table).has(pattern.length);
}

/** Whether the pattern matches some table whose name starts with `prefix` (any rest of a pattern matches something). */
function matchesSomeNameStartingWith(pattern: string, prefix: string): boolean {
  return positionsAfter(pattern, prefix).size > 0;
}

/**
 * Why Dolt could not commit dolt_ignore once the pattern is in it, or null: a pattern that matches dolt_ignore itself
 * makes DOLT_ADD('dolt_ignore') stage nothing, so the row stays in the working set forever (and every pattern added
 * later with it); one that matches Dolt's other system tables (dolt_docs, dolt_schemas, …) or every table keeps them
 * out of every commit too.
 */
export function systemTablePatternProblem(pattern: string): string | null {
  // most patterns start with a letter other than d (wisps, wisp_*): they match no dolt_ table, without the automaton
  if (/^[a-ce-z0-9_]/i.test(pattern)) return null;
  if (pattern.length > 0 && /^[*%]+$/.test(pattern)) return 'it matches every table, dolt_ignore itself included';
  if (ignorePatternMatches(pattern, 'dolt_ignore')) return 'it matches dolt_ignore itself';
  if (matchesSomeNameStartingWith(pattern, 'dolt_')) return "it matches Dolt's system tables (dolt_…)";
  return null;
}
