import type { SourceLocation } from '../lib/location.js';
import { diagnostic, formatPlace } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';
import type { RigManifest } from './generated/rig-manifest.js';
import type { MetricsEndpoint, TownManifest } from './generated/town-manifest.js';
import { Uniqueness } from './manifest-checks.js';
import type { Manifest } from './manifests.js';
import type { DocPath } from './positioned-document.js';
import { DEFAULT_LISTEN_HOST } from './town-endpoints.js';

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why a peer's remotesapi is not something Dolt's cluster can replicate to, or null when it is. */
export function peerUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `has the scheme ${url.protocol.replace(/:$/, '')}, not http or https`;
  if (url.port === '') return 'names no port (the peer\'s spec.replication.remotesapi.port)';
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || !['', '/'].includes(url.pathname)) {
    return 'has more than a scheme, a host and a port (gt appends /{database} for Dolt)';
  }
  return null;
}

type At = (path: DocPath) => SourceLocation;

/** A metrics endpoint on an address others can reach, which its missing authentication makes a leak. */
function exposedMetrics(endpoint: MetricsEndpoint | undefined, path: DocPath, at: At): Diagnostic[] {
  if (endpoint === undefined || endpoint.exposeMetrics === true) return [];
  const host = endpoint.host ?? DEFAULT_LISTEN_HOST;
  if (isLoopbackHost(host)) return [];
  return [
    diagnostic(
      'GT-E055',
      at([...path, 'host']),
      `metrics host ${JSON.stringify(host)} is not a loopback address, and the metrics endpoint has no authentication: ` +
        `use 127.0.0.1, or add exposeMetrics: true to ${path.join('.')} to serve it there knowingly`,
    ),
  ];
}

interface DeclaredListener {
  what: string;
  port: number;
  /** null: the SQL port, which daemon.json or the environment sets. */
  location: SourceLocation | null;
}

/** Every port the town declares a listener on, the SQL port first. */
function declaredListeners(town: TownManifest, at: At, sqlPort: number): DeclaredListener[] {
  const { server, replication, daemon } = town.spec;
  const listeners: DeclaredListener[] = [{ what: "the Dolt server's SQL port", port: sqlPort, location: null }];
  if (server?.metrics) listeners.push({ what: 'spec.server.metrics', port: server.metrics.port, location: at(['spec', 'server', 'metrics', 'port']) });
  if (replication) {
    listeners.push({ what: 'spec.replication.remotesapi', port: replication.remotesapi.port, location: at(['spec', 'replication', 'remotesapi', 'port']) });
  }
  if (daemon?.metrics) listeners.push({ what: 'spec.daemon.metrics', port: daemon.metrics.port, location: at(['spec', 'daemon', 'metrics', 'port']) });
  return listeners;
}

/** Two listeners of the town on one port: the server (or gt's daemon) could never start. */
function portClashes(cwd: string, listeners: readonly DeclaredListener[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  listeners.forEach((listener, index) => {
    const earlier = listeners.slice(0, index).find((other) => other.port === listener.port);
    if (earlier === undefined || listener.location === null) return;
    const where = earlier.location === null ? '' : ` (${formatPlace(cwd, earlier.location)})`;
    found.push(
      diagnostic('GT-E059', listener.location, `port ${listener.port} is already ${earlier.what}${where}: each listener needs its own port`),
    );
  });
  return found;
}

/** Declared remotes named like a peer: Dolt gives every database a remote of the peer's name for replication. */
function remotesNamedLikePeers(
  cwd: string,
  peers: ReadonlyMap<string, SourceLocation>,
  manifests: readonly Manifest<RigManifest | TownManifest>[],
): Diagnostic[] {
  return manifests.flatMap(({ manifest, document }) =>
    (manifest.spec.remotes ?? []).flatMap((remote, index) => {
      const peer = peers.get(remote.name);
      if (peer === undefined) return [];
      return [
        diagnostic(
          'GT-E058',
          document.locate(['spec', 'remotes', index, 'name']),
          `remote name "${remote.name}" is the replication peer declared at ${formatPlace(cwd, peer)}: Dolt adds a remote of ` +
            "that name to every database to replicate to it; rename the remote (or the peer)",
        ),
      ];
    }),
  );
}

function checkPeers(cwd: string, town: Manifest<TownManifest>, rigs: readonly Manifest<RigManifest>[]): Diagnostic[] {
  const peers = town.manifest.spec.replication?.peers ?? [];
  const at = (path: DocPath) => town.document.locate(['spec', 'replication', 'peers', ...path]);
  const names = new Uniqueness(cwd, 'GT-E057', 'peer name', 'each peer of the cluster needs its own name');
  const found: Diagnostic[] = [];
  const located = new Map<string, SourceLocation>();
  peers.forEach((peer, index) => {
    found.push(...names.add(peer.name, at([index, 'name'])));
    if (!located.has(peer.name)) located.set(peer.name, at([index, 'name']));
    const problem = peerUrlProblem(peer.remotesapi);
    if (problem !== null) {
      found.push(diagnostic('GT-E056', at([index, 'remotesapi']), `peer remotesapi ${JSON.stringify(peer.remotesapi)} ${problem}; write it as http://HOST:PORT`));
    }
  });
  return [...found, ...remotesNamedLikePeers(cwd, located, [town, ...rigs])];
}

/**
 * What the schema cannot see in the Town manifest's listeners: metrics endpoints kept on loopback unless exposed on
 * purpose, peers Dolt can replicate to, and no two listeners on one port.
 */
export function checkTownEndpoints(
  town: Manifest<TownManifest> | null,
  rigs: readonly Manifest<RigManifest>[],
  context: { cwd: string; sqlPort: number },
): Diagnostic[] {
  if (town === null) return [];
  const at: At = (path) => town.document.locate(path);
  return [
    ...exposedMetrics(town.manifest.spec.server?.metrics, ['spec', 'server', 'metrics'], at),
    ...exposedMetrics(town.manifest.spec.daemon?.metrics, ['spec', 'daemon', 'metrics'], at),
    ...checkPeers(context.cwd, town, rigs),
    ...portClashes(context.cwd, declaredListeners(town.manifest, at, context.sqlPort)),
  ];
}
