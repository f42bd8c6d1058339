import { Document } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import type { RigManifest } from './generated/rig-manifest.js';
import { checkManifests } from './manifest-checks.js';
import type { LoadedManifests } from './manifests.js';
import { schemaDiagnostics } from './schema-validation.js';
import { parseYamlDocuments } from './yaml-documents.js';

/**
 * The manifest `gt dolt init-rig` writes: the rig and its prefix; the database defaults to the rig name. Serialised
 * by the yaml library, so any name reads back as exactly that string (and the checks below see what is written).
 */
export function renderRigManifest(name: string, prefix: string): string {
  const document = new Document({
    apiVersion: 'gastown.dev/v1alpha1',
    kind: 'Rig',
    metadata: { name },
    spec: { prefix },
  });
  document.commentBefore = ' Written by gt dolt init-rig. This file declares the rig: gt apply keeps the town true to it.';
  return document.toString();
}

/**
 * Why `text` cannot become the manifest `file` next to the existing ones: the schema, then the checks gt validate
 * runs across manifests (rig names, prefixes and databases unique, "hq" reserved, test names off the production
 * port). Empty when it can be written.
 */
export function checkNewRigManifest(
  file: string,
  text: string,
  existing: Pick<LoadedManifests, 'rigs' | 'town'>,
  context: { cwd: string; effectivePort: number },
): Diagnostic[] {
  const parsed = parseYamlDocuments(file, text);
  const document = parsed.documents[0];
  if (document === undefined) return parsed.diagnostics;
  const schemaErrors = schemaDiagnostics('rig', document);
  if (schemaErrors.length > 0) return schemaErrors;
  const candidate = { manifest: document.value as RigManifest, document };
  return checkManifests([...existing.rigs, candidate], existing.town, context).filter(
    (found) => found.severity === 'error' && found.location.file === file,
  );
}
