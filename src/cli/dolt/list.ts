import type { DesiredState } from '../../config/desired.js';
import { formatLocation } from '../../lib/location.js';
import { maskUrl } from '../../lib/mask.js';
import { diskYamlCache } from '../../config/yaml-documents.js';
import { observe } from '../../observe/observe.js';
import type { ObservedState } from '../../observe/observed.js';
import { relativeToTown } from '../../plan/source-label.js';
import { ownerLabel } from '../database-owner.js';
import type { CommandIO } from '../output.js';
import { runWithDesiredState } from './run.js';
import { assertServerRunning } from './server-required.js';

/** One database of `gt dolt list` (`-o json` prints `{ "databases": [...] }`). */
export interface ListedDatabase {
  name: string;
  managed: boolean;
  /** "hq" for the town database; null when unmanaged. */
  rig: string | null;
  /** The manifest place that declares it (`mayor/rigs.d/wyvern.yaml:4:9`); null for an implicit hq or unmanaged. */
  declaredAt: string | null;
  ensure: 'present' | 'absent' | null;
  served: boolean;
  onDisk: boolean;
  /** Credentials in URLs masked. */
  remotes: { name: string; url: string }[];
}

/** Every database the town has, served or on disk, with the manifest that manages it, if any. */
export function listDatabases(desired: DesiredState, observed: ObservedState): ListedDatabase[] {
  const declared = new Map(desired.databases.map((db) => [db.name, db]));
  const served = new Map((observed.databases ?? []).map((db) => [db.name, db]));
  const names = [...new Set([...served.keys(), ...observed.onDisk])].sort();
  return names.map((name) => {
    const declaration = declared.get(name);
    const source = declaration?.source ?? null;
    return {
      name,
      managed: declaration !== undefined,
      rig: declaration?.rig ?? null,
      declaredAt: source === null ? null : formatLocation({ ...source, file: relativeToTown(desired.townRoot, source.file) }),
      ensure: declaration?.ensure ?? null,
      served: served.has(name),
      onDisk: observed.onDisk.includes(name),
      remotes: (served.get(name)?.remotes ?? []).map((remote) => ({ name: remote.name, url: maskUrl(remote.url) })),
    };
  });
}

function managedBy(database: ListedDatabase): string {
  if (!database.managed) return 'unmanaged';
  const who = ownerLabel(database);
  const absent = database.ensure === 'absent' ? ' (ensure: absent)' : '';
  return `${who}${absent}${database.declaredAt === null ? '' : `, ${database.declaredAt}`}`;
}

export function renderListText(databases: readonly ListedDatabase[]): string {
  const rows = databases.map((db) => [
    db.name,
    managedBy(db),
    db.remotes.length === 0 ? '-' : db.remotes.map((remote) => `${remote.name} ${remote.url}`).join(', '),
  ]);
  const header = ['DATABASE', 'MANAGED BY', 'REMOTES'];
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] as string).length)));
  const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] as number)).join('  ').trimEnd();
  const managed = databases.filter((db) => db.managed).length;
  const lines = [line(header), ...rows.map(line), ''];
  lines.push(`${databases.length} database${databases.length === 1 ? '' : 's'}: ${managed} managed, ${databases.length - managed} unmanaged`);
  const unserved = databases.filter((db) => !db.served).map((db) => db.name);
  if (unserved.length > 0) {
    lines.push(`Not served (on disk only, remotes unknown): ${unserved.join(', ')} — a restart loads them (gt apply)`);
  }
  return `${lines.join('\n')}\n`;
}

/** `gt dolt list`: the town's databases, managed (by which manifest) or not, with their remotes. Needs the server. */
export async function runList(io: CommandIO): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const observed = await observe(desired, { yamlCache: diskYamlCache(io.env) });
    assertServerRunning(desired.server, observed.server, io.invocation);
    const databases = listDatabases(desired, observed);
    io.stdout.write(
      io.output === 'json' ? `${JSON.stringify({ databases }, null, 2)}\n` : renderListText(databases),
    );
  });
}
