import { isAbsolute, relative } from 'node:path';

/** A place in a source file; line and column are 1-based, as editors show them. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * `file` relative to `base` when it lies inside it (`''` for `base` itself), as compilers print paths; otherwise as
 * given. Every path gt prints goes through it: relative to the cwd for diagnostics, to the town root in plans.
 */
export function relativeInside(base: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(base, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}
