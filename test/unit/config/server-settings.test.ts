import {
  checkOverriddenEnvironment,
  resolveServerSettings,
  resolveSupervisor,
  type ServerSettingsSources,
} from '../../../src/config/server-settings.js';
import { checkServerEnvironment } from '../../../src/config/server-env.js';

const TOWN = '/home/u/gt';

function resolve(overrides: Partial<ServerSettingsSources>) {
  return resolveServerSettings({
    townRoot: TOWN,
    daemon: {},
    env: {},
    serverConfigPort: null,
    daemonEnv: {},
    ...overrides,
  });
}

const supervised = (fields: Record<string, unknown>) => ({ patrols: { dolt_server: { enabled: true, ...fields } } });

describe('resolveServerSettings', () => {
  it("uses Gas Town's defaults and says so", () => {
    const s = resolve({});
    expect(s.port).toEqual({ value: 3307, source: 'default' });
    expect(s.host).toEqual({ value: '127.0.0.1', source: 'default' });
    expect(s.user).toEqual({ value: 'root', source: 'default' });
    expect(s.password).toEqual({ value: '', source: 'default' });
    expect(s.dataDir.value).toBe('/home/u/gt/.dolt-data');
    expect(s.logFile.value).toBe('/home/u/gt/daemon/dolt.log');
    expect(s.logLevel.value).toBe('warning');
    expect([
      s.maxConnections.value,
      s.readTimeoutMillis.value,
      s.writeTimeoutMillis.value,
      s.waitTimeoutSeconds.value,
    ]).toEqual([1000, 300000, 300000, 30]);
    expect(s.external).toEqual({ value: false, source: 'default' });
    expect(s.supervision).toEqual({
      restartDelayMs: 0,
      maxRestartDelayMs: 300_000,
      restartWindowMs: 600_000,
      maxRestartsInWindow: 5,
      healthyResetMs: 300_000,
      healthCheckIntervalMs: 30_000,
    });
  });

  it.each<[string, Partial<ServerSettingsSources>, number, string]>([
    ['config.yaml alone', { serverConfigPort: 3310 }, 3310, '.dolt-data/config.yaml listener.port'],
    ['the process env alone', { env: { GT_DOLT_PORT: '3313' } }, 3313, 'env GT_DOLT_PORT'],
    [
      'config.yaml over the process env (gt wrote it from the declared port)',
      { serverConfigPort: 3310, env: { GT_DOLT_PORT: '3313' } },
      3310,
      '.dolt-data/config.yaml listener.port',
    ],
    [
      'a supervised dolt_server.port over config.yaml',
      { serverConfigPort: 3310, daemon: supervised({ port: 3311 }) },
      3311,
      'mayor/daemon.json patrols.dolt_server.port',
    ],
    [
      'a dolt_server.port whose entry is disabled too (gt turns enabled off when it supervises)',
      { serverConfigPort: 3310, daemon: { patrols: { dolt_server: { enabled: false, port: 3311 } } } },
      3311,
      'mayor/daemon.json patrols.dolt_server.port',
    ],
    [
      'daemon.json env over dolt_server.port',
      { serverConfigPort: 3310, daemon: { ...supervised({ port: 3311 }), env: { GT_DOLT_PORT: '3312' } } },
      3312,
      'mayor/daemon.json env.GT_DOLT_PORT',
    ],
    [
      'daemon.json env over the process env',
      { serverConfigPort: 3310, daemon: { env: { GT_DOLT_PORT: '3312' } }, env: { GT_DOLT_PORT: '3313' } },
      3312,
      'mayor/daemon.json env.GT_DOLT_PORT',
    ],
    [
      'dolt_server.port over the process env',
      { daemon: { patrols: { dolt_server: { port: 3311 } } }, env: { GT_DOLT_PORT: '3313' } },
      3311,
      'mayor/daemon.json patrols.dolt_server.port',
    ],
    [
      'not an invalid process env value',
      { env: { GT_DOLT_PORT: 'nope' } },
      3307,
      'default',
    ],
  ])('port: %s', (_case, sources, value, source) => {
    expect(resolve(sources).port).toEqual({ value, source });
  });

  it('host: daemon.json env > dolt_server.host (enabled or not) > process env > default', () => {
    const shell = { GT_DOLT_HOST: '127.0.0.9' };
    expect(resolve({ env: shell }).host).toEqual({ value: '127.0.0.9', source: 'env GT_DOLT_HOST' });
    expect(resolve({ env: shell, daemon: { patrols: { dolt_server: { enabled: false, host: '10.0.0.5' } } } }).host).toEqual({
      value: '10.0.0.5',
      source: 'mayor/daemon.json patrols.dolt_server.host',
    });
    expect(resolve({ env: shell, daemon: { ...supervised({ host: '10.0.0.5' }), env: { GT_DOLT_HOST: '10.0.0.6' } } }).host).toEqual({
      value: '10.0.0.6',
      source: 'mayor/daemon.json env.GT_DOLT_HOST',
    });
  });

  it('user and password: process env > daemon.json env > dolt_server (enabled or not) > default', () => {
    const daemon = {
      patrols: { dolt_server: { enabled: false, user: 'gt', password: 'pw1' } },
      env: { GT_DOLT_USER: 'envuser' },
    };
    const s = resolve({ daemon, env: { GT_DOLT_PASSWORD: 'pw2' } });
    expect(s.user).toEqual({ value: 'envuser', source: 'mayor/daemon.json env.GT_DOLT_USER' });
    expect(s.password).toEqual({ value: 'pw2', source: 'env GT_DOLT_PASSWORD' });
    expect(resolve({ daemon: { patrols: { dolt_server: { user: 'gt' } } } }).user).toEqual({
      value: 'gt',
      source: 'mayor/daemon.json patrols.dolt_server.user',
    });
  });

  it('log level: process env > daemon.json env > daemon/daemon.env > warning', () => {
    expect(resolve({ daemonEnv: { GT_DOLT_LOGLEVEL: 'debug' } }).logLevel).toEqual({
      value: 'debug',
      source: 'daemon/daemon.env GT_DOLT_LOGLEVEL',
    });
    expect(
      resolve({ daemonEnv: { GT_DOLT_LOGLEVEL: 'debug' }, daemon: { env: { GT_DOLT_LOGLEVEL: 'info' } } }).logLevel
        .value,
    ).toBe('info');
    expect(
      resolve({ daemon: { env: { GT_DOLT_LOGLEVEL: 'info' } }, env: { GT_DOLT_LOGLEVEL: 'error' } }).logLevel.value,
    ).toBe('error');
  });

  it('wait_timeout: a negative value (disabled) is kept', () => {
    expect(resolve({ daemon: { env: { GT_DOLT_WAIT_TIMEOUT: '-1' } } }).waitTimeoutSeconds).toEqual({
      value: -1,
      source: 'mayor/daemon.json env.GT_DOLT_WAIT_TIMEOUT',
    });
  });

  it('external and supervision come from patrols.dolt_server, nanoseconds converted to ms, non-positive values to the fallbacks', () => {
    const s = resolve({
      daemon: supervised({
        external: true,
        restart_delay: 5_000_000_000,
        max_restart_delay: 0,
        restart_window: 120_000_000_000,
        max_restarts_in_window: -1,
        health_check_interval: 10_000_000_000,
      }),
    });
    expect(s.external).toEqual({ value: true, source: 'mayor/daemon.json patrols.dolt_server.external' });
    expect(s.supervision).toEqual({
      restartDelayMs: 5000,
      maxRestartDelayMs: 300_000,
      restartWindowMs: 120_000,
      maxRestartsInWindow: 5,
      healthyResetMs: 300_000,
      healthCheckIntervalMs: 10_000,
    });
  });
});

describe('checkServerEnvironment', () => {
  it('accepts valid values and reports each invalid one', () => {
    expect(
      checkServerEnvironment({
        GT_DOLT_PORT: '3308',
        GT_DOLT_LOGLEVEL: 'info',
        GT_DOLT_WAIT_TIMEOUT: '-1',
        PATH: '/bin',
      }),
    ).toEqual([]);
    expect(
      checkServerEnvironment({ GT_DOLT_PORT: '70000', GT_DOLT_WAIT_TIMEOUT: '30s' }).map((d) => [
        d.code,
        d.location.file,
      ]),
    ).toEqual([
      ['GT-E048', '$GT_DOLT_PORT'],
      ['GT-E048', '$GT_DOLT_WAIT_TIMEOUT'],
    ]);
  });
});

describe('resolveSupervisor', () => {
  const declared = { value: 'gastown' as const, source: 'mayor/rigs.d/town.yaml:5:17 spec.server.supervisor' };

  it('gt by default, the Town manifest when it declares one, external whenever daemon.json says so', () => {
    expect(resolveSupervisor(resolve({}), null)).toEqual({ value: 'gt', source: 'default' });
    expect(resolveSupervisor(resolve({}), declared)).toEqual(declared);
    const external = resolve({ daemon: { patrols: { dolt_server: { external: true } } } });
    expect(resolveSupervisor(external, declared)).toEqual({ value: 'external', source: 'mayor/daemon.json patrols.dolt_server.external' });
  });
});

describe('checkOverriddenEnvironment', () => {
  it('warns (GT-W067, at $NAME) when a declared source outranks a different $GT_DOLT_PORT or $GT_DOLT_HOST', () => {
    const env = { GT_DOLT_PORT: '13499', GT_DOLT_HOST: '127.0.0.9' };
    const server = resolve({ env, daemon: { env: { GT_DOLT_PORT: '13417', GT_DOLT_HOST: '127.0.0.1' } } });
    const found = checkOverriddenEnvironment(env, server);
    expect(found.map((d) => [d.code, d.severity, d.location.file])).toEqual([
      ['GT-W067', 'warning', '$GT_DOLT_PORT'],
      ['GT-W067', 'warning', '$GT_DOLT_HOST'],
    ]);
    expect(found[0]?.message).toBe(
      "GT_DOLT_PORT=13499 in gt's environment is not used: the town's port is 13417 (from mayor/daemon.json env.GT_DOLT_PORT), " +
        'and gt and Gas Town both use that; the variable counts only when no config file sets the port — unset it, or set ' +
        "env.GT_DOLT_PORT in mayor/daemon.json to move the town's server",
    );
  });

  it('is silent when the variable is unset, agrees, or is the source that won', () => {
    const declared = { daemon: { env: { GT_DOLT_PORT: '13417' } } };
    expect(checkOverriddenEnvironment({}, resolve(declared))).toEqual([]);
    expect(checkOverriddenEnvironment({ GT_DOLT_PORT: '13417' }, resolve({ ...declared, env: { GT_DOLT_PORT: '13417' } }))).toEqual([]);
    expect(checkOverriddenEnvironment({ GT_DOLT_PORT: '13499' }, resolve({ env: { GT_DOLT_PORT: '13499' } }))).toEqual([]);
  });
});
