import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { gtCacheRoot } from '../lib/cache-root.js';
import { gtVersion } from '../lib/version.js';

/**
 * Where each node of a document starts, by `pathKey` of its path: [valueLine, valueColumn] and, for a node under a
 * map key, [keyLine, keyColumn] after them.
 */
export type PositionTable = Record<string, number[]>;

/** A parsed YAML document apart from its file: its data, and where each of its nodes is. */
export interface ParsedDocument {
  value: unknown;
  positions: PositionTable;
}

/** Bump when ParsedDocument or what the parser puts into it changes. */
const FORMAT = 1;

interface ShardFile {
  format: number;
  gt: string;
  entries: Record<string, ParsedDocument[]>;
}

/** One directory's parsed files: what the file on disk holds, and which entries this process used since its last save. */
interface Shard {
  /** The file on disk. */
  path: string;
  entries: Map<string, ParsedDocument[]>;
  used: Set<string>;
  dirty: boolean;
}

/** `$GT_CACHE_DIR`, else `$XDG_CACHE_HOME/gt`, else `~/.cache/gt` (where scripts/ensure-dolt.sh keeps Dolt too). */
export function cacheDirectory(env: NodeJS.ProcessEnv): string {
  return env.GT_CACHE_DIR || gtCacheRoot(env);
}

export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path.map(String));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function isParsedDocuments(value: unknown): value is ParsedDocument[] {
  return (
    Array.isArray(value) &&
    value.every((doc: unknown) => typeof doc === 'object' && doc !== null && 'value' in doc && typeof (doc as ParsedDocument).positions === 'object')
  );
}

/**
 * Parsed YAML on disk, by the SHA-256 of the text, so that a command in a fresh process does not parse again what an
 * earlier one parsed: parsing is most of what reading a large town's config costs (about 0.7 ms a manifest in a new
 * process, and the parser's start-up; a lookup here is a hash). One file per directory of config files (a town's
 * rigs.d/), so a command reads only its own town's. Only texts that parsed without a finding are kept, and a save
 * keeps only the entries the process used: the directory's files as they are now. The files hold manifest contents,
 * remote URLs with their credentials included, so they are private to the user (0600 in a 0700 directory). A cache
 * that cannot be read or written only costs time.
 */
export class ParsedYamlCache {
  /** By the directory of the config files. */
  private readonly shards = new Map<string, Shard>();

  constructor(readonly directory: string) {}

  get(file: string, text: string): ParsedDocument[] | undefined {
    const shard = this.shard(file);
    const key = sha256(text);
    const documents = shard.entries.get(key);
    if (documents !== undefined) shard.used.add(key);
    return documents;
  }

  put(file: string, text: string, documents: ParsedDocument[]): void {
    const shard = this.shard(file);
    const key = sha256(text);
    shard.entries.set(key, documents);
    shard.used.add(key);
    shard.dirty = true;
  }

  /**
   * Writes every directory's file that gained entries since the last save, with the entries used since then. A
   * long-running process (the daemon) that saves after each load so keeps the files as they are now, not every
   * version it has seen.
   */
  save(): void {
    for (const shard of this.shards.values()) {
      if (!shard.dirty) continue;
      shard.entries = new Map([...shard.entries].filter(([key]) => shard.used.has(key)));
      shard.used.clear();
      const file: ShardFile = { format: FORMAT, gt: gtVersion, entries: Object.fromEntries(shard.entries) };
      try {
        mkdirSync(dirname(shard.path), { recursive: true, mode: 0o700 });
        writeFileAtomic(shard.path, JSON.stringify(file), 0o600);
        shard.dirty = false;
      } catch {
        // read-only home, full disk: the next command parses again
      }
    }
  }

  private shard(file: string): Shard {
    const directory = dirname(file);
    let shard = this.shards.get(directory);
    if (shard === undefined) {
      const path = join(this.directory, `parsed-yaml-v${FORMAT}`, `${sha256(directory)}.json`);
      shard = { path, entries: readShard(path), used: new Set(), dirty: false };
      this.shards.set(directory, shard);
    }
    return shard;
  }
}

function readShard(path: string): Map<string, ParsedDocument[]> {
  const entries = new Map<string, ParsedDocument[]>();
  let file: Partial<ShardFile>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<ShardFile>;
  } catch {
    return entries; // none yet, or damaged: rewritten on the next save
  }
  if (file.format !== FORMAT || file.gt !== gtVersion || typeof file.entries !== 'object' || file.entries === null) return entries;
  for (const [key, documents] of Object.entries(file.entries)) {
    if (isParsedDocuments(documents)) entries.set(key, documents);
  }
  return entries;
}
