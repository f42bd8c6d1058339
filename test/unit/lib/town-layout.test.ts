import { townPaths } from '../../../src/lib/town-layout.js';

describe('townPaths', () => {
  test("names Gas Town's files where Gas Town keeps them, and gt's own beside them under daemon/", () => {
    const paths = townPaths('/towns/gt');
    expect(paths).toEqual({
      root: '/towns/gt',
      mayorDir: '/towns/gt/mayor',
      daemonJson: '/towns/gt/mayor/daemon.json',
      townJson: '/towns/gt/mayor/town.json',
      rigsDir: '/towns/gt/mayor/rigs.d',
      settingsJson: '/towns/gt/settings/config.json',
      daemonDir: '/towns/gt/daemon',
      daemonEnvFile: '/towns/gt/daemon/daemon.env',
      dataDir: '/towns/gt/.dolt-data',
      serverConfigYaml: '/towns/gt/.dolt-data/config.yaml',
      doltRoot: '/towns/gt/.dolt-root',
      doltPid: '/towns/gt/daemon/dolt.pid',
      doltState: '/towns/gt/daemon/dolt-state.json',
      doltLog: '/towns/gt/daemon/dolt.log',
      applierLock: '/towns/gt/daemon/gt.lock',
      reconcilerPid: '/towns/gt/daemon/gt-reconciler.pid',
      reconcilerLog: '/towns/gt/daemon/gt-reconciler.log',
      reconcilerStatus: '/towns/gt/daemon/gt-reconciler-status.json',
      reconcilerStderr: '/towns/gt/daemon/gt-reconciler.stderr',
    });
  });
});
