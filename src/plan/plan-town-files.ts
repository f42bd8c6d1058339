import type { DesiredDatabase, DesiredState } from '../config/desired.js';
import { beadsFiles, rigPaths } from '../lib/town-layout.js';
import type { ObservedRigFiles, ObservedState } from '../observe/observed.js';
import { planMetadata, planOtherRigMetadata, planPortFiles } from './plan-beads-files.js';
import { planRigConfig, planRigsJson, planRoutes, planTownJson } from './plan-registry-files.js';
import { planServerState } from './plan-server-state.js';
import { declaredAt, relativeToTown } from './source-label.js';
import type { BlockedChange, DatabaseAction, TownFileAction } from './types.js';

/**
 * Directories directly under the town root that Gas Town keeps for the town itself: a rig of that name would write
 * its config.json and beads into them (`mayor/config.json` is Gas Town's mayor config).
 */
const TOWN_DIRECTORIES = new Set(['mayor', 'deacon', 'daemon', 'settings', 'plugins']);

export interface TownFilesPlan {
  actions: TownFileAction[];
  blocked: BlockedChange[];
  notes: string[];
}

/** A rig observation did not cover: none of its files exist (its beads directory is its own). */
function noRigFiles(townRoot: string, rig: string): ObservedRigFiles {
  const paths = rigPaths(townRoot, rig);
  return {
    config: { path: relativeToTown(townRoot, paths.configJson), content: null },
    beadsDir: relativeToTown(townRoot, paths.beadsDir),
    mayorClone: false,
    metadata: { path: relativeToTown(townRoot, beadsFiles(paths.beadsDir).metadataJson), content: null },
    portFiles: [],
  };
}

function reservedDirectory(townRoot: string, rig: DesiredDatabase): BlockedChange {
  return {
    id: `file/${rig.rig}/config.json`,
    verb: 'create',
    code: 'rig-directory-reserved',
    reason: `rig ${rig.rig} (${declaredAt(townRoot, rig)}) would live in ${rig.rig}/, which Gas Town keeps for the town itself, so gt writes none of its Gas Town files`,
    hint: `rename the rig (metadata.name; spec.database keeps the database's name): Gas Town could not add a rig of that name either`,
  };
}

/**
 * Gas Town's registry and beads files, converged from the manifests, in the order a reader would check them: the
 * town, the registry, each beads directory's metadata (hq's first), the routes, bd's port files, and the databases
 * the server's state file lists. `databaseActions` and `startsServer` are this plan's, which the state file follows.
 */
export function planTownFiles(
  desired: DesiredState,
  observed: ObservedState,
  context: { databaseActions: readonly DatabaseAction[]; startsServer: boolean },
): TownFilesPlan {
  const { townRoot } = desired;
  const files = observed.townFiles;
  if (files === null) return { actions: [], blocked: [], notes: [] };
  const now = observed.observedAt;
  const present = desired.databases.filter((db) => db.ensure === 'present');
  const hq = present.find((db) => db.kind === 'Town');
  const rigs = present.filter((db) => db.kind === 'Rig' && !TOWN_DIRECTORIES.has(db.rig));
  const blocked = present.filter((db) => db.kind === 'Rig' && TOWN_DIRECTORIES.has(db.rig)).map((db) => reservedDirectory(townRoot, db));
  const declared = new Set(rigs.map((rig) => rig.rig));
  const otherRigs = Object.entries(files.rigFiles).filter(([rig]) => !declared.has(rig) && !TOWN_DIRECTORIES.has(rig));

  const rigFiles = (rig: string): ObservedRigFiles => files.rigFiles[rig] ?? noRigFiles(townRoot, rig);
  const perRig = rigs.flatMap((rig) => [planRigConfig(desired, rig, rigFiles(rig.rig), now), planMetadata(desired, rig, rigFiles(rig.rig).metadata)]);
  const managed = new Set(desired.databases.map((db) => db.name));
  const state = planServerState(townRoot, observed, { ...context, managed });
  const actions = [
    planTownJson(desired, files.town, now),
    planRigsJson(desired, files.rigs, rigs, now),
    hq === undefined ? null : planMetadata(desired, hq, files.hqMetadata),
    ...perRig,
    ...otherRigs.map(([rig, found]) => planOtherRigMetadata(desired, rig, found.metadata)),
    planRoutes(desired, files.routes, rigs.map((rig) => ({ rig, files: rigFiles(rig.rig) }))),
    ...planPortFiles(desired, [
      ...files.portFiles,
      ...rigs.flatMap((rig) => rigFiles(rig.rig).portFiles),
      ...otherRigs.flatMap(([, found]) => found.portFiles),
    ]),
    state.action,
  ];
  return {
    actions: actions.filter((action): action is TownFileAction => action !== null),
    blocked,
    notes: state.note === null ? [] : [state.note],
  };
}
