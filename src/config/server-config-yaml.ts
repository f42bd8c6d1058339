import type { ServerSettings } from './desired.js';

/**
 * The managed `<data_dir>/config.yaml` for `dolt sql-server --config`. Dolt parses it strictly (an unknown key is a
 * startup error), so only keys Dolt 2.x accepts appear. Paths are absolute: a relative data_dir would resolve
 * against the process CWD. Pure, so a plan can compare it with the file on disk to detect a needed restart.
 */
export function renderServerConfigYaml(server: ServerSettings): string {
  const lines = [
    '# Dolt SQL server configuration — managed by gt (the Gas Town reconciler).',
    '# Do not edit: gt apply rewrites it from mayor/daemon.json and restarts the server when it changes.',
    `log_level: ${server.logLevel.value}`,
    '',
    'listener:',
    `  host: ${server.host.value}`,
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
  return `${lines.join('\n')}\n`;
}
