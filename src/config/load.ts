import { join } from 'node:path';
import { readDaemonFile } from './daemon-file.js';
import { checkDaemonConfig } from './daemon-checks.js';
import type { DesiredDatabase, DesiredState } from './desired.js';
import { sortDiagnostics } from './diagnostic-codes.js';
import { ConfigError, hasErrors, type Diagnostic } from './diagnostics.js';
import type { DaemonConfig } from './generated/daemon-config.js';
import type { RigManifest } from './generated/rig-manifest.js';
import type { TownManifest } from './generated/town-manifest.js';
import { checkManifests, rigDatabaseName } from './manifest-checks.js';
import { readManifests, type Manifest } from './manifests.js';
import { checkServerEnvironment } from './server-env.js';
import { resolveServerSettings } from './server-settings.js';
import { findTownRoot } from './town-root.js';
import { readTownRuntimeFiles } from './town-runtime-files.js';

export interface LoadOptions {
  /** --town (relative to cwd); else $GT_TOWN_ROOT, else the nearest ancestor town. */
  town?: string;
  /** -f paths (files or directories, relative to cwd); empty: `<town>/mayor/rigs.d/`. */
  files: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Platform of the town's Gas Town daemon, for platform-bound patrols; default: this process's. */
  platform?: NodeJS.Platform;
}

export interface LoadResult {
  desired: DesiredState;
  /** Warnings only: any error throws. */
  diagnostics: Diagnostic[];
}

/**
 * Reads, validates and resolves everything the operator declared: mayor/daemon.json, the rig manifests and the
 * optional Town document. Throws ConfigError carrying every diagnostic (warnings included) when there is an error.
 */
export function loadDesiredState(options: LoadOptions): LoadResult {
  const townRoot = findTownRoot(options);
  const daemon = readDaemonFile(join(townRoot, 'mayor', 'daemon.json'));
  const manifests = readManifests(townRoot, options.files, options.cwd);
  const runtime = readTownRuntimeFiles(townRoot);
  const daemonConfig = daemon.file.raw as DaemonConfig;

  const server = resolveServerSettings({
    townRoot,
    daemon: daemonConfig,
    env: options.env,
    serverConfigPort: runtime.serverConfigPort,
    daemonEnv: runtime.daemonEnv,
  });
  const databases = [townDatabase(manifests.town), ...manifests.rigs.map(rigDatabase)];
  const diagnostics = [
    ...daemon.diagnostics,
    ...manifests.diagnostics,
    ...runtime.diagnostics,
    ...checkServerEnvironment(options.env),
    ...checkManifests(manifests.rigs, manifests.town, { cwd: options.cwd, effectivePort: server.port.value }),
  ];
  if (daemon.document !== null && !hasErrors(daemon.diagnostics)) {
    diagnostics.push(
      ...checkDaemonConfig(daemonConfig, daemon.document, {
        declaredDatabases: databases.filter((d) => d.ensure === 'present').map((d) => d.name),
        disabledPatrols: runtime.disabledPatrols,
        platform: options.platform ?? process.platform,
      }),
    );
  }

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) throw new ConfigError(sorted);
  return {
    desired: {
      townRoot,
      server,
      daemonConfig: daemon.file,
      databases,
      sources: [daemon.file.path, ...manifests.sources],
    },
    diagnostics: sorted,
  };
}

/** hq: always present and protected; a Town document only adds its remotes and ignore patterns. */
function townDatabase(town: Manifest<TownManifest> | null): DesiredDatabase {
  return {
    name: 'hq',
    rig: 'hq',
    kind: 'Town',
    prefix: null,
    ensure: 'present',
    protect: true,
    remotes: town?.manifest.spec.remotes ?? null,
    ignore: town?.manifest.spec.ignore ?? [],
    source: town === null ? null : town.document.locate(['kind']),
  };
}

function rigDatabase({ manifest, document }: Manifest<RigManifest>): DesiredDatabase {
  return {
    name: rigDatabaseName(manifest),
    rig: manifest.metadata.name,
    kind: 'Rig',
    prefix: manifest.spec.prefix,
    ensure: manifest.spec.ensure ?? 'present',
    protect: manifest.spec.protect ?? false,
    remotes: manifest.spec.remotes ?? null,
    ignore: manifest.spec.ignore ?? [],
    source: document.locate(['metadata', 'name']),
  };
}
