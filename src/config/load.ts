import { basename } from 'node:path';
import { readDaemonFile, type LoadedDaemonFile } from './daemon-file.js';
import { checkDaemonConfig } from './daemon-checks.js';
import type { DeclarationSites, DesiredDatabase, DesiredState, Resolved, ServerEndpointSettings } from './desired.js';
import { formatPlace, sortDiagnostics } from './diagnostic-codes.js';
import { ConfigError, hasErrors, type Diagnostic } from './diagnostics.js';
import type { DaemonConfig } from './generated/daemon-config.js';
import type { RigManifest } from './generated/rig-manifest.js';
import type { TownManifest } from './generated/town-manifest.js';
import { databaseLifecycle, lifecycleDiagnostics, townLifecycle } from './lifecycle-spec.js';
import { ledgerDiagnostics, resolveLedger } from './ledger-spec.js';
import { checkManifests, rigDatabaseName } from './manifest-checks.js';
import { readManifests, type Manifest } from './manifests.js';
import { backupSites, desiredBackup, desiredRemote, syncDiagnostics } from './sync-spec.js';
import { checkServerEnvironment } from './server-env.js';
import { checkSecretFileModes, daemonSecrets, remoteSecrets } from './secret-file-modes.js';
import { checkOverriddenEnvironment, resolveServerSettings, withTownSpec, type DeclaredSupervisor } from './server-settings.js';
import { checkTownEndpoints } from './endpoint-checks.js';
import { daemonMetricsListener, townServerSpec } from './town-endpoints.js';
import { findTownRoot } from './town-root.js';
import { YamlParseCache } from './yaml-documents.js';
import { readTownRuntimeFiles, type TownRuntimeFiles } from './town-runtime-files.js';
import { townPaths } from '../lib/town-layout.js';

export interface LoadOptions {
  /** --town (relative to cwd); else $GT_TOWN_ROOT, else the nearest ancestor town. */
  town?: string;
  /** -f paths (files or directories, relative to cwd); empty: `<town>/mayor/rigs.d/`. */
  files: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Platform of the town's Gas Town daemon, for platform-bound patrols; default: this process's. */
  platform?: NodeJS.Platform;
  /** What parsing may reuse (diskYamlCache for a command, one kept by the daemon); default: nothing, every file is parsed. */
  yamlCache?: YamlParseCache;
}

export interface LoadResult {
  desired: DesiredState;
  /** Warnings only: any error throws. */
  diagnostics: Diagnostic[];
}

/**
 * What a town's settings come from: daemon.json and the files Gas Town writes, and the server settings they decide
 * (who supervises the server is known once the manifests are read).
 */
export interface TownFiles {
  townRoot: string;
  daemon: LoadedDaemonFile;
  runtime: TownRuntimeFiles;
  server: ServerEndpointSettings;
}

function yamlCacheOf(options: LoadOptions): YamlParseCache {
  return options.yamlCache ?? new YamlParseCache(null);
}

function readTownFiles(options: LoadOptions, yamlCache: YamlParseCache): TownFiles {
  const townRoot = findTownRoot(options);
  const daemon = readDaemonFile(townPaths(townRoot).daemonJson);
  const runtime = readTownRuntimeFiles(townRoot, yamlCache);
  const server = resolveServerSettings({
    townRoot,
    daemon: daemon.file.raw as DaemonConfig,
    env: options.env,
    serverConfigPort: runtime.serverConfigPort,
    daemonEnv: runtime.daemonEnv,
  });
  return { townRoot, daemon, runtime, server };
}

/**
 * The town's files and server settings, without the manifests: enough to start observing the server while the
 * manifests are read (then passed on to loadDesiredState). Null when they cannot be known yet (no town, daemon.json
 * with errors): loadDesiredState reports why.
 */
export function loadServerSettings(options: LoadOptions): TownFiles | null {
  try {
    const yamlCache = yamlCacheOf(options);
    const town = readTownFiles(options, yamlCache);
    yamlCache.save();
    return hasErrors(town.daemon.diagnostics) ? null : town;
  } catch {
    return null;
  }
}

/**
 * Reads, validates and resolves everything the operator declared: mayor/daemon.json, the rig manifests and the
 * optional Town document. Throws ConfigError carrying every diagnostic (warnings included) when there is an error.
 */
export function loadDesiredState(options: LoadOptions, town?: TownFiles): LoadResult {
  const yamlCache = yamlCacheOf(options);
  const { townRoot, daemon, runtime, server: endpoint } = town ?? readTownFiles(options, yamlCache);
  const manifests = readManifests(townRoot, options.files, options.cwd, yamlCache);
  yamlCache.save();
  const daemonConfig = daemon.file.raw as DaemonConfig;
  const server = withTownSpec(endpoint, declaredSupervisor(townRoot, manifests.town), townServerSpec(townRoot, manifests.town));

  const databases = [townDatabase(manifests.town), ...manifests.rigs.map((rig) => rigDatabase(rig, manifests.town))];
  const lifecycle = townLifecycle(manifests.town, manifests.rigs);
  const diagnostics = [
    ...daemon.diagnostics,
    ...manifests.diagnostics,
    ...runtime.diagnostics,
    ...checkServerEnvironment(options.env),
    ...checkOverriddenEnvironment(options.env, server),
    ...checkManifests(manifests.rigs, manifests.town, { cwd: options.cwd, effectivePort: server.port.value }),
    ...checkTownEndpoints(manifests.town, manifests.rigs, { cwd: options.cwd, sqlPort: server.port.value }),
    ...lifecycleDiagnostics(manifests.rigs, manifests.town),
    ...syncDiagnostics(manifests.rigs, manifests.town),
    ...ledgerDiagnostics(manifests.town, databases, lifecycle.executor),
  ];
  const secrets = [...(manifests.town === null ? [] : [manifests.town]), ...manifests.rigs].flatMap(({ manifest, document }) => [
    ...remoteSecrets(manifest.spec.remotes ?? null, document),
    ...remoteSecrets(manifest.spec.backups ?? null, document, 'backups'),
  ]);
  if (daemon.document !== null && !hasErrors(daemon.diagnostics)) {
    secrets.push(...daemonSecrets(daemonConfig, daemon.document));
    diagnostics.push(
      ...checkDaemonConfig(daemonConfig, daemon.document, {
        declaredDatabases: databases.filter((d) => d.ensure === 'present').map((d) => d.name),
        disabledPatrols: runtime.disabledPatrols,
        platform: options.platform ?? process.platform,
      }),
    );
  }
  diagnostics.push(...checkSecretFileModes(secrets));

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) throw new ConfigError(sorted);
  return {
    desired: {
      townRoot,
      townName: townName(townRoot, manifests.town),
      server,
      daemonConfig: daemon.file,
      databases,
      daemonMetrics: daemonMetricsListener(manifests.town),
      lifecycle,
      ledger: resolveLedger(townRoot, manifests.town, databases),
      sources: [daemon.file.path, ...manifests.sources],
    },
    diagnostics: sorted,
  };
}

/** The Town document's spec.server.supervisor, with where it is declared; null when it declares none. */
function declaredSupervisor(townRoot: string, town: Manifest<TownManifest> | null): Resolved<DeclaredSupervisor> | null {
  const value = town?.manifest.spec.server?.supervisor;
  if (town === null || value === undefined) return null;
  return { value, source: `${formatPlace(townRoot, town.document.locate(['spec', 'server', 'supervisor']))} spec.server.supervisor` };
}

function townName(townRoot: string, town: Manifest<TownManifest> | null): Resolved<string> {
  const declared = town?.manifest.metadata?.name;
  if (declared === undefined || town === null) return { value: basename(townRoot), source: "the town directory's name" };
  const at = town.document.locate(['metadata', 'name']);
  return { value: declared, source: `${formatPlace(townRoot, at)} metadata.name` };
}

/**
 * hq: always present (a Town document has no `ensure`, so hq is never dropped); a Town document adds its remotes,
 * ignore patterns, lifecycle and `protect`, which blocks the lifecycle's deletions and history rewrites there.
 */
function townDatabase(town: Manifest<TownManifest> | null): DesiredDatabase {
  return {
    name: 'hq',
    rig: 'hq',
    kind: 'Town',
    prefix: null,
    ensure: 'present',
    protect: town?.manifest.spec.protect ?? false,
    remotes: town?.manifest.spec.remotes?.map(desiredRemote) ?? null,
    ignore: town?.manifest.spec.ignore ?? [],
    backups: town?.manifest.spec.backups?.map(desiredBackup) ?? null,
    lifecycle: databaseLifecycle(town, null),
    source: town === null ? null : town.document.locate(['kind']),
    sites: town === null ? { remotes: null, remote: {}, ignore: {} } : declarationSites(town),
  };
}

/** Where the manifest's spec.remotes (the list and each remote) and each spec.ignore pattern are. */
function declarationSites(entry: Manifest<RigManifest> | Manifest<TownManifest>): DeclarationSites {
  const { manifest, document } = entry;
  const { remotes, ignore } = manifest.spec;
  return {
    backup: backupSites(entry),
    remotes: remotes === undefined ? null : document.locate(['spec', 'remotes'], 'key'),
    remote: Object.fromEntries((remotes ?? []).map((remote, index) => [remote.name, document.locate(['spec', 'remotes', index])])),
    ignore: Object.fromEntries((ignore ?? []).map((pattern, index) => [pattern, document.locate(['spec', 'ignore', index])])),
  };
}

function rigDatabase({ manifest, document }: Manifest<RigManifest>, town: Manifest<TownManifest> | null): DesiredDatabase {
  return {
    name: rigDatabaseName(manifest),
    rig: manifest.metadata.name,
    kind: 'Rig',
    prefix: manifest.spec.prefix,
    ensure: manifest.spec.ensure ?? 'present',
    protect: manifest.spec.protect ?? false,
    remotes: manifest.spec.remotes?.map(desiredRemote) ?? null,
    ignore: manifest.spec.ignore ?? [],
    backups: manifest.spec.backups?.map(desiredBackup) ?? null,
    lifecycle: databaseLifecycle(town, { manifest, document }),
    source: document.locate(['metadata', 'name']),
    sites: declarationSites({ manifest, document }),
  };
}
