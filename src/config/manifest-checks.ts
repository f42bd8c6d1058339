import type { SourceLocation } from '../lib/location.js';
import { diagnostic, formatPlace } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { RigManifest } from './generated/rig-manifest.js';
import type { TownManifest } from './generated/town-manifest.js';
import type { Manifest } from './manifests.js';
import type { DocPath } from './positioned-document.js';
import { systemTablePatternProblem } from './ignore-patterns.js';
import { remoteUrlProblem } from './remote-url.js';
import { PRODUCTION_PORT, testDatabasePrefix } from '../lib/test-databases.js';

const TOWN_DATABASE = 'hq';
const TOWN_PREFIXES = ['hq', 'hq-cv'];

/** The Dolt database a rig manifest declares. */
export function rigDatabaseName(rig: RigManifest): string {
  return rig.spec.database ?? rig.metadata.name;
}

/**
 * What the schema cannot see: names unique across every manifest, the reserved town names, remotes Dolt accepts,
 * and test-database names on the production port.
 */
export function checkManifests(
  rigs: readonly Manifest<RigManifest>[],
  town: Manifest<TownManifest> | null,
  context: { cwd: string; effectivePort: number },
): Diagnostic[] {
  const { cwd, effectivePort } = context;
  const found: Diagnostic[] = [];
  const names = new Uniqueness(cwd, 'GT-E040', 'rig name', 'rig names must be unique across all manifests');
  const prefixes = new Uniqueness(cwd, 'GT-E041', 'prefix', 'each rig needs its own beads prefix');
  const databases = new Uniqueness(cwd, 'GT-E042', 'database', 'each rig needs its own Dolt database');

  for (const { manifest, document } of rigs) {
    const { name } = manifest.metadata;
    const databasePath: DocPath = manifest.spec.database === undefined ? ['metadata', 'name'] : ['spec', 'database'];
    const database = rigDatabaseName(manifest);
    const at = (path: DocPath) => document.locate(path);

    found.push(...reservedNames(manifest, at, databasePath));
    const duplicateName = names.add(name, at(['metadata', 'name']));
    found.push(...duplicateName);
    found.push(...prefixes.add(manifest.spec.prefix, at(['spec', 'prefix'])));
    // a duplicate name already implies the duplicate database it defaults to
    if (duplicateName.length === 0 || manifest.spec.database !== undefined) {
      found.push(...databases.add(database, at(databasePath)));
    }

    found.push(...testDatabaseOnProductionPort(database, at(databasePath), effectivePort));
    found.push(
      ...checkRemotes(cwd, manifest.spec.remotes ?? [], (path) => document.locate(['spec', 'remotes', ...path])),
      ...checkIgnorePatterns(manifest.spec.ignore ?? [], (index) => document.locate(['spec', 'ignore', index])),
    );
  }
  if (town !== null) {
    found.push(
      ...checkRemotes(cwd, town.manifest.spec.remotes ?? [], (path) =>
        town.document.locate(['spec', 'remotes', ...path]),
      ),
      ...checkIgnorePatterns(town.manifest.spec.ignore ?? [], (index) => town.document.locate(['spec', 'ignore', index])),
    );
  }
  return found;
}

/** A rig that takes the town's own name, database or prefixes. */
function reservedNames(manifest: RigManifest, at: (path: DocPath) => SourceLocation, databasePath: DocPath): Diagnostic[] {
  const found: Diagnostic[] = [];
  const { name } = manifest.metadata;
  const database = rigDatabaseName(manifest);
  if (name === TOWN_DATABASE) {
    const why = 'hq is the town database (declare its remotes and ignore patterns in a kind: Town document)';
    found.push(diagnostic('GT-E043', at(['metadata', 'name']), `a rig cannot be named "hq": ${why}`));
  } else if (database === TOWN_DATABASE) {
    found.push(
      diagnostic('GT-E043', at(databasePath), 'a rig cannot use the database "hq": it is the town database'),
    );
  }
  if (TOWN_PREFIXES.includes(manifest.spec.prefix)) {
    found.push(
      diagnostic(
        'GT-E043',
        at(['spec', 'prefix']),
        `the prefix "${manifest.spec.prefix}" belongs to the town (hq- and hq-cv- route to the town beads); pick another`,
      ),
    );
  }
  return found;
}

/** beads refuses to create a test-named database on the production port; so does gt, before anything is applied. */
function testDatabaseOnProductionPort(database: string, place: SourceLocation, effectivePort: number): Diagnostic[] {
  const testPrefix = testDatabasePrefix(database);
  if (testPrefix !== null && effectivePort === PRODUCTION_PORT) {
    return [
      diagnostic(
        'GT-E046',
        place,
        `the database "${database}" has the test prefix "${testPrefix}" and the effective port is the production port 3307; beads refuses to create it there — rename it, or run the test town on another port (env.GT_DOLT_PORT)`,
      ),
    ];
  }
  return [];
}

/** Patterns Dolt could never commit once they are in dolt_ignore (systemTablePatternProblem). */
function checkIgnorePatterns(patterns: readonly string[], at: (index: number) => SourceLocation): Diagnostic[] {
  return patterns.flatMap((pattern, index) => {
    const problem = systemTablePatternProblem(pattern);
    if (problem === null) return [];
    return [
      diagnostic(
        'GT-E050',
        at(index),
        `ignore pattern ${JSON.stringify(pattern)}: ${problem}, so Dolt could never commit dolt_ignore again (the ` +
          'pattern would stay uncommitted, with every pattern added after it); name the tables to ignore, e.g. "wisps" or "wisp_*"',
      ),
    ];
  });
}

function checkRemotes(
  cwd: string,
  remotes: readonly { name: string; url: string }[],
  at: (path: DocPath) => SourceLocation,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const names = new Uniqueness(cwd, 'GT-E045', 'remote name', 'a database has one remote per name');
  remotes.forEach((remote, index) => {
    found.push(...names.add(remote.name, at([index, 'name'])));
    const problem = remoteUrlProblem(remote.url);
    if (problem !== null) found.push(diagnostic('GT-E044', at([index, 'url']), problem));
  });
  return found;
}

/** Reports the second and later declarations of a value, pointing at the first. */
export class Uniqueness {
  private readonly first = new Map<string, SourceLocation>();

  constructor(
    private readonly cwd: string,
    private readonly code: 'GT-E040' | 'GT-E041' | 'GT-E042' | 'GT-E045' | 'GT-E057',
    private readonly what: string,
    private readonly rule: string,
  ) {}

  add(value: string, location: SourceLocation): Diagnostic[] {
    const earlier = this.first.get(value);
    if (earlier === undefined) {
      this.first.set(value, location);
      return [];
    }
    return [
      diagnostic(
        this.code,
        location,
        `${this.what} "${value}" is already declared at ${formatPlace(this.cwd, earlier)}; ${this.rule}`,
      ),
    ];
  }
}
