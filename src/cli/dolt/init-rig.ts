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
import type { CommandIO } from '../output.js';
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

/**
 * `gt dolt init-rig NAME`: declares the rig in a new manifest and creates its database now, so the config stays the
 * truth and gt diff has nothing left to do for it. Refuses names the config checks reject, names and prefixes
 * already declared, databases that already exist and existing manifest files; then nothing is changed.
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
    const shown = relativeToTown(townRoot, file);
    const existingFile = [file, join(directory, `${name}.yml`)].find((path) => existsSync(path));
    if (existingFile !== undefined) {
      throw new Error(`${relativeToTown(townRoot, existingFile)} already exists; gt never overwrites a manifest (nothing was changed)`);
    }

    await withApplierLock(townRoot, options.lockTimeout, async () => {
      assertServerRunning(desired.server, await inspectServer(townRoot, desired.server), io.invocation);
      const connection = await connectToServer(desired.server);
      try {
        if ((await existingDatabases(connection, desired.server.dataDir.value)).has(name)) {
          throw new Error(
            `database "${name}" already exists and no manifest declares it; init-rig creates new rigs only. ` +
              'To manage it, declare it in a manifest under mayor/rigs.d/ (gt dolt list shows it as unmanaged). Nothing was changed.',
          );
        }
        mkdirSync(directory, { recursive: true });
        if (!createExclusive(file, text)) throw new Error(`${shown} already exists; gt never overwrites a manifest`);
        try {
          await createDatabase(connection, name, desired.server.port.value);
        } catch (error) {
          rmSync(file, { force: true }); // nothing changes when the database cannot be created
          throw error;
        }
      } finally {
        await connection.end().catch(() => connection.destroy());
      }
    });
    io.stdout.write(`✓ Rig database "${name}" created\n  Manifest: ${shown} (rig ${name}, prefix ${prefix})\n`);
  });
}
