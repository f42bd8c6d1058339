import { statSync } from 'node:fs';
import type { SourceLocation } from '../lib/location.js';
import { maskUrl } from '../lib/mask.js';
import { diagnostic } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { DaemonConfig } from './generated/daemon-config.js';
import type { PositionedDocument } from './positioned-document.js';

/** A secret written in a config file, and where. */
export interface SecretAt {
  what: string;
  location: SourceLocation;
}

/** daemon.json's passwords: `env.GT_DOLT_PASSWORD` and `patrols.dolt_server.password`. */
export function daemonSecrets(config: DaemonConfig, document: PositionedDocument): SecretAt[] {
  const secrets: SecretAt[] = [];
  if (typeof config.env?.GT_DOLT_PASSWORD === 'string' && config.env.GT_DOLT_PASSWORD !== '') {
    secrets.push({ what: 'a password (env.GT_DOLT_PASSWORD)', location: document.locate(['env', 'GT_DOLT_PASSWORD']) });
  }
  const password = config.patrols?.dolt_server?.password;
  if (typeof password === 'string' && password !== '') {
    secrets.push({ what: 'a password (patrols.dolt_server.password)', location: document.locate(['patrols', 'dolt_server', 'password']) });
  }
  return secrets;
}

/** Remote URLs that carry credentials (a password or token in the userinfo or the query). */
export function remoteSecrets(
  remotes: readonly { name: string; url: string }[] | null,
  document: PositionedDocument,
  list: 'remotes' | 'backups' = 'remotes',
): SecretAt[] {
  const what = list === 'remotes' ? 'remote' : 'backup';
  return (remotes ?? []).flatMap((remote, index) =>
    maskUrl(remote.url) === remote.url
      ? []
      : [{ what: `credentials in the URL of ${what} ${remote.name}`, location: document.locate(['spec', list, index, 'url']) }],
  );
}

/**
 * One warning per config file that holds a secret and that others than its owner may read, like ssh's check of a
 * private key. gt never changes the mode of an operator's file; it says how.
 */
export function checkSecretFileModes(secrets: readonly SecretAt[]): Diagnostic[] {
  const firstPerFile = new Map<string, SecretAt>();
  for (const secret of secrets) if (!firstPerFile.has(secret.location.file)) firstPerFile.set(secret.location.file, secret);
  const found: Diagnostic[] = [];
  for (const [file, secret] of firstPerFile) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    const readers = [mode & 0o040 ? 'its group' : null, mode & 0o004 ? 'everyone' : null].filter((who) => who !== null);
    const access = readers.length > 0 ? `readable by ${readers.join(' and ')}` : 'open to others than its owner';
    found.push(
      diagnostic(
        'GT-W064',
        secret.location,
        `this file holds ${secret.what} and is ${access} (mode ${mode.toString(8).padStart(4, '0')}); ` +
          `make it private: chmod 600 ${file}`,
      ),
    );
  }
  return found;
}
