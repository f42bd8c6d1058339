import type { JsonValue } from '../lib/json-value.js';
import type { ClusterSettings, ServerSettings } from './desired.js';

/**
 * The epoch a server of a new cluster starts at. Dolt reads bootstrap_role and bootstrap_epoch only while its global
 * config holds no role; from then on the role and epoch live there, and a failover raises the epoch.
 */
const BOOTSTRAP_EPOCH = 1;

/** The URL Dolt replicates each database to: the peer's remotesapi with the database's name. */
function remoteUrlTemplate(remotesapi: string): string {
  return `${remotesapi}/{database}`;
}

function metricsLines(server: ServerSettings): string[] {
  const { metrics } = server;
  return metrics === null ? [] : ['', 'metrics:', `  host: ${plainOrQuoted(metrics.host)}`, `  port: ${metrics.port}`];
}

function clusterLines(cluster: ClusterSettings | null): string[] {
  if (cluster === null) return [];
  return [
    '',
    'cluster:',
    '  standby_remotes:',
    ...cluster.peers.flatMap((peer) => [
      `    - name: ${peer.name}`,
      `      remote_url_template: ${JSON.stringify(remoteUrlTemplate(peer.remotesapi))}`,
    ]),
    `  bootstrap_role: ${cluster.bootstrapRole}`,
    `  bootstrap_epoch: ${BOOTSTRAP_EPOCH}`,
    '  remotesapi:',
    `    address: ${plainOrQuoted(cluster.remotesapi.host)}`,
    `    port: ${cluster.remotesapi.port}`,
  ];
}

/** A host as YAML: plain when YAML reads it back as that string (an IPv4 address, a name), else quoted (`::`, `1e3`). */
function plainOrQuoted(value: string): string {
  const plainString =
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) && !/^(true|false|yes|no|on|off|null)$/i.test(value) && Number.isNaN(Number(value));
  return plainString ? value : JSON.stringify(value);
}

/**
 * The managed `<data_dir>/config.yaml` for `dolt sql-server --config`. Dolt parses it strictly (an unknown key is a
 * startup error), so only keys Dolt 2.x accepts appear. Paths are absolute: a relative data_dir would resolve
 * against the process CWD. Pure, so a plan can compare it with the file on disk to detect a needed restart.
 */
export function renderServerConfigYaml(server: ServerSettings): string {
  const lines = [
    '# Dolt SQL server configuration — managed by gt (the Gas Town reconciler).',
    '# Do not edit: gt apply rewrites it from mayor/daemon.json and the Town manifest, and restarts the server when it changes.',
    `log_level: ${server.logLevel.value}`,
    '',
    'listener:',
    `  host: ${plainOrQuoted(server.host.value)}`,
    `  port: ${server.port.value}`,
    `  max_connections: ${server.maxConnections.value}`,
    `  read_timeout_millis: ${server.readTimeoutMillis.value}`,
    `  write_timeout_millis: ${server.writeTimeoutMillis.value}`,
    '',
    `data_dir: ${JSON.stringify(server.dataDir.value)}`,
    '',
    'behavior:',
    '  dolt_transaction_commit: false',
    '  auto_gc_behavior:',
    '    enable: true',
    '    archive_level: 1',
  ];
  if (server.waitTimeoutSeconds.value > 0) {
    lines.push('', 'system_variables:', `  wait_timeout: ${server.waitTimeoutSeconds.value}`);
  }
  lines.push(...metricsLines(server), ...clusterLines(server.cluster));
  return `${lines.join('\n')}\n`;
}

/** config.yaml's settings by dotted key (`listener.port`): what a plan compares, so comments and layout never count. */
export type ServerConfigSettings = Record<string, JsonValue>;

/**
 * The settings renderServerConfigYaml writes, as parsing its text gives them (a unit test holds the two together):
 * a plan compares them with the file on disk without a YAML parser.
 */
export function serverConfigSettings(server: ServerSettings): ServerConfigSettings {
  return {
    log_level: server.logLevel.value,
    'listener.host': server.host.value,
    'listener.port': server.port.value,
    'listener.max_connections': server.maxConnections.value,
    'listener.read_timeout_millis': server.readTimeoutMillis.value,
    'listener.write_timeout_millis': server.writeTimeoutMillis.value,
    data_dir: server.dataDir.value,
    'behavior.dolt_transaction_commit': false,
    'behavior.auto_gc_behavior.enable': true,
    'behavior.auto_gc_behavior.archive_level': 1,
    ...(server.waitTimeoutSeconds.value > 0 ? { 'system_variables.wait_timeout': server.waitTimeoutSeconds.value } : {}),
    ...(server.metrics === null ? {} : { 'metrics.host': server.metrics.host, 'metrics.port': server.metrics.port }),
    ...clusterSettings(server.cluster),
  };
}

function clusterSettings(cluster: ClusterSettings | null): ServerConfigSettings {
  if (cluster === null) return {};
  return {
    'cluster.standby_remotes': cluster.peers.map((peer) => ({ name: peer.name, remote_url_template: remoteUrlTemplate(peer.remotesapi) })),
    'cluster.bootstrap_role': cluster.bootstrapRole,
    'cluster.bootstrap_epoch': BOOTSTRAP_EPOCH,
    'cluster.remotesapi.address': cluster.remotesapi.host,
    'cluster.remotesapi.port': cluster.remotesapi.port,
  };
}

/** A parsed config.yaml flattened to dotted keys; null when it is not a map. */
export function flattenServerConfig(parsed: unknown): ServerConfigSettings | null {
  const isMap = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isMap(parsed)) return null;
  const flat: ServerConfigSettings = {};
  const walk = (value: Record<string, unknown>, prefix: string): void => {
    for (const [key, inner] of Object.entries(value)) {
      if (isMap(inner)) walk(inner, `${prefix}${key}.`);
      else flat[`${prefix}${key}`] = inner as JsonValue; // parsed YAML is plain JSON data (yaml-documents.ts checks)
    }
  };
  walk(parsed, '');
  return flat;
}
