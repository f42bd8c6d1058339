import { existsSync, readFileSync } from 'node:fs';
import type { DesiredState } from '../config/desired.js';
import { diagnostic, wholeFile } from '../config/diagnostic-codes.js';
import { GasTownFileError, type Diagnostic } from '../config/diagnostics.js';
import type { JsonObject } from '../lib/json-value.js';
import { beadsFiles, inTown, rigPaths, townPaths } from '../lib/town-layout.js';
import type { ObservedPortFile, ObservedRigFiles, ObservedServerState, ObservedTownFiles } from './observed.js';
import { isObject, readGasTownJson, readRoutes, type ShapeCheck } from '../config/gas-town-json.js';

/**
 * Rig names from mayor/rigs.json that name a directory directly under the town root: anything else (a path, `..`)
 * is never followed, whatever the registry says.
 */
const SAFE_RIG_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** A value at `key` that Gas Town decodes into a struct or map: absent, null or an object. */
function objectOrNull(value: JsonObject, key: string): boolean {
  const inner = value[key];
  return inner === undefined || inner === null || isObject(inner);
}

/** rigs.json's rigs map, each declared rig's entry and its beads must be objects: gt edits inside them. */
function rigsShape(declared: readonly string[]): ShapeCheck {
  return (content) => {
    if (!objectOrNull(content, 'rigs')) return { path: ['rigs'], expected: 'an object of rig entries by name' };
    const rigs = isObject(content.rigs) ? content.rigs : {};
    for (const name of declared) {
      if (!objectOrNull(rigs, name)) return { path: ['rigs', name], expected: 'an object (the rig entry)' };
      const entry = rigs[name];
      if (isObject(entry) && !objectOrNull(entry, 'beads')) return { path: ['rigs', name, 'beads'], expected: 'an object ({repo, prefix})' };
    }
    return null;
  };
}

const RIG_CONFIG_SHAPE: ShapeCheck = (content) =>
  objectOrNull(content, 'beads') ? null : { path: ['beads'], expected: 'an object ({prefix})' };

/** The port a bd port file names (bd reads the decimal number, surrounding whitespace allowed), or null. */
function portIn(text: string): number | null {
  const trimmed = text.trim();
  const port = /^[0-9]{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  return port >= 1 && port <= 65535 ? port : null;
}

/** The existing port files among `paths`, each with its port; one that names no port is a diagnostic. */
function readPortFiles(townRoot: string, paths: readonly string[], diagnostics: Diagnostic[]): ObservedPortFile[] {
  const found: ObservedPortFile[] = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      diagnostics.push(diagnostic('GT-E003', wholeFile(path), `cannot read bd's port file: ${(error as Error).message}`));
      continue;
    }
    const port = portIn(text);
    if (port !== null) found.push({ path: inTown(townRoot, path), port });
    else {
      const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
      diagnostics.push(
        diagnostic('GT-E018', wholeFile(path), `holds ${shown}, not a port number (bd writes the decimal port alone); gt never rewrites a file it cannot parse — fix or remove it`),
      );
    }
  }
  return found;
}

/**
 * A rig's files as Gas Town finds them: config.json (declared rigs only), the beads directory (the mayor's clone's
 * when it exists) with its metadata.json, and bd's port files. Two reads and two existence checks for a converged
 * rig: a town has hundreds, and `gt diff` reads them all.
 */
function observeRig(townRoot: string, rig: string, declared: boolean, diagnostics: Diagnostic[]): ObservedRigFiles {
  const paths = rigPaths(townRoot, rig);
  const config = declared ? readGasTownJson(townRoot, paths.configJson, diagnostics, RIG_CONFIG_SHAPE) : null;
  const mayorClone = existsSync(paths.mayorCloneBeadsDir);
  const beads = beadsFiles(mayorClone ? paths.mayorCloneBeadsDir : paths.beadsDir);
  const portFiles = [beadsFiles(paths.beadsDir).portFile, ...(mayorClone ? [beadsFiles(paths.mayorCloneBeadsDir).portFile] : [])];
  return {
    config,
    beadsDir: inTown(townRoot, beads.dir),
    mayorClone,
    metadata: readGasTownJson(townRoot, beads.metadataJson, diagnostics),
    portFiles: readPortFiles(townRoot, portFiles, diagnostics),
  };
}

/** daemon/dolt-state.json, unless the server is external (its own supervisor keeps the file). */
function readServerState(desired: DesiredState): ObservedServerState {
  if (desired.server.external.value) return 'not-observed';
  let text: string;
  try {
    text = readFileSync(townPaths(desired.townRoot).doltState, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable';
  }
  try {
    const content: unknown = JSON.parse(text);
    return isObject(content) ? { content } : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Rigs mayor/rigs.json lists that no manifest declares present (their port settings are still the town's). */
function otherRegisteredRigs(rigsJson: JsonObject | null, declared: ReadonlySet<string>): string[] {
  const rigs = rigsJson?.rigs;
  if (!isObject(rigs)) return [];
  return Object.keys(rigs).filter((name) => !declared.has(name) && SAFE_RIG_NAME.test(name) && name !== 'hq');
}

/**
 * Gas Town's registry and beads files as they are on disk, for the town-file planner. A file that does not parse, or
 * whose shape Gas Town could not read, throws GasTownFileError with every such finding: nothing is planned until it is
 * fixed, and gt never rewrites it.
 */
export function readTownFiles(desired: DesiredState): ObservedTownFiles {
  const { townRoot } = desired;
  const paths = townPaths(townRoot);
  const diagnostics: Diagnostic[] = [];
  const declared = desired.databases.filter((db) => db.kind === 'Rig' && db.ensure === 'present').map((db) => db.rig);
  const rigs = readGasTownJson(townRoot, paths.rigsJson, diagnostics, rigsShape(declared));
  const rigFiles: Record<string, ObservedRigFiles> = {};
  for (const rig of declared) rigFiles[rig] = observeRig(townRoot, rig, true, diagnostics);
  for (const rig of otherRegisteredRigs(rigs.content, new Set(declared))) rigFiles[rig] = observeRig(townRoot, rig, false, diagnostics);
  const townBeads = beadsFiles(paths.townBeadsDir);
  const observed: ObservedTownFiles = {
    town: readGasTownJson(townRoot, paths.townJson, diagnostics),
    rigs,
    hqMetadata: readGasTownJson(townRoot, townBeads.metadataJson, diagnostics),
    routes: readRoutes(townRoot, paths.routesJsonl, diagnostics),
    portFiles: readPortFiles(townRoot, [townBeads.portFile, paths.dataDirPortFile, paths.daemonPortFile], diagnostics),
    rigFiles,
    serverState: readServerState(desired),
  };
  if (diagnostics.length > 0) throw new GasTownFileError(diagnostics);
  return observed;
}
