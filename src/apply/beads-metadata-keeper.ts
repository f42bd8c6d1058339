import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { detectFormatting, setFormatted } from '../config/json-text-edit.js';
import { isJsonObject } from '../lib/json-value.js';

/** The parsed top-level object of a JSON file; null when it is absent or not a JSON object. */
function readObject(path: string): { text: string; content: Record<string, unknown> } | null {
  try {
    const text = readFileSync(path, 'utf8');
    const content: unknown = JSON.parse(text);
    return isJsonObject(content) ? { text, content } : null;
  } catch {
    return null;
  }
}

/**
 * `bd init` rewrites `.beads/metadata.json` from its own struct, dropping every field it does not know (fields Gas
 * Town or an operator added). Take the file's fields before bd runs; afterwards, put back the ones bd dropped, as a
 * text edit of bd's file (bd's own fields and layout stay as bd wrote them). Returns the keys put back.
 */
export function keepMetadataFields(beadsDir: string): () => string[] {
  const path = join(beadsDir, 'metadata.json');
  const before = readObject(path);
  return () => {
    const after = before === null ? null : readObject(path);
    if (before === null || after === null) return [];
    const dropped = Object.keys(before.content).filter((key) => !(key in after.content));
    if (dropped.length === 0) return [];
    const formatting = detectFormatting(after.text);
    const text = dropped.reduce((edited, key) => setFormatted(edited, [key], before.content[key], formatting), after.text);
    writeFileAtomic(path, text);
    return dropped;
  };
}
