import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** The lifecycle work gt runs on a database, each at most once per its declared `interval`. */
export type LifecycleWork = 'decay' | 'compaction';

/** When gt last ran each kind of lifecycle work on one database (UTC ISO times). */
export type LifecycleRuns = Partial<Record<LifecycleWork, { lastRun: string }>>;

/** gt's lifecycle state file: per database, when each kind of work last ran. */
interface LifecycleStateFile {
  version: 1;
  databases: Record<string, LifecycleRuns>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON file gt alone writes, parsed; null when it is missing or unreadable. gt's own state is rebuilt by running
 * again, so a damaged file is never an error: the work it tracks is at worst done once more before its interval.
 */
export function readOwnJsonFile(path: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Writes a JSON file gt alone writes, atomically (readers never see half of it), creating its directory. */
export function writeOwnJsonFile(path: string, content: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`);
}

function runsOf(value: unknown): LifecycleRuns {
  if (!isRecord(value)) return {};
  const runs: LifecycleRuns = {};
  for (const work of ['decay', 'compaction'] as const) {
    const lastRun = isRecord(value[work]) ? value[work].lastRun : undefined;
    if (typeof lastRun === 'string' && !Number.isNaN(Date.parse(lastRun))) runs[work] = { lastRun };
  }
  return runs;
}

/** Per database, when gt last ran its lifecycle work; {} for a town where it never ran. */
export function readLifecycleState(path: string): Record<string, LifecycleRuns> {
  const file = readOwnJsonFile(path);
  const databases = isRecord(file?.databases) ? file.databases : {};
  return Object.fromEntries(Object.entries(databases).map(([name, runs]) => [name, runsOf(runs)]));
}

/**
 * Records that `work` ran on `database` at `at`, keeping every other entry. Callers hold the applier lock, so no
 * two runs write it at once.
 */
export function recordLifecycleRun(path: string, database: string, work: LifecycleWork, at: Date): void {
  const databases = readLifecycleState(path);
  databases[database] = { ...databases[database], [work]: { lastRun: at.toISOString() } };
  const file: LifecycleStateFile = { version: 1, databases };
  writeOwnJsonFile(path, file);
}
