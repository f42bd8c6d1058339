import { readdirSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { diagnostic, formatPlace, wholeFile } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { RigManifest } from './generated/rig-manifest.js';
import type { TownManifest } from './generated/town-manifest.js';
import { oversizeFile } from './input-limits.js';
import type { PositionedDocument } from './positioned-document.js';
import { schemaDiagnostics } from './schema-validation.js';
import type { YamlParseCache } from './yaml-documents.js';
import { townPaths } from '../lib/town-layout.js';

export interface Manifest<T> {
  manifest: T;
  document: PositionedDocument;
}

export interface LoadedManifests {
  /** Schema-valid Rig documents in source order (files sorted by name within a directory). */
  rigs: Manifest<RigManifest>[];
  town: Manifest<TownManifest> | null;
  /** Directories and files read (absolute), for the daemon's watcher; the default rigs.d/ even when absent. */
  sources: string[];
  diagnostics: Diagnostic[];
}

/** Names readManifests reads in a manifest directory (the daemon watches the same ones). */
export const MANIFEST_FILE = /^[^.].*\.ya?ml$/;

/**
 * Rig and Town manifests: every *.yaml/*.yml directly in `<town>/mayor/rigs.d/`, or in the -f paths (files or
 * directories, relative to cwd) when any are given.
 */
export function readManifests(townRoot: string, paths: readonly string[], cwd: string, yamlCache: YamlParseCache): LoadedManifests {
  const diagnostics: Diagnostic[] = [];
  const sources: string[] = [];
  const files: string[] = [];
  const explicit = paths.length > 0;
  for (const path of explicit ? paths.map((p) => resolve(cwd, p)) : [townPaths(townRoot).rigsDir]) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      if (explicit) diagnostics.push(diagnostic('GT-E002', wholeFile(path), `-f ${path}: no such file or directory`));
      else sources.push(path);
      continue;
    }
    sources.push(path);
    if (!isDirectory) files.push(path);
    else {
      const inDir: string[] = [];
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (!MANIFEST_FILE.test(entry.name)) continue;
        const file = join(path, entry.name);
        const skipped = entry.isFile() ? null : notARegularFile(file);
        if (skipped === null) inDir.push(file);
        else diagnostics.push(diagnostic('GT-W065', wholeFile(file), `${file} is skipped: ${skipped}`));
      }
      inDir.sort();
      files.push(...inDir);
      sources.push(...inDir);
    }
  }

  const loaded: LoadedManifests = { rigs: [], town: null, sources, diagnostics };
  const add = (document: PositionedDocument) => addDocument(loaded, document, cwd);
  for (const file of files) {
    let text: string;
    try {
      const oversize = oversizeFile(file, statSync(file).size);
      if (oversize !== null) {
        diagnostics.push(oversize);
        continue;
      }
      const bytes = readFileSync(file);
      text = bytes.toString('utf8');
      const notUtf8 = text.includes('\uFFFD') ? invalidUtf8(file, bytes, text) : null;
      if (notUtf8 !== null) {
        diagnostics.push(notUtf8);
        continue;
      }
    } catch (error) {
      diagnostics.push(diagnostic('GT-E003', wholeFile(file), `cannot read manifest: ${(error as Error).message}`));
      continue;
    }
    const parsed = yamlCache.parse(file, text);
    diagnostics.push(...parsed.diagnostics);
    for (const document of parsed.documents) add(document);
  }
  return loaded;
}

function addDocument(loaded: LoadedManifests, document: PositionedDocument, cwd: string): void {
  const { value } = document;
  const kind =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as { kind?: unknown }).kind
      : undefined;
  if (kind === undefined) {
    loaded.diagnostics.push(
      diagnostic(
        'GT-E014',
        document.locate([]),
        'not a manifest: a document needs `apiVersion: gastown.dev/v1alpha1` and `kind: Rig` or `kind: Town`',
      ),
    );
    return;
  }
  if (kind !== 'Rig' && kind !== 'Town') {
    loaded.diagnostics.push(
      diagnostic(
        'GT-E015',
        document.locate(['kind']),
        `unknown kind ${JSON.stringify(kind)}; allowed kinds: Rig, Town`,
      ),
    );
    return;
  }
  const schemaErrors = schemaDiagnostics(kind === 'Rig' ? 'rig' : 'town', document);
  loaded.diagnostics.push(...schemaErrors);
  if (schemaErrors.length > 0) return;
  if (kind === 'Rig') {
    loaded.rigs.push({ manifest: document.value as RigManifest, document });
  } else if (loaded.town !== null) {
    const first = formatPlace(cwd, loaded.town.document.locate(['kind']));
    loaded.diagnostics.push(
      diagnostic(
        'GT-E016',
        document.locate(['kind']),
        `a second kind: Town document (the first is at ${first}); a town has at most one — merge them`,
      ),
    );
  } else {
    loaded.town = { manifest: document.value as TownManifest, document };
  }
}

/**
 * Why a manifest-named directory entry that is not itself a regular file cannot be read as a manifest, or null: a
 * symlink to a regular file is read like one (as `-f` reads it); anything else is reported, never silently skipped.
 */
export function notARegularFile(file: string): string | null {
  let target: Stats;
  try {
    target = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `it is a symlink to ${linkTarget(file)}, which does not exist; remove the link or restore its target`;
    if (code === 'ELOOP') return 'it is a symlink that leads back to itself; remove the link';
    return `it cannot be read (${(error as Error).message})`;
  }
  if (target.isFile()) return null;
  const kind = target.isDirectory() ? 'a directory' : target.isCharacterDevice() || target.isBlockDevice() ? 'a device' : 'not a regular file';
  const link = linkTarget(file);
  return link === null
    ? `it is ${kind}, not a manifest file`
    : `it is a symlink to ${link}, which is ${kind}; a manifest must be a regular file`;
}

function linkTarget(file: string): string | null {
  try {
    return readlinkSync(file);
  } catch {
    return null;
  }
}

/**
 * A manifest that is not UTF-8: decoding would silently turn its bad bytes into U+FFFD, and gt would then write
 * values the file does not hold (Gas Town's YAML parser refuses such a file). Null when every U+FFFD was in the file.
 */
function invalidUtf8(file: string, bytes: Buffer, text: string): Diagnostic | null {
  const valid = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length && bytes[at] === valid[at]) at++;
  if (at === bytes.length && valid.length === bytes.length) return null;
  const lineStart = at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const column = bytes.subarray(lineStart, at).toString('utf8').length + 1;
  const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
  return diagnostic('GT-E012', { file, line, column }, `not UTF-8: byte 0x${byte} does not belong here; save the manifest as UTF-8`);
}
