import { readOwnJsonFile, writeOwnJsonFile } from './lifecycle-state.js';
import { townPaths } from './town-layout.js';

/**
 * A divergence gt's own compaction caused: it rewrote `database`'s main while `remote`'s main was `remoteHeadBefore`,
 * leaving `rewrittenHead`. A push may then overwrite the remote (--force) without the operator's flag, but only while
 * the remote's main is still `remoteHeadBefore`: anything else there is someone else's work.
 */
export interface CompactionDivergence {
  remoteHeadBefore: string;
  rewrittenHead: string;
  /** When the compaction rewrote the history (UTC ISO). */
  at: string;
}

/** By database, then by remote name. */
export type CompactionDivergences = Record<string, Record<string, CompactionDivergence>>;

interface DivergenceFile {
  version: 1;
  databases: CompactionDivergences;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function divergenceOf(value: unknown): CompactionDivergence | null {
  if (!isRecord(value)) return null;
  const { remoteHeadBefore, rewrittenHead, at } = value;
  if (typeof remoteHeadBefore !== 'string' || typeof rewrittenHead !== 'string' || typeof at !== 'string') return null;
  return { remoteHeadBefore, rewrittenHead, at };
}

/** Every recorded divergence of the town; {} when none (or the file is unreadable: then no push is forced). */
export function readCompactionDivergences(townRoot: string): CompactionDivergences {
  const file = readOwnJsonFile(townPaths(townRoot).compactionDivergence);
  const databases = isRecord(file?.databases) ? file.databases : {};
  const found: CompactionDivergences = {};
  for (const [database, remotes] of Object.entries(databases)) {
    if (!isRecord(remotes)) continue;
    for (const [remote, value] of Object.entries(remotes)) {
      const divergence = divergenceOf(value);
      if (divergence !== null) found[database] = { ...found[database], [remote]: divergence };
    }
  }
  return found;
}

function write(townRoot: string, databases: CompactionDivergences): void {
  const file: DivergenceFile = { version: 1, databases };
  writeOwnJsonFile(townPaths(townRoot).compactionDivergence, file);
}

/**
 * Records that gt's compaction rewrote `database`'s history while `remote`'s main was `remoteHeadBefore`. The
 * compaction calls it once per remote of the database, after the rewrite (`rewrittenHead`) and before any push. Callers
 * hold the applier lock.
 */
export function recordCompactionDivergence(
  townRoot: string,
  database: string,
  remote: string,
  remoteHeadBefore: string,
  rewrittenHead: string,
  at: Date,
): void {
  const databases = readCompactionDivergences(townRoot);
  databases[database] = { ...databases[database], [remote]: { remoteHeadBefore, rewrittenHead, at: at.toISOString() } };
  write(townRoot, databases);
}

/** Forgets a divergence once the forced push resolved it (the remote now holds the rewritten history). */
export function clearCompactionDivergence(townRoot: string, database: string, remote: string): void {
  const databases = readCompactionDivergences(townRoot);
  const remotes = databases[database];
  if (remotes?.[remote] === undefined) return;
  delete remotes[remote];
  if (Object.keys(remotes).length === 0) delete databases[database];
  write(townRoot, databases);
}
