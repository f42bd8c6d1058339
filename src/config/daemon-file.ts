import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { DaemonFile } from './desired.js';
import { diagnostic, wholeFile } from './diagnostic-codes.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { oversizeFile } from './input-limits.js';
import { goDecoding } from './go-decoding.js';
import { parseJsonDocument } from './json-document.js';
import type { PositionedDocument } from './positioned-document.js';
import { schemaDiagnostics } from './schema-validation.js';

export interface LoadedDaemonFile {
  file: DaemonFile;
  /** null when the file is missing or does not parse. */
  document: PositionedDocument | null;
  /** Syntax, duplicate-key and schema findings about the file itself. */
  diagnostics: Diagnostic[];
}

/**
 * `mayor/daemon.json` as it is on disk, checked against schemas/daemon.schema.json. A missing file is fine (it becomes
 * Gas Town's default file on apply); a file with errors keeps `raw` empty and must never be rewritten.
 */
export function readDaemonFile(path: string): LoadedDaemonFile {
  let text: string;
  let mode: number;
  try {
    const stat = statSync(path);
    mode = stat.mode & 0o7777;
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a directory' : 'not a regular file';
      const message = `${path} is ${what}, but Gas Town and gt read daemon.json as a JSON file: move it aside (mv ${path} ${path}.old) — gt apply then creates Gas Town's default daemon.json, or put your daemon.json there`;
      return { file: { path, exists: true, raw: {}, text: null, mode }, document: null, diagnostics: [diagnostic('GT-E003', wholeFile(path), message)] };
    }
    const oversize = oversizeFile(path, stat.size);
    if (oversize !== null) {
      return { file: { path, exists: true, raw: {}, text: null, mode }, document: null, diagnostics: [oversize] };
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const file: DaemonFile = { path, exists: code !== 'ENOENT', raw: {}, text: null, mode: null };
    if (code === 'ENOENT') return { file, document: null, diagnostics: [] };
    return {
      file,
      document: null,
      diagnostics: [diagnostic('GT-E003', wholeFile(path), `cannot read daemon.json: ${(error as Error).message}`)],
    };
  }
  const parsed = parseJsonDocument(path, text);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.document !== null && parsed.tree !== null) {
    const decoded = goDecoding(parsed.tree, parsed.document, text);
    diagnostics.push(...decoded.diagnostics, ...schemaDiagnostics('daemon', decoded.document));
  }
  const raw = !hasErrors(diagnostics) ? (parsed.document?.value as Record<string, unknown>) : {};
  return { file: { path, exists: true, raw, text, mode }, document: parsed.document, diagnostics };
}

/**
 * The identity of daemon.json's content as a plan saw it: the SHA-256 of its text, or null when there was no file. The
 * lifecycle write refuses a file whose content is no longer the one its plan was made from.
 */
export function daemonFileSha256(text: string | null): string | null {
  return text === null ? null : createHash('sha256').update(text).digest('hex');
}
