import { readOwnJsonFile, writeOwnJsonFile } from '../lib/lifecycle-state.js';
import type { RootHashes } from './root-hashes.js';

/** A dolt_ignore row as the snapshot reads it: the pattern, and whether it ignores. */
export type IgnoreRow = [pattern: string, ignored: boolean];


/**
 * What the snapshot learned of root values, by their hash. Dolt's hashes name content, so what a hash's root holds
 * never changes: dolt_ignore and bd's issue_prefix in a working set, dolt_ignore committed at a HEAD. A database
 * whose hashes did not move since an earlier observation needs no statement for them.
 */
export interface RootFacts {
  /** dolt_ignore of a working set, by its hash. */
  ignoreByWorking: Map<string, IgnoreRow[]>;
  /** dolt_ignore committed at a HEAD, by the commit's hash. */
  ignoreByHead: Map<string, IgnoreRow[]>;
  /** bd's issue_prefix in a working set (null: bd has not initialized it), by its hash. */
  prefixByWorking: Map<string, string | null>;
}

export function emptyRootFacts(): RootFacts {
  return { ignoreByWorking: new Map(), ignoreByHead: new Map(), prefixByWorking: new Map() };
}

/** Which databases the snapshot must read again for each part, because their hash has no entry. */
export interface Rereads {
  ignore: string[];
  ignoreHead: string[];
  prefix: string[];
}

/** The databases whose facts the cache does not hold at their current hashes (all of them for an empty cache). */
export function planRereads(hashes: ReadonlyMap<string, RootHashes>, cache: RootFacts): Rereads {
  const rereads: Rereads = { ignore: [], ignoreHead: [], prefix: [] };
  for (const [name, { head, working }] of hashes) {
    if (!cache.ignoreByWorking.has(working)) rereads.ignore.push(name);
    if (!cache.ignoreByHead.has(head)) rereads.ignoreHead.push(name);
    if (!cache.prefixByWorking.has(working)) rereads.prefix.push(name);
  }
  return rereads;
}

/**
 * The facts to keep after an observation: everything read again (`fresh`, by the hashes it was read at), and the
 * cache's entries of the hashes databases have now. Entries of hashes no database has any more are dropped, so the
 * file stays the size of the town.
 */
export function factsToKeep(hashes: ReadonlyMap<string, RootHashes>, cache: RootFacts, fresh: RootFacts): RootFacts {
  const kept: RootFacts = {
    ignoreByWorking: new Map(fresh.ignoreByWorking),
    ignoreByHead: new Map(fresh.ignoreByHead),
    prefixByWorking: new Map(fresh.prefixByWorking),
  };
  const keep = <T>(target: Map<string, T>, source: ReadonlyMap<string, T>, hash: string): void => {
    if (!target.has(hash) && source.has(hash)) target.set(hash, source.get(hash) as T);
  };
  for (const { head, working } of hashes.values()) {
    keep(kept.ignoreByWorking, cache.ignoreByWorking, working);
    keep(kept.ignoreByHead, cache.ignoreByHead, head);
    keep(kept.prefixByWorking, cache.prefixByWorking, working);
  }
  return kept;
}

interface RootFactsFile {
  version: 1;
  ignoreByWorking: Record<string, IgnoreRow[]>;
  ignoreByHead: Record<string, IgnoreRow[]>;
  prefixByWorking: Record<string, string | null>;
}

function isIgnoreRows(value: unknown): value is IgnoreRow[] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'boolean');
}

function entriesOf<T>(value: unknown, isEntry: (entry: unknown) => entry is T): Map<string, T> {
  if (typeof value !== 'object' || value === null) return new Map();
  return new Map(Object.entries(value).filter((entry): entry is [string, T] => isEntry(entry[1])));
}

const isPrefix = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** The cache file gt keeps beside its other state; empty when missing or damaged (the snapshot then reads it all). */
export function readRootFacts(path: string): RootFacts {
  const file = readOwnJsonFile(path);
  if (file?.version !== 1) return emptyRootFacts();
  return {
    ignoreByWorking: entriesOf(file.ignoreByWorking, isIgnoreRows),
    ignoreByHead: entriesOf(file.ignoreByHead, isIgnoreRows),
    prefixByWorking: entriesOf(file.prefixByWorking, isPrefix),
  };
}

export function writeRootFacts(path: string, facts: RootFacts): void {
  const file: RootFactsFile = {
    version: 1,
    ignoreByWorking: Object.fromEntries(facts.ignoreByWorking),
    ignoreByHead: Object.fromEntries(facts.ignoreByHead),
    prefixByWorking: Object.fromEntries(facts.prefixByWorking),
  };
  try {
    writeOwnJsonFile(path, file);
  } catch {
    // a cache only saves work: where daemon/ cannot be written, the next observation reads again
  }
}
