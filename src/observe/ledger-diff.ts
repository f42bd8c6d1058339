/** How one table's export differs from the same file at the archive's HEAD: pure. */

export interface TableChange {
  /** Records at the archive's HEAD (its non-empty lines); null when HEAD has no such file. */
  before: number | null;
  after: number;
  added: number;
  removed: number;
  /** Same primary key, other bytes. */
  changed: number;
  /** The new file is byte for byte the one at HEAD (nothing to write). */
  identical: boolean;
}

/** A record's primary key as the archive holds it (values as strings, absent ones as null), for matching lines. */
export function archivedKey(line: string, primaryKey: readonly string[]): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return `unreadable:${line}`; // never equal to a new record's key: counted as removed
  }
  const fields = typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : {};
  return JSON.stringify(primaryKey.map((column) => (fields[column] === undefined || fields[column] === null ? null : String(fields[column]))));
}

/** A new record's key from its row's primary key values, in the form archivedKey gives. */
export function rowKey(values: readonly (string | null)[]): string {
  return JSON.stringify(values);
}

/**
 * Compares a table's new records (`lines`, with their keys `keys`) with the file at HEAD (`headText`; null when
 * absent): records added, removed and changed by primary key.
 */
export function compareTable(headText: string | null, text: string, lines: readonly string[], keys: readonly string[], primaryKey: readonly string[]): TableChange {
  if (headText === null) return { before: null, after: lines.length, added: lines.length, removed: 0, changed: 0, identical: false };
  const archived = new Map<string, string>();
  let before = 0;
  for (const line of headText.split('\n')) {
    if (line === '') continue;
    before++;
    archived.set(archivedKey(line, primaryKey), line);
  }
  let added = 0;
  let changed = 0;
  lines.forEach((line, index) => {
    const key = keys[index] as string;
    const old = archived.get(key);
    if (old === undefined) added++;
    else if (old !== line) changed++;
    archived.delete(key);
  });
  return { before, after: lines.length, added, removed: archived.size, changed, identical: headText === text };
}
