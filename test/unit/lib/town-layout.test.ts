import { beadsFiles, rigPaths, townPaths } from '../../../src/lib/town-layout.js';

describe('townPaths', () => {
  test("names Gas Town's files where Gas Town keeps them, and gt's own beside them under daemon/", () => {
    const paths = townPaths('/towns/gt');
    expect(paths).toEqual({
      root: '/towns/gt',
      mayorDir: '/towns/gt/mayor',
      daemonJson: '/towns/gt/mayor/daemon.json',
      townJson: '/towns/gt/mayor/town.json',
      rigsJson: '/towns/gt/mayor/rigs.json',
      townBeadsDir: '/towns/gt/.beads',
      routesJsonl: '/towns/gt/.beads/routes.jsonl',
      dataDirPortFile: '/towns/gt/.dolt-data/.beads/dolt-server.port',
      daemonPortFile: '/towns/gt/daemon/dolt.port',
      rigsDir: '/towns/gt/mayor/rigs.d',
      settingsJson: '/towns/gt/settings/config.json',
      daemonDir: '/towns/gt/daemon',
      daemonEnvFile: '/towns/gt/daemon/daemon.env',
      dataDir: '/towns/gt/.dolt-data',
      serverConfigYaml: '/towns/gt/.dolt-data/config.yaml',
      doltRoot: '/towns/gt/.dolt-root',
      restorePointsDir: '/towns/gt/.gt-restore-points',
      doltPid: '/towns/gt/daemon/dolt.pid',
      doltState: '/towns/gt/daemon/dolt-state.json',
      doltLog: '/towns/gt/daemon/dolt.log',
      applierLock: '/towns/gt/daemon/gt.lock',
      reconcilerPid: '/towns/gt/daemon/gt-reconciler.pid',
      reconcilerLog: '/towns/gt/daemon/gt-reconciler.log',
      reconcilerStatus: '/towns/gt/daemon/gt-reconciler-status.json',
      reconcilerStderr: '/towns/gt/daemon/gt-reconciler.stderr',
      lifecycleState: '/towns/gt/daemon/gt-lifecycle-state.json',
      historyFactsCache: '/towns/gt/daemon/gt-history-facts.json',
      rootFactsCache: '/towns/gt/daemon/gt-root-facts.json',
      syncState: '/towns/gt/daemon/gt-sync-state.json',
      compactionDivergence: '/towns/gt/daemon/gt-compaction-divergence.json',
      ledgerState: '/towns/gt/daemon/gt-ledger-state.json',
    });
  });

  test("a rig's files and a beads directory's, where Gas Town and bd keep them", () => {
    expect(rigPaths('/towns/gt', 'alpha')).toEqual({
      dir: '/towns/gt/alpha',
      configJson: '/towns/gt/alpha/config.json',
      beadsDir: '/towns/gt/alpha/.beads',
      mayorCloneBeadsDir: '/towns/gt/alpha/mayor/rig/.beads',
    });
    expect(beadsFiles('/towns/gt/.beads')).toEqual({
      dir: '/towns/gt/.beads',
      metadataJson: '/towns/gt/.beads/metadata.json',
      portFile: '/towns/gt/.beads/dolt-server.port',
      pidFile: '/towns/gt/.beads/dolt-server.pid',
    });
  });
});
