import type { Diagnostic } from './diagnostics.js';
import { formatLocation, relativeInside, type SourceLocation } from '../lib/location.js';

/**
 * Every diagnostic code gt's config checks emit, with a one-line summary. Codes are stable: a code is never reused
 * for another meaning. GT-E… are errors (nothing is applied), GT-W… are warnings. docs/diagnostics.md explains each.
 */
export const DIAGNOSTIC_CODES = {
  'GT-E001': 'no town root found',
  'GT-E002': 'manifest path does not exist',
  'GT-E003': 'file cannot be read',
  'GT-E004': 'config file too large',
  'GT-E010': 'daemon.json is not valid JSON',
  'GT-E011': 'duplicate key in daemon.json',
  'GT-E012': 'manifest is not valid YAML',
  'GT-E013': 'duplicate key in a manifest',
  'GT-E014': 'document is not a manifest (no kind)',
  'GT-E015': 'unknown kind',
  'GT-E016': 'more than one Town document',
  'GT-E017': 'YAML merge key in a manifest',
  'GT-E018': 'Gas Town file is not valid JSON',
  'GT-E019': 'Gas Town file has a shape Gas Town cannot read',
  'GT-E020': 'unknown key',
  'GT-E021': 'missing required key',
  'GT-E022': 'wrong type',
  'GT-E023': 'value not allowed',
  'GT-E024': 'value out of range',
  'GT-E025': 'invalid Go duration',
  'GT-E026': 'duration must be integer nanoseconds',
  'GT-E027': 'invalid HH:MM time of day',
  'GT-E028': 'invalid name',
  'GT-E029': 'invalid beads prefix',
  'GT-E030': 'invalid remote name',
  'GT-E031': 'schema violation',
  'GT-E032': 'daemon.json key in another case than its field',
  'GT-E040': 'duplicate rig name',
  'GT-E041': 'duplicate prefix',
  'GT-E042': 'duplicate database name',
  'GT-E043': 'reserved name hq',
  'GT-E044': 'remote URL Dolt does not accept',
  'GT-E045': 'duplicate remote name',
  'GT-E046': 'test database name on the production port 3307',
  'GT-E047': 'port out of range',
  'GT-E048': 'invalid value in the environment',
  'GT-E049': 'wait_timeout Dolt refuses',
  'GT-E050': 'ignore pattern matches dolt_ignore or a Dolt system table',
  'GT-E051': 'lifecycle settings that contradict each other',
  'GT-E055': 'metrics endpoint on a non-loopback host without exposeMetrics',
  'GT-E056': 'replication peer remotesapi Dolt cannot replicate to',
  'GT-E057': 'duplicate replication peer name',
  'GT-E058': 'remote named like a replication peer',
  'GT-E059': 'two listeners declared on one port',
  'GT-E070': 'backup URL Dolt does not accept',
  'GT-E071': 'duplicate backup name',
  'GT-E080': 'ledger lists a database no manifest declares',
  'GT-W060': 'patrol names an undeclared database',
  'GT-W061': 'patrol is enabled but has no effect',
  'GT-W062': 'conflicting port settings',
  'GT-W063': 'Gas Town runtime file ignored',
  'GT-W064': 'file holding a secret is readable by others',
  'GT-W065': 'manifest entry skipped',
  'GT-W066': 'setting no Gas Town reader accepts',
  'GT-W067': 'environment variable outranked by the town config',
  'GT-W068': 'lifecycle override Gas Town cannot apply per database',
  'GT-W070': 'push setting on a remote that is not pushed',
  'GT-W080': 'ledger setting Gas Town cannot apply',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * Characters a message must not carry raw: they could move the cursor, recolour or reorder the operator's terminal
 * (C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides). The config quoted in a message
 * is untrusted text.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function diagnostic(code: DiagnosticCode, location: SourceLocation, message: string): Diagnostic {
  const printable = message.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return { severity: code.startsWith('GT-W') ? 'warning' : 'error', code, message: printable, location };
}

/** A place that is a whole file or an environment variable rather than a spot inside a file. */
export function wholeFile(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/** By file (code-unit order: localeCompare's first call costs every command ~20 ms of ICU set-up), line, column. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const byFile = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...diagnostics].sort(
    (a, b) =>
      byFile(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column,
  );
}

/** `mayor/rigs.d/a.yaml:3:9` for a message that points at another place: relative to `base` when inside it. */
export function formatPlace(base: string, location: SourceLocation): string {
  return formatLocation({ ...location, file: relativeInside(base, location.file) || location.file });
}
