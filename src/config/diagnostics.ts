import { formatLocation, type SourceLocation } from '../lib/location.js';

/** One finding about the operator's config: a stable code, where it is, what is wrong and what is allowed. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  location: SourceLocation;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.location)}: ${d.severity} ${d.code}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Thrown when the config cannot be used; carries every diagnostic so the CLI can print them all. */
export class ConfigError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * A Gas Town file gt converges (rigs.json, a metadata.json, …) that does not parse, or has a shape Gas Town cannot
 * read: nothing is planned or written until it is fixed. Unlike the operator's own config, it can be fixed by the
 * program that wrote it, so the daemon keeps looking rather than waiting for a config change.
 */
export class GasTownFileError extends ConfigError {
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics);
    this.name = 'GasTownFileError';
  }
}
