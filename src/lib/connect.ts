import mysql from 'mysql2/promise';

/**
 * What a connection needs of the server settings: the address and credentials, each as a resolved value. Declared
 * here, not imported from config (lib imports nothing above it); config's ServerSettings has these fields.
 */
export interface ConnectionSettings {
  host: { value: string };
  port: { value: number };
  user: { value: string };
  password: { value: string };
}

/** A listen address that means every address of the machine. */
export function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** The address clients dial: a wildcard listen address is reached over loopback (never "localhost": ::1 is refused). */
export function clientHost(settings: Pick<ConnectionSettings, 'host'>): string {
  const host = settings.host.value;
  return host === '' || isWildcardAddress(host) || host === 'localhost' ? '127.0.0.1' : host;
}

/**
 * The settings with another address to dial: the one a running server was found at (ObservedServer `host` and
 * `port`), which differs from the configured one until the restart that applies a new listen host or port.
 */
export function withAddress<S extends ConnectionSettings>(settings: S, host: string, port: number = settings.port.value): S {
  if (host === clientHost(settings) && port === settings.port.value) return settings;
  return { ...settings, host: { ...settings.host, value: host }, port: { ...settings.port, value: port } };
}

/** One mysql2 connection to the town's server with the resolver's credentials. */
export function connectToServer(
  settings: ConnectionSettings,
  options: { database?: string; timeoutMs?: number; multipleStatements?: boolean } = {},
): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: clientHost(settings),
    port: settings.port.value,
    user: settings.user.value,
    password: settings.password.value,
    database: options.database,
    timezone: 'Z',
    connectTimeout: options.timeoutMs ?? 5000,
    multipleStatements: options.multipleStatements ?? false,
  });
}

/**
 * Drops a connection at once. mysql2's destroy() only half-closes the socket (sends FIN), which a hung server never
 * acknowledges: the open socket would keep gt's process alive, and its applier lock held, forever.
 */
export function dropConnection(connection: mysql.Connection): void {
  const socket = (connection as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream;
  connection.destroy();
  socket?.destroy?.();
}
