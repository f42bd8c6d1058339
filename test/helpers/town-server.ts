import type { ServerSettings, Supervisor } from '../../src/config/desired.js';
import { isProcessAlive, terminateProcess } from '../../src/lib/process.js';
import { townPaths } from '../../src/lib/town-layout.js';
import { testSupervision } from './supervision.js';

/**
 * The server settings the resolver would produce for a town at `townRoot` on `port` (data dir `.dolt-data`, log
 * `daemon/dolt.log`, 127.0.0.1, root without password, supervised by gt or external), with `overrides` for the values a
 * test changes.
 */
export function townServerSettings(
  townRoot: string,
  port: number,
  overrides: Partial<{ logLevel: string; external: boolean; host: string; supervisor: Supervisor }> = {},
): ServerSettings {
  const given = <T>(value: T) => ({ value, source: 'test' });
  return {
    port: given(port),
    host: given(overrides.host ?? '127.0.0.1'),
    user: given('root'),
    password: given(''),
    dataDir: given(townPaths(townRoot).dataDir),
    rootPath: given(townPaths(townRoot).doltRoot),
    logFile: given(townPaths(townRoot).doltLog),
    logLevel: given(overrides.logLevel ?? 'warning'),
    maxConnections: given(1000),
    readTimeoutMillis: given(300_000),
    writeTimeoutMillis: given(300_000),
    waitTimeoutSeconds: given(30),
    external: given(overrides.external ?? false),
    supervisor: given(overrides.supervisor ?? (overrides.external === true ? 'external' : 'gt')),
    supervision: testSupervision(),
    metrics: null,
    cluster: null,
  };
}

/** Ends processes a test started, by pid: SIGTERM (and SIGCONT for a stopped one), SIGKILL if they linger. */
export async function killStarted(pids: Iterable<number>): Promise<void> {
  for (const pid of pids) if (isProcessAlive(pid)) await terminateProcess(pid, 10_000);
}
