import type { DesiredDatabase } from '../config/desired.js';
import type { ObservedDatabase } from '../observe/observed.js';
import { quoteString } from '../lib/sql.js';
import { declaredAt } from './source-label.js';
import type { BlockedChange, DatabaseAction, PlanOptions } from './types.js';

/** What gt knows about one database: whether it exists (served or on disk) and, when served, its contents. */
export interface DatabaseFinding {
  exists: boolean;
  /** null when not served (server down, or on disk but not loaded). */
  observed: ObservedDatabase | null;
  /** The directory an interrupted create left in its place (display path), which the server start moves aside. */
  incompleteDir: string | null;
}

export interface DatabasePlan {
  action: DatabaseAction | null;
  blocked: BlockedChange[];
}

function create(townRoot: string, database: DesiredDatabase, finding: DatabaseFinding, serverUp: boolean): DatabaseAction {
  const why =
    finding.incompleteDir !== null
      ? `${finding.incompleteDir} is an incomplete directory left by an interrupted create: the server start moves it aside ` +
        `to .gt-incomplete/ in the data dir, then apply creates the database`
      : serverUp
        ? 'the server does not serve it'
        : 'not on disk';
  return {
    kind: 'database',
    id: `database/${database.name}`,
    verb: 'create',
    code: 'database-missing',
    database: database.name,
    before: null,
    after: { name: database.name, rig: database.rig },
    reason: `declared in ${declaredAt(townRoot, database)}; ${why}`,
    destructive: false,
    needsRestart: false,
  };
}

function unpushedSummary(unpushed: NonNullable<ObservedDatabase['unpushed']>): string {
  const parts = [];
  if (unpushed.commits > 0) parts.push(`${unpushed.commits} unpushed commit${unpushed.commits === 1 ? '' : 's'}`);
  if (unpushed.dirty) parts.push('uncommitted changes');
  return `${parts.join(' and ')}${unpushed.detail ? ` (${unpushed.detail})` : ''}`;
}

/** Each reason a drop may not happen under the current flags; empty when it may. */
function dropBlockers(
  townRoot: string,
  database: DesiredDatabase,
  finding: DatabaseFinding,
  options: PlanOptions,
): BlockedChange[] {
  const blocked = (code: BlockedChange['code'], reason: string, hint: string): BlockedChange => ({
    id: `database/${database.name}`,
    verb: 'delete',
    code,
    reason,
    hint,
  });
  const at = declaredAt(townRoot, database);
  const blockers: BlockedChange[] = [];
  if (database.protect) {
    blockers.push(blocked('protected', `protect: true (${at}) refuses every destructive action`, `remove protect: true from ${at}`));
  }
  if (!options.prune) {
    blockers.push(blocked('prune-not-requested', `ensure: absent (${at}), but drops happen only with --prune`, 'pass --prune'));
  }
  if (!options.force) {
    const unpushed = finding.observed?.unpushed ?? null;
    if (finding.observed === null) {
      blockers.push(
        blocked(
          'unpushed-unknown',
          'gt cannot check it for unpushed commits while the server does not serve it',
          'start the server and plan again, or pass --force',
        ),
      );
    } else if (unpushed === null) {
      blockers.push(blocked('unpushed-unknown', 'it was not checked for unpushed commits', 'plan again, or pass --force'));
    } else if (unpushed.commits > 0 || unpushed.dirty) {
      blockers.push(blocked('unpushed-changes', `it has ${unpushedSummary(unpushed)}`, 'push first or pass --force'));
    }
  }
  return blockers;
}

function drop(townRoot: string, database: DesiredDatabase, finding: DatabaseFinding): DatabaseAction {
  const unpushed = finding.observed?.unpushed ?? null;
  const forced =
    unpushed === null
      ? '; --force: dropped without checking for unpushed commits'
      : unpushed.commits > 0 || unpushed.dirty
        ? `; --force: its ${unpushedSummary(unpushed)} go with it`
        : '';
  return {
    kind: 'database',
    id: `database/${database.name}`,
    verb: 'delete',
    code: 'database-absent',
    database: database.name,
    before: { name: database.name, rig: database.rig },
    after: null,
    reason:
      `ensure: absent (${declaredAt(townRoot, database)})${forced}. DROP DATABASE keeps it restorable: ` +
      `CALL dolt_undrop(${quoteString(database.name)})`,
    destructive: true,
    needsRestart: false,
  };
}

/** A declared database: create it when missing; drop it when `ensure: absent` and every safety rule allows. */
export function planDatabase(
  townRoot: string,
  database: DesiredDatabase,
  finding: DatabaseFinding,
  options: PlanOptions,
  serverUp: boolean,
): DatabasePlan {
  if (database.ensure === 'present') {
    return { action: finding.exists ? null : create(townRoot, database, finding, serverUp), blocked: [] };
  }
  if (!finding.exists) return { action: null, blocked: [] };
  const blocked = dropBlockers(townRoot, database, finding, options);
  return { action: blocked.length === 0 ? drop(townRoot, database, finding) : null, blocked };
}
