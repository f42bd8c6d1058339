import type { DesiredDatabase, DesiredState } from '../config/desired.js';
import type { ObservedJsonFile, ObservedPortFile } from '../observe/observed.js';
import { fieldChanges, type FieldRule } from './json-fields.js';
import { declaredAt } from './source-label.js';
import { townFileAction } from './town-file-action.js';
import type { TownFileAction } from './types.js';

/**
 * What bd reads to find the town's server: each beads directory's metadata.json (Gas Town's EnsureMetadata fields)
 * and bd's port files, which bd reads first. After an apply every one of them names the server's port, so a port
 * change through gt never leaves bd dialling the old one.
 */

/** "13417, from mayor/daemon.json env.GT_DOLT_PORT": the port and the source that won, for reasons. */
function portWithSource(desired: DesiredState): string {
  return `${desired.server.port.value}, from ${desired.server.port.source}`;
}

/**
 * EnsureMetadata's fields, in the sorted order Go writes a map. gt names the database explicitly (the manifest
 * declares it), so like Gas Town's EnsureAllMetadata it corrects a different dolt_database rather than only filling it.
 */
function metadataRules(desired: DesiredState, database: string): FieldRule[] {
  const converge = (key: string, value: FieldRule['value']): FieldRule => ({ path: [key], value, converge: true });
  return [
    converge('backend', 'dolt'),
    converge('database', 'dolt'),
    converge('dolt_database', database),
    converge('dolt_mode', 'server'),
    converge('dolt_server_host', desired.server.host.value),
    converge('dolt_server_port', desired.server.port.value),
  ];
}

/**
 * What metadataRules ask, checked without building them: a town has hundreds of beads directories, and a converged
 * one (the common case) then costs a few property reads.
 */
function metadataHolds(desired: DesiredState, database: string, content: ObservedJsonFile['content']): boolean {
  if (content === null) return false;
  const server = content.dolt_server_host === desired.server.host.value && content.dolt_server_port === desired.server.port.value;
  return server && content.backend === 'dolt' && content.database === 'dolt' && content.dolt_database === database && content.dolt_mode === 'server';
}

/** hq's or a declared rig's metadata.json: bd's server mode on the town's server and the declared database. */
export function planMetadata(desired: DesiredState, database: DesiredDatabase, file: ObservedJsonFile): TownFileAction | null {
  if (metadataHolds(desired, database.name, file.content)) return null;
  const changes = fieldChanges(file.content, metadataRules(desired, database.name));
  const owner = database.kind === 'Town' ? 'the town database hq' : `database ${database.name} of rig ${database.rig}`;
  const reason = () =>
    `${declaredAt(desired.townRoot, database)} declares ${owner}: bd and Gas Town find its server here ` +
    `(${desired.server.host.value}, port ${portWithSource(desired)}) and its database; other fields stay as bd wrote them`;
  return townFileAction({ path: file.path, role: 'beads-metadata', exists: file.content !== null }, changes, reason);
}

/**
 * A rig only mayor/rigs.json knows: its metadata.json, when it names a server port, names the town's (as Gas Town's
 * doctor fixes it). Nothing else of it is gt's.
 */
export function planOtherRigMetadata(desired: DesiredState, rig: string, file: ObservedJsonFile): TownFileAction | null {
  if (file.content === null || file.content.dolt_server_port === undefined) return null;
  const changes = fieldChanges(file.content, [{ path: ['dolt_server_port'], value: desired.server.port.value, converge: true }]);
  const reason = () => `rig ${rig} is in mayor/rigs.json, though no manifest declares it; it uses the town's server, on port ${portWithSource(desired)}`;
  return townFileAction({ path: file.path, role: 'beads-metadata', exists: true }, changes, reason);
}

/** Existing port files that name another port than the server's. gt creates none: bd writes its own once it connects. */
export function planPortFiles(desired: DesiredState, files: readonly ObservedPortFile[]): TownFileAction[] {
  const port = desired.server.port.value;
  const reason = () => `bd dials the port in this file before metadata.json's; the town's server is on port ${portWithSource(desired)}`;
  return files
    .filter((file) => file.port !== port)
    .map((file) => townFileAction({ path: file.path, role: 'port', exists: true }, { before: { port: file.port }, after: { port } }, reason))
    .filter((action): action is TownFileAction => action !== null);
}
