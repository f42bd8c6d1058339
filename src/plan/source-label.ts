import { isAbsolute, relative } from 'node:path';
import type { DesiredDatabase } from '../config/desired.js';
import { formatLocation, type SourceLocation } from '../lib/location.js';

/** A path as the operator thinks of it: relative to the town root when it lies inside it. */
export function relativeToTown(townRoot: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(townRoot, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

/** Where one entry of a database's manifest (a remote, an ignore pattern) is; where the database is when unknown. */
export function entryAt(townRoot: string, database: DesiredDatabase, site: SourceLocation | null | undefined): string {
  if (site === null || site === undefined) return declaredAt(townRoot, database);
  return formatLocation({ ...site, file: relativeToTown(townRoot, site.file) });
}

/** Where a database was declared, for reasons: `mayor/rigs.d/wyvern.yaml:3:1`, or the implicit town database. */
export function declaredAt(townRoot: string, database: DesiredDatabase): string {
  if (database.source === null) return 'the town (hq is always declared)';
  return formatLocation({ ...database.source, file: relativeToTown(townRoot, database.source.file) });
}
