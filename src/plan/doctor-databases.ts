import { isTownDatabaseName } from '../lib/sql.js';
import { testDatabasePrefix } from '../lib/test-databases.js';
import type { DoctorObservation } from '../observe/doctor-observation.js';
import type { CheckOutcome, DoctorCheck, DoctorContext, Finding } from './doctor-types.js';
import { checkStatus, formatBytes, noFixes, plural } from './doctor-util.js';

/**
 * The databases that are not what the manifests declare: served but declared nowhere, on disk but not served, and
 * the names test runs use. Reported with their size and last commit; the doctor never drops one (a drop is declared:
 * `ensure: absent` and `gt apply --prune`). System databases (information_schema, mysql, dolt_cluster) never appear.
 */

const NEVER_DROPPED = 'gt doctor never drops a database';

/** The town's databases the server serves, without Dolt's and MySQL's own (information_schema, mysql, dolt_cluster). */
function servedDatabases(observation: DoctorObservation): string[] | null {
  return observation.served?.filter(isTownDatabaseName) ?? null;
}

function declaredPresent({ desired }: DoctorContext): Set<string> {
  return new Set(desired.databases.filter((db) => db.ensure === 'present').map((db) => db.name.toLowerCase()));
}

/** Size on disk and the last commit (or, for a database not served, when its store last changed). */
function databaseFacts(observation: DoctorObservation, name: string): { text: string; details: Finding['details'] } {
  const usage = observation.usage.databases.find((db) => db.name === name);
  const lastCommit = observation.lastCommits[name] ?? null;
  const lastWritten = usage?.lastWrittenAt ?? null;
  const when = lastCommit !== null ? `last commit ${lastCommit}` : lastWritten !== null ? `last written ${lastWritten}` : 'no commit date known';
  const size = usage === undefined ? 'size unknown' : formatBytes(usage.bytes);
  return { text: `${size}, ${when}`, details: { database: name, bytes: usage?.bytes ?? null, lastCommit, lastWritten } };
}

function databaseFinding(observation: DoctorObservation, name: string, what: string): Finding {
  const facts = databaseFacts(observation, name);
  return { level: 'warning', subject: name, message: `${what} (${facts.text})`, details: facts.details };
}

function databaseCheck(base: Pick<DoctorCheck, 'id' | 'title'>, findings: Finding[], clean: string, fix: string): CheckOutcome {
  const status = checkStatus(findings);
  const summary = findings.length === 0 ? clean : `${plural(findings.length, 'database')}: ${findings.map((f) => f.subject).join(', ')}`;
  return noFixes({ ...base, group: 'databases', status, summary, findings, fix: status === 'ok' ? null : fix });
}

function serverDown(base: Pick<DoctorCheck, 'id' | 'title'>): CheckOutcome {
  return noFixes({ ...base, group: 'databases', status: 'skipped', summary: "the town's server does not answer: what it serves is unknown", findings: [], fix: null });
}

export function checkUndeclaredDatabases(context: DoctorContext): CheckOutcome {
  const { observation, options } = context;
  const base = { id: 'undeclared-databases', title: 'Databases served but declared in no manifest' } as const;
  const served = servedDatabases(observation);
  if (served === null) return serverDown(base);
  const declared = declaredPresent(context);
  const undeclared = served.filter((name) => !declared.has(name.toLowerCase()) && testDatabasePrefix(name) === null);
  const findings = undeclared.map((name) => databaseFinding(observation, name, 'served, declared nowhere'));
  const fix = `declare each in a rig manifest to manage it, or declare it with ensure: absent and run ${options.gt} apply --prune to drop it (restorable); ${NEVER_DROPPED}`;
  return databaseCheck(base, findings, 'every served database is declared', fix);
}

export function checkUnservedDatabases({ observation, options }: DoctorContext): CheckOutcome {
  const base = { id: 'unserved-databases', title: 'Databases on disk the server does not serve' } as const;
  const servedNames = servedDatabases(observation);
  if (servedNames === null) return serverDown(base);
  const served = new Set(servedNames.map((name) => name.toLowerCase()));
  const findings = observation.onDisk
    .filter((name) => !served.has(name.toLowerCase()))
    .map((name) => databaseFinding(observation, name, 'on disk, not served'));
  const fix = `the server loads databases at start: ${options.gt} apply restarts it for declared ones (${options.gt} diff shows it); others load at the next restart`;
  return databaseCheck(base, findings, 'the server serves every database on disk', fix);
}

export function checkTestDatabases(context: DoctorContext): CheckOutcome {
  const { observation, options } = context;
  const base = { id: 'test-databases', title: 'Databases named like test databases' } as const;
  const declared = declaredPresent(context);
  const names = [...new Set([...(servedDatabases(observation) ?? []), ...observation.onDisk])].sort();
  const findings = names
    .filter((name) => testDatabasePrefix(name) !== null && !declared.has(name.toLowerCase()))
    .map((name) => databaseFinding(observation, name, `a test name (${testDatabasePrefix(name)}…) on the town's server`));
  // A manifest may not name a test database on port 3307 (not even to drop it), so the way out is by hand.
  const fix =
    `they come from test runs pointed at this server: after a look, drop each with ${options.gt} dolt sql -q 'DROP DATABASE <name>' ` +
    `(Dolt keeps it restorable: CALL dolt_undrop('<name>')); ${NEVER_DROPPED}`;
  return databaseCheck(base, findings, 'no database has a test name', fix);
}
