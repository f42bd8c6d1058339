import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isTownDatabaseName } from '../../../src/lib/sql.js';
import type { Connection } from 'mysql2/promise';
import type { TestTown } from '../../helpers/town.js';

/** What "the town is unchanged" means: config and runtime files byte for byte, and the SQL state row for row. */
export interface TownSnapshot {
  /** Path relative to the town root → sha256 and mode of every file gt reads or writes. */
  files: Record<string, string>;
  databases: Record<string, DatabaseSnapshot>;
}

export interface DatabaseSnapshot {
  remotes: unknown[];
  ignore: unknown[];
  head: string;
  /** Root hash of the working set: changes with any uncommitted write. */
  workingSet: string;
}

function walk(root: string, dir: string, into: Record<string, string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, path, into);
    else into[relative(root, path)] = fileFingerprint(path);
  }
}

function fileFingerprint(path: string): string {
  const mode = (statSync(path).mode & 0o7777).toString(8);
  return `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${mode}`;
}

/** The files of a town gt reads or writes (not the server's own log, which grows with every connection). */
export function snapshotFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  walk(root, join(root, 'mayor'), files);
  for (const path of ['.dolt-data/config.yaml', 'daemon/dolt.pid', 'daemon/dolt-state.json']) {
    try {
      files[path] = fileFingerprint(join(root, path));
    } catch {
      // absent: absent in both snapshots or the comparison shows it
    }
  }
  return files;
}

export async function snapshotSql(town: TestTown): Promise<Record<string, DatabaseSnapshot>> {
  const connection = await town.connect();
  try {
    return await snapshotSqlOn(connection);
  } finally {
    await connection.end();
  }
}

/** snapshotSql on a connection the caller keeps open (many snapshots in a row, autocommit); it ends USE-ing the last database. */
export async function snapshotSqlOn(connection: Connection): Promise<Record<string, DatabaseSnapshot>> {
  const [shown] = await connection.query('SHOW DATABASES');
  const names = (shown as Record<string, string>[]).map((row) => String(Object.values(row)[0])).filter(isTownDatabaseName).sort();
  const databases: Record<string, DatabaseSnapshot> = {};
  for (const name of names) {
    const db = connection.escapeId(name);
    const [remotes] = await connection.query(`SELECT name, url, fetch_specs, params FROM ${db}.dolt_remotes ORDER BY name`);
    const [ignore] = await connection.query(`SELECT pattern, ignored FROM ${db}.dolt_ignore ORDER BY pattern`);
    const [head] = await connection.query(`SELECT commit_hash FROM ${db}.dolt_log ORDER BY commit_order DESC LIMIT 1`);
    await connection.query(`USE ${db}`);
    const [working] = await connection.query('SELECT dolt_hashof_db() AS hash');
    databases[name] = {
      remotes: remotes as unknown[],
      ignore: ignore as unknown[],
      head: String((head as { commit_hash: string }[])[0]?.commit_hash),
      workingSet: String((working as { hash: string }[])[0]?.hash),
    };
  }
  return databases;
}

export async function snapshotTown(town: TestTown): Promise<TownSnapshot> {
  return { files: snapshotFiles(town.root), databases: await snapshotSql(town) };
}
