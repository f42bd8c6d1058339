import { resolveServerSettings, type ServerSettingsSources } from '../../../src/config/server-settings.js';
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
    [
      'a supervised dolt_server.port over config.yaml',
      { serverConfigPort: 3310, daemon: supervised({ port: 3311 }) },
      3311,
      'mayor/daemon.json patrols.dolt_server.port',
    ],
    [
      'not an unsupervised dolt_server.port',
      { serverConfigPort: 3310, daemon: { patrols: { dolt_server: { enabled: false, port: 3311 } } } },
      3310,
      '.dolt-data/config.yaml listener.port',
    ],
    [
      'daemon.json env over dolt_server.port',
      { serverConfigPort: 3310, daemon: { ...supervised({ port: 3311 }), env: { GT_DOLT_PORT: '3312' } } },
      3312,
      'mayor/daemon.json env.GT_DOLT_PORT',
    ],
    [
      'the process env over everything',
      { serverConfigPort: 3310, daemon: { env: { GT_DOLT_PORT: '3312' } }, env: { GT_DOLT_PORT: '3313' } },
      3313,
      'env GT_DOLT_PORT',
    ],
    [
      'not an invalid process env value',
      { daemon: { env: { GT_DOLT_PORT: '3312' } }, env: { GT_DOLT_PORT: 'nope' } },
      3312,
      'mayor/daemon.json env.GT_DOLT_PORT',
    ],
  ])('port: %s', (_case, sources, value, source) => {
    expect(resolve(sources).port).toEqual({ value, source });
  });

  it('host, user and password: process env > daemon.json env > supervised dolt_server > default', () => {
    const daemon = {
      ...supervised({ host: '10.0.0.5', user: 'gt', password: 'pw1' }),
      env: { GT_DOLT_USER: 'envuser' },
    };
    const s = resolve({ daemon, env: { GT_DOLT_PASSWORD: 'pw2' } });
    expect(s.host).toEqual({ value: '10.0.0.5', source: 'mayor/daemon.json patrols.dolt_server.host' });
    expect(s.user).toEqual({ value: 'envuser', source: 'mayor/daemon.json env.GT_DOLT_USER' });
    expect(s.password).toEqual({ value: 'pw2', source: 'env GT_DOLT_PASSWORD' });
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
