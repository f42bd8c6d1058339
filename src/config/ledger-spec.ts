import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseGoDuration } from '../lib/go-duration.js';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { DesiredDatabase, LedgerSpec } from './desired.js';
import type { TownLedger, TownManifest } from './generated/town-manifest.js';
import type { Manifest } from './manifests.js';

/** Gas Town's jsonl_git_backup defaults: its interval, spike threshold and the fixed smallest change it halts on. */
export const LEDGER_DEFAULTS = { remote: 'origin', interval: '15m', threshold: 0.5, minAbsolute: 20 } as const;

/** The archive's path: absolute as declared, `~/…` under the home directory, anything else under the town root. */
function repoPath(townRoot: string, declared: string, home: string): string {
  if (declared === '~') return home;
  if (declared.startsWith('~/')) return join(home, declared.slice(2));
  return isAbsolute(declared) ? resolve(declared) : resolve(townRoot, declared);
}

function ledgerOf(town: Manifest<TownManifest> | null): TownLedger | undefined {
  return town?.manifest.spec.ledger;
}

/** The databases exported: every declared present one for `all` (or no list), else the listed ones in declaration order. */
function exportedDatabases(ledger: TownLedger, databases: readonly DesiredDatabase[]): string[] {
  const present = databases.filter((db) => db.ensure === 'present').map((db) => db.name);
  if (ledger.databases === undefined || ledger.databases === 'all') return present;
  const listed = new Set<string>(ledger.databases);
  return present.filter((name) => listed.has(name));
}

/** The Town's spec.ledger resolved (defaults filled, paths absolute); null when it declares none. */
export function resolveLedger(
  townRoot: string,
  town: Manifest<TownManifest> | null,
  databases: readonly DesiredDatabase[],
  home: string = homedir(),
): LedgerSpec | null {
  const ledger = ledgerOf(town);
  if (ledger === undefined || town === null) return null;
  const interval = ledger.interval ?? LEDGER_DEFAULTS.interval;
  return {
    repo: repoPath(townRoot, ledger.repo, home),
    remote: ledger.remote ?? LEDGER_DEFAULTS.remote,
    interval: { text: interval, ms: Math.round((parseGoDuration(interval) ?? 0) / 1e6) },
    databases: exportedDatabases(ledger, databases),
    spike: {
      threshold: ledger.spike?.threshold ?? LEDGER_DEFAULTS.threshold,
      minAbsolute: ledger.spike?.minAbsolute ?? LEDGER_DEFAULTS.minAbsolute,
    },
    site: town.document.locate(['spec', 'ledger'], 'key'),
  };
}

/** Listed databases that no manifest declares present: gt could only export nothing for them. */
function undeclaredDatabases(town: Manifest<TownManifest>, ledger: TownLedger, databases: readonly DesiredDatabase[]): Diagnostic[] {
  if (!Array.isArray(ledger.databases)) return [];
  const present = new Set(databases.filter((db) => db.ensure === 'present').map((db) => db.name));
  return ledger.databases.flatMap((name, index) =>
    present.has(name)
      ? []
      : [
          diagnostic(
            'GT-E080',
            town.document.locate(['spec', 'ledger', 'databases', index]),
            `spec.ledger.databases lists ${JSON.stringify(name)}, which no manifest declares present; list declared databases ` +
              `(${[...present].slice(0, 10).join(', ')}${present.size > 10 ? ', …' : ''}) or write databases: all`,
          ),
        ],
  );
}

function nonPositiveInterval(town: Manifest<TownManifest>, ledger: TownLedger): Diagnostic[] {
  if (ledger.interval === undefined || (parseGoDuration(ledger.interval) ?? 0) > 0) return [];
  return [
    diagnostic(
      'GT-E024',
      town.document.locate(['spec', 'ledger', 'interval']),
      `spec.ledger.interval is ${JSON.stringify(ledger.interval)}; it must be longer than 0, e.g. "15m"`,
    ),
  ];
}

/**
 * With executor gastown, Gas Town's jsonl_git_backup patrol exports: it pushes only to origin and halts on changes of
 * 20 records or more, whatever the manifest says; a value it cannot take is named rather than silently lost.
 */
function knobsGasTownIgnores(town: Manifest<TownManifest>, ledger: TownLedger, executor: 'gt' | 'gastown'): Diagnostic[] {
  if (executor !== 'gastown') return [];
  const found: Diagnostic[] = [];
  const lost = (path: string[], value: unknown, fixed: unknown): void => {
    found.push(
      diagnostic(
        'GT-W080',
        town.document.locate(['spec', 'ledger', ...path]),
        `spec.ledger.${path.join('.')} is ${JSON.stringify(value)}, but with executor gastown Gas Town's jsonl_git_backup ` +
          `exports, and it always uses ${JSON.stringify(fixed)}; set spec.lifecycle.executor: gt to have gt export with it`,
      ),
    );
  };
  if (ledger.remote !== undefined && ledger.remote !== LEDGER_DEFAULTS.remote) lost(['remote'], ledger.remote, LEDGER_DEFAULTS.remote);
  const minAbsolute = ledger.spike?.minAbsolute;
  if (minAbsolute !== undefined && minAbsolute !== LEDGER_DEFAULTS.minAbsolute) lost(['spike', 'minAbsolute'], minAbsolute, LEDGER_DEFAULTS.minAbsolute);
  return found;
}

/** What the schema cannot see in spec.ledger: undeclared databases and an interval of 0 or less (errors), lost knobs (warnings). */
export function ledgerDiagnostics(
  town: Manifest<TownManifest> | null,
  databases: readonly DesiredDatabase[],
  executor: 'gt' | 'gastown',
): Diagnostic[] {
  const ledger = ledgerOf(town);
  if (ledger === undefined || town === null) return [];
  return [...undeclaredDatabases(town, ledger, databases), ...nonPositiveInterval(town, ledger), ...knobsGasTownIgnores(town, ledger, executor)];
}
