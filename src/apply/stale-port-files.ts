import { readFileSync } from 'node:fs';
import { applyEdits, modify } from 'jsonc-parser';
import { writeFileAtomic } from '../lib/atomic-write.js';
import type { MetadataPortFix, PortFileFix } from '../plan/doctor-types.js';

/**
 * The doctor's fixes of stale ports, kept apart: gt apply converges these same files as Gas Town registry files, and
 * once it does these two functions hand over to its writer. Each rewrites only while the file still holds the port
 * the plan saw, changes only the port, and writes atomically keeping the file's mode.
 */

/** bd's port file with the town's port in place of the old one (bd writes the number alone; other bytes stay). */
export function rewritePortFile(fix: PortFileFix): string {
  const text = readFileSync(fix.path, 'utf8');
  if (text.trim() !== String(fix.before)) throw new Error(`${fix.path} changed since gt doctor read it (it now holds ${JSON.stringify(text.trim())}); nothing was written`);
  writeFileAtomic(fix.path, text.replace(String(fix.before), String(fix.after)), 0o600);
  return `port ${fix.before} → ${fix.after}`;
}

/** metadata.json's `dolt_server_port` set to the town's port by a text edit of that value alone. */
export function rewriteMetadataPort(fix: MetadataPortFix): string {
  const text = readFileSync(fix.path, 'utf8');
  let current: unknown;
  try {
    current = (JSON.parse(text) as { dolt_server_port?: unknown } | null)?.dolt_server_port;
  } catch {
    throw new Error(`${fix.path} no longer parses as JSON; nothing was written`);
  }
  if (current !== fix.before) throw new Error(`${fix.path} changed since gt doctor read it (dolt_server_port is now ${JSON.stringify(current)}); nothing was written`);
  writeFileAtomic(fix.path, applyEdits(text, modify(text, ['dolt_server_port'], fix.after, {})), 0o600);
  return `dolt_server_port ${fix.before} → ${fix.after}`;
}
