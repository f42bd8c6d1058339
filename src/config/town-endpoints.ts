import type { ClusterSettings, MetricsListener, TownServerSpec } from './desired.js';
import { formatPlace } from './diagnostic-codes.js';
import type { MetricsEndpoint, TownManifest } from './generated/town-manifest.js';
import type { Manifest } from './manifests.js';

/** The address a listener takes when the manifest gives none: loopback, since none of them has authentication. */
export const DEFAULT_LISTEN_HOST = '127.0.0.1';

function listener(endpoint: MetricsEndpoint | undefined): MetricsListener | null {
  return endpoint === undefined ? null : { host: endpoint.host ?? DEFAULT_LISTEN_HOST, port: endpoint.port };
}

function cluster(townRoot: string, town: Manifest<TownManifest>): ClusterSettings | null {
  const replication = town.manifest.spec.replication;
  if (replication === undefined) return null;
  return {
    bootstrapRole: replication.role,
    remotesapi: { host: replication.remotesapi.host ?? DEFAULT_LISTEN_HOST, port: replication.remotesapi.port },
    peers: replication.peers.map((peer) => ({
      name: peer.name,
      remotesapi: peer.remotesapi.replace(/\/+$/, ''),
      sql: peer.sql === undefined ? null : { host: peer.sql.host ?? DEFAULT_LISTEN_HOST, port: peer.sql.port },
    })),
    declaredAt: formatPlace(townRoot, town.document.locate(['spec', 'replication'])),
  };
}

/** What the Town manifest declares about the server: its metrics endpoint and its cluster replication. */
export function townServerSpec(townRoot: string, town: Manifest<TownManifest> | null): TownServerSpec {
  if (town === null) return { metrics: null, cluster: null };
  return { metrics: listener(town.manifest.spec.server?.metrics), cluster: cluster(townRoot, town) };
}

/** Where gt's daemon serves its own metrics; null when the Town manifest declares no endpoint. */
export function daemonMetricsListener(town: Manifest<TownManifest> | null): MetricsListener | null {
  return listener(town?.manifest.spec.daemon?.metrics);
}
