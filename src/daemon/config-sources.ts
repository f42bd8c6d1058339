import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_FILE, notARegularFile } from '../config/manifests.js';
import { townPaths } from '../lib/town-layout.js';

/**
 * The config files the daemon watches and fingerprints: mayor/daemon.json and the manifest sources as
 * loadDesiredState reads them (the -f paths, else mayor/rigs.d/), known even while the config is invalid or a
 * source does not exist yet.
 */
export interface ConfigSources {
  daemonJson: string;
  /** Directories whose *.yaml/*.yml files are manifests. */
  manifestDirs: string[];
  /** Manifest files named directly with -f. */
  manifestFiles: string[];
}

export function configSources(townRoot: string, files: readonly string[], cwd: string): ConfigSources {
  const roots = files.length > 0 ? files.map((path) => resolve(cwd, path)) : [townPaths(townRoot).rigsDir];
  const isFile = (path: string): boolean => MANIFEST_FILE.test(basename(path));
  return {
    daemonJson: townPaths(townRoot).daemonJson,
    manifestDirs: roots.filter((path) => !isFile(path)),
    manifestFiles: roots.filter(isFile),
  };
}

/** Whether a change at `path` can change the config (a source file, or a manifest directory appearing or going). */
export function isConfigPath(sources: ConfigSources, path: string): boolean {
  return (
    path === sources.daemonJson ||
    sources.manifestFiles.includes(path) ||
    sources.manifestDirs.includes(path) ||
    (sources.manifestDirs.includes(dirname(path)) && MANIFEST_FILE.test(basename(path)))
  );
}

/** Every config file that exists now, sorted. */
export function configFiles(sources: ConfigSources): string[] {
  const found = [sources.daemonJson, ...sources.manifestFiles];
  for (const dir of sources.manifestDirs) {
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!MANIFEST_FILE.test(entry.name)) continue;
        // a symlink to a regular file is a manifest, as loadDesiredState reads it; never read a link to a device
        const path = join(dir, entry.name);
        if (entry.isFile() || (entry.isSymbolicLink() && notARegularFile(path) === null)) found.push(path);
      }
    } catch {
      // an absent directory declares nothing
    }
  }
  return [...new Set(found)].sort();
}

/** Each config file's content hash, by path, readable even when they do not parse. */
export type ConfigFileHashes = ReadonlyMap<string, string>;

function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function configFileHashes(sources: ConfigSources): ConfigFileHashes {
  const hashes = new Map<string, string>();
  for (const file of configFiles(sources)) {
    try {
      hashes.set(file, contentHash(readFileSync(file)));
    } catch {
      hashes.set(file, 'absent');
    }
  }
  return hashes;
}

/** The hashes with `file` as gt itself wrote it (`text`), the others as they were. */
export function withOwnWrite(hashes: ConfigFileHashes, file: string, text: string): ConfigFileHashes {
  return new Map(hashes).set(file, contentHash(text));
}

/**
 * One hash of the config files' names and contents: the daemon compares it to tell a real config change (which
 * lifts a stall or a terminal error) from a touch or its own write.
 */
export function fingerprintOf(hashes: ConfigFileHashes): string {
  const hash = createHash('sha256');
  for (const [file, content] of hashes) hash.update(`${file}\0${content}\n`);
  return hash.digest('hex').slice(0, 16);
}
