import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type mysql from 'mysql2/promise';
import { createDatabase } from '../../apply/sql-actions.js';
import { deriveBeadsPrefix } from '../../config/beads-prefix.js';
import { readManifests } from '../../config/manifests.js';
import { diskYamlCache } from '../../config/yaml-documents.js';
import { checkNewRigManifest, renderRigManifest } from '../../config/new-rig.js';
import { connectToServer } from '../../lib/connect.js';
import { createExclusive } from '../../lib/lock.js';
import { isTownDatabaseName } from '../../lib/sql.js';
import { listDatabasesOnDisk } from '../../observe/databases-on-disk.js';
import { inspectServer } from '../../observe/server-process.js';
import { relativeToTown } from '../../plan/source-label.js';
import { EXIT, type CommandIO } from '../output.js';
import type { ActionResult } from '../../apply/execute.js';
import type { DesiredState } from '../../config/desired.js';
import { readTownFiles } from '../../observe/town-files.js';
import { runWithDesiredState, withApplierLock } from './run.js';
import { assertServerRunning } from './server-required.js';
import { townPaths } from '../../lib/town-layout.js';

/** The findings about the beads prefix itself (invalid, already taken): only then is the derived prefix worth naming. */
const PREFIX_PROBLEMS = new Set(['GT-E029', 'GT-E041']);

interface InitRigOptions {
  prefix?: string;
  lockTimeout: number;
}

/** Where the new manifest goes: mayor/rigs.d/, or the one directory -f names (e.g. a GitOps checkout). */
function manifestDirectory(townRoot: string, files: readonly string[], cwd: string): string {
  if (files.length === 0) return townPaths(townRoot).rigsDir;
  const only = files.length === 1 ? resolve(cwd, files[0] as string) : null;
  if (only !== null && existsSync(only) && statSync(only).isDirectory()) return only;
  throw new Error(
    `init-rig writes its manifest into one directory: with -f, name exactly one manifest directory (got -f ${files.join(' -f ')})`,
  );
}

/** Databases this town has, served or on disk, in lowercase (Dolt compares database names case-insensitively). */
async function existingDatabases(connection: mysql.Connection, dataDir: string): Promise<Set<string>> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SHOW DATABASES');
  const served = rows.map((row) => String(Object.values(row)[0])).filter(isTownDatabaseName);
  return new Set([...served, ...listDatabasesOnDisk(dataDir)].map((database) => database.toLowerCase()));
}

/** The new rig: its name, and the manifest that declares it (where it goes, its text, its path as printed). */
interface NewRig {
  name: string;
  directory: string;
  file: string;
  text: string;
  shown: string;
}

/** The manifest and the database, both or neither; refuses a database that exists already. */
async function createManifestAndDatabase(desired: DesiredState, rig: NewRig, invocation: string): Promise<void> {
  assertServerRunning(desired.server, await inspectServer(desired.townRoot, desired.server), invocation);
  const connection = await connectToServer(desired.server);
  try {
    if ((await existingDatabases(connection, desired.server.dataDir.value)).has(rig.name)) {
      throw new Error(
        `database "${rig.name}" already exists and no manifest declares it; init-rig creates new rigs only. ` +
          'To manage it, declare it in a manifest under mayor/rigs.d/ (gt dolt list shows it as unmanaged). Nothing was changed.',
      );
    }
    mkdirSync(rig.directory, { recursive: true });
    if (!createExclusive(rig.file, rig.text)) throw new Error(`${rig.shown} already exists; gt never overwrites a manifest`);
    try {
      await createDatabase(connection, rig.name, desired.server.port.value);
    } catch (error) {
      rmSync(rig.file, { force: true }); // nothing changes when the database cannot be created
      throw error;
    }
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}

/**
 * Gas Town's files for the new rig (its config.json and metadata.json; its entry in rigs.json and the routes; the
 * server's database list), planned from the config that now declares it and written as gt apply writes them.
 */
async function writeRigTownFiles(io: CommandIO, townRoot: string, name: string): Promise<ActionResult[]> {
  const { loadDesiredState } = await import('../../config/load.js');
  const { convergeRigTownFiles } = await import('../../apply/rig-town-files.js');
  const options = { town: townRoot, files: io.options.file, env: io.env, cwd: process.cwd(), yamlCache: diskYamlCache(io.env) };
  return convergeRigTownFiles(loadDesiredState(options).desired, name);
}

function printFileResults(io: CommandIO, results: readonly ActionResult[]): void {
  for (const { action, status, message } of results) {
    const path = action.id.slice('file/'.length);
    io.stdout.write(status === 'done' ? `  ✓ ${path}: ${message ?? 'done'}\n` : `  ✗ ${path}: ${message ?? status}\n`);
  }
}

/**
 * `gt dolt init-rig NAME`: declares the rig in a new manifest, creates its database and Gas Town's files for it now,
 * so the config stays the truth and gt diff has nothing left to do for it. Refuses names the config checks reject,
 * names and prefixes already declared, databases that already exist, existing manifest files and Gas Town files it
 * could not edit (one that does not parse); then nothing is changed.
 */
export async function runInitRig(io: CommandIO, name: string, options: InitRigOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const { townRoot } = desired;
    const cwd = process.cwd();
    const files = io.options.file;
    const directory = manifestDirectory(townRoot, files, cwd);
    const file = join(directory, `${name}.yaml`);
    const prefix = options.prefix ?? deriveBeadsPrefix(name);
    const text = renderRigManifest(name, prefix);
    const problems = checkNewRigManifest(file, text, readManifests(townRoot, files, cwd, diskYamlCache(process.env)), {
      cwd,
      effectivePort: desired.server.port.value,
    });
    if (problems.length > 0) {
      const derived = options.prefix === undefined && problems.some((problem) => PREFIX_PROBLEMS.has(problem.code));
      throw new Error(
        [
          ...problems.map((problem) => `cannot create rig "${name}": ${problem.message}`),
          ...(derived ? [`the prefix "${prefix}" was derived from the name; choose another with --prefix`] : []),
          'nothing was changed',
        ].join('\n'),
      );
    }
    readTownFiles(desired); // a Gas Town file gt could not edit stops the command before it changes anything
    const shown = relativeToTown(townRoot, file);
    const existingFile = [file, join(directory, `${name}.yml`)].find((path) => existsSync(path));
    if (existingFile !== undefined) {
      throw new Error(`${relativeToTown(townRoot, existingFile)} already exists; gt never overwrites a manifest (nothing was changed)`);
    }

    const results = await withApplierLock(townRoot, options.lockTimeout, async () => {
      await createManifestAndDatabase(desired, { name, directory, file, text, shown }, io.invocation);
      // the rig exists now: a failure here leaves only files for gt apply to write
      return writeRigTownFiles(io, townRoot, name).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    });
    io.stdout.write(`✓ Rig database "${name}" created\n  Manifest: ${shown} (rig ${name}, prefix ${prefix})\n`);
    if (!(results instanceof Error)) printFileResults(io, results);
    if (results instanceof Error || results.some((result) => result.status !== 'done')) {
      const why = results instanceof Error ? `: ${results.message}` : '';
      io.stderr.write(`gt: Gas Town's files for rig ${name} were not all written${why}; gt apply writes them\n`);
      return EXIT.differences;
    }
  });
}
