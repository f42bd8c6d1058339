import type { DesiredState } from '../../../src/config/desired.js';
import type { ObservedCluster, ObservedState } from '../../../src/observe/observed.js';
import { plan } from '../../../src/plan/plan.js';
import {
  clusterSettings,
  convergedObserved,
  decayCandidates,
  desiredTown,
  emptyObserved,
  hq,
  LIFECYCLE,
  NO_FLAGS,
  observedLifecycle,
  observedServerConfig,
  rig,
  serverSettings,
  TOWN,
  withServed,
} from './fixtures.js';
import { renderServerConfigYaml } from '../../../src/config/server-config-yaml.js';

function replicatedTown(role: 'primary' | 'standby' = 'primary', databases = [hq(), rig('wyvern')]): DesiredState {
  return desiredTown(databases, { server: serverSettings({ cluster: clusterSettings({ bootstrapRole: role }) }) });
}

function asCluster(role: string, epoch = 1): ObservedCluster {
  return { state: 'observed', role, epoch, replicas: [] };
}

/** The converged town with the cluster reporting `role`, and wyvern not (yet) there, nor in the server's state file. */
function withoutWyvern(desired: DesiredState, role: string): ObservedState {
  const observed = convergedObserved(desired);
  const files = observed.townFiles;
  const state = files?.serverState;
  const serverState = typeof state === 'object' ? { content: { ...state.content, databases: ['hq'] } } : state;
  return {
    ...observed,
    cluster: asCluster(role, 2),
    databases: observed.databases?.filter((db) => db.name !== 'wyvern') ?? null,
    onDisk: observed.onDisk.filter((name) => name !== 'wyvern'),
    townFiles: files === null || serverState === undefined ? files : { ...files, serverState },
  };
}

describe('plan: cluster replication', () => {
  it('a converged primary plans nothing, and the remote Dolt adds for each peer is not "undeclared"', () => {
    const desired = replicatedTown('primary');
    const converged = convergedObserved(desired);
    const wyvern = converged.databases?.find((db) => db.name === 'wyvern');
    if (wyvern === undefined) throw new Error('fixture');
    const observed = withServed(
      { ...converged, cluster: asCluster('primary') },
      { ...wyvern, remotes: [...wyvern.remotes, { name: 'standby1', url: 'http://127.0.0.1:50052/wyvern' }] },
    );
    expect(plan(desired, observed, NO_FLAGS)).toMatchObject({ actions: [], blocked: [], errors: [] });
  });

  it('on a standby, database creation, ignore commits and bd init are blocked, each saying where it happens; remotes wait for the primary role', () => {
    const desired = replicatedTown('standby', [hq({ remotes: [{ name: 'origin', url: 'file:///srv/r/hq' }], ignore: ['wisps'] }), rig('wyvern')]);
    const observed = withoutWyvern(desired, 'standby');
    const result = plan(desired, withServed(observed, { name: 'hq', remotes: [], ignore: [], beadsPrefix: 'hq', unpushed: null }), NO_FLAGS);
    expect(result.actions).toEqual([]);
    expect(result.blocked.map(({ id, code }) => [id, code])).toEqual([
      ['database/wyvern', 'standby'],
      ['ignore/hq/wisps', 'standby'],
      ['ignore/wyvern/wisps', 'standby'],
      ['beads/wyvern', 'standby'],
    ]);
    const [create, ignore] = result.blocked;
    expect(result.blocked[3]?.reason).toContain("read-only: bd init runs against the primary, and bd's tables replicate here");
    expect(create?.reason).toBe('this server is a cluster standby (epoch 2, role from the server), read-only: the primary creates it, and it replicates here');
    expect(create?.hint).toBe("run gt apply in the primary's town: this town converges as it replicates");
    expect(ignore?.reason).toContain("the primary's apply commits it to dolt_ignore");
    expect(result.notes).toContain(
      "remote/hq/origin, remote/wyvern/origin: remotes and backups are each server's own and a standby refuses to change them; gt converges them once this server is the primary",
    );
    expect(result.notes).toContainEqual(expect.stringContaining('gt diff compares what has replicated with the manifests'));
  });

  it('on a standby, server settings still converge: a metrics endpoint added restarts it', () => {
    const before = replicatedTown('standby');
    const desired = { ...before, server: { ...before.server, metrics: { host: '127.0.0.1', port: 9309 } } };
    const observed = { ...convergedObserved(before), cluster: asCluster('standby') };
    const [restart] = plan(desired, observed, NO_FLAGS).actions;
    expect(restart).toMatchObject({
      kind: 'server',
      code: 'server-config-changed',
      before: { 'metrics.host': null, 'metrics.port': null },
      after: { 'metrics.host': '127.0.0.1', 'metrics.port': 9309 },
    });
  });

  it('a server that saw another primary at its epoch (detected_broken_config) is read-only like a standby', () => {
    const desired = replicatedTown('primary');
    const result = plan(desired, withoutWyvern(desired, 'detected_broken_config'), NO_FLAGS);
    expect(result.actions).toEqual([]);
    expect(result.blocked.map((b) => b.id)).toEqual(['database/wyvern', 'ignore/wyvern/wisps', 'beads/wyvern']);
    expect(result.blocked[0]?.reason).toContain('reports detected_broken_config');
  });

  it('a stopped server takes the role Dolt persisted in its root over the bootstrap role', () => {
    const desired = replicatedTown('primary');
    const stopped = emptyObserved();
    const persisted = { ...stopped, serverRoot: { ...stopped.serverRoot, persistedRole: { role: 'standby' as const, epoch: 3 } } };
    const result = plan(desired, persisted, NO_FLAGS);
    // Gas Town's files are the town's own: they converge on a standby too
    const townFiles = ['file/mayor/town.json', 'file/mayor/rigs.json', 'file/.beads/metadata.json', 'file/wyvern/config.json', 'file/wyvern/.beads/metadata.json', 'file/.beads/routes.jsonl'];
    expect(result.actions.map((action) => action.id)).toEqual(['server', ...townFiles]);
    expect(result.blocked.map((b) => b.id)).toEqual(['database/hq', 'database/wyvern', 'ignore/wyvern/wisps', 'beads/hq', 'beads/wyvern']);
    expect(result.blocked[0]?.reason).toContain("epoch 3, role from the server's root");
    const bootstrap = plan(desired, stopped, NO_FLAGS);
    expect(bootstrap.actions.map((action) => action.id)).toEqual([
      'server',
      'database/hq',
      'database/wyvern',
      'remote/wyvern/origin',
      'ignore/wyvern/wisps',
      ...townFiles,
      'file/daemon/dolt-state.json',
      'beads/hq',
      'beads/wyvern',
    ]);
  });

  it('a fresh standby town starts its server and waits for the primary for its databases', () => {
    const result = plan(replicatedTown('standby', [hq()]), emptyObserved(), NO_FLAGS);
    expect(result.actions.map((action) => action.id)).toEqual(['server', 'file/mayor/town.json', 'file/mayor/rigs.json', 'file/.beads/metadata.json', 'file/.beads/routes.jsonl']);
    const standby = 'this server is a cluster standby (epoch 1, role from the bootstrap role declared at mayor/rigs.d/town.yaml:6:3), read-only: ';
    expect(result.blocked.map((b) => b.reason)).toEqual([
      `${standby}the primary creates it, and it replicates here`,
      `${standby}bd init runs against the primary, and bd's tables replicate here`,
    ]);
  });

  it('a server that would join as a standby for the first time while it holds databases waits for --force', () => {
    const before = desiredTown([hq()]);
    const desired = replicatedTown('standby', [hq()]);
    const observed = { ...convergedObserved(before), cluster: { state: 'not-configured' as const } };
    const result = plan(desired, observed, NO_FLAGS);
    expect(result.actions).toEqual([]);
    expect(result.blocked).toEqual([
      expect.objectContaining({ id: 'server', verb: 'restart', code: 'standby-holds-databases', hint: expect.stringContaining('or pass --force') }),
    ]);
    expect(result.blocked[0]?.reason).toContain("it holds hq: the primary's replication would replace their content");
    expect(plan(desired, observed, { prune: false, force: true }).actions).toEqual([expect.objectContaining({ id: 'server', verb: 'restart' })]);
  });

  it('on a standby, due decay and compaction are blocked: they run on the primary, and what they change replicates', () => {
    const lifecycle = { declared: true, declaresDecay: true, declaresCompaction: true, executor: 'gt' as const };
    const databases = [hq(), rig('wyvern', { lifecycle: LIFECYCLE })];
    const facts = { wyvern: { commits: 2417, decay: decayCandidates(18, 312, 1204) } };
    const planFor = (role: 'primary' | 'standby') => {
      const desired = { ...replicatedTown(role, databases), lifecycle };
      return plan(desired, { ...convergedObserved(desired), cluster: asCluster(role, 2), lifecycle: observedLifecycle(facts) }, NO_FLAGS);
    };
    const work = (ids: readonly string[]) => ids.filter((id) => id.startsWith('decay/') || id.startsWith('compaction/'));
    expect(work(planFor('primary').actions.map((action) => action.id))).toEqual(['decay/wyvern', 'compaction/wyvern']);
    const standby = planFor('standby');
    expect(work(standby.actions.map((action) => action.id))).toEqual([]);
    expect(standby.blocked.map(({ id, code, hint }) => [id, code, hint])).toEqual([
      ['decay/wyvern', 'standby', "run gt apply in the primary's town: this town converges as it replicates"],
      ['compaction/wyvern', 'standby', "run gt apply in the primary's town: this town converges as it replicates"],
    ]);
    expect(standby.blocked[0]?.reason).toBe(
      'this server is a cluster standby (epoch 2, role from the server), read-only: lifecycle work runs on the primary, and what it changes replicates here',
    );
  });

  it('a start or restart that another process would keep from binding its metrics port is blocked', () => {
    const desired = replicatedTown('primary');
    const observed = { ...emptyObserved(), portConflicts: [{ setting: 'spec.server.metrics.port', port: 9309, pid: 77, command: 'python3 -m http.server 9309' }] };
    const result = plan(desired, observed, NO_FLAGS);
    expect(result.actions.map((action) => action.kind)).not.toContain('server');
    expect(result.blocked[0]).toEqual({
      id: 'server',
      verb: 'start',
      code: 'port-in-use',
      reason: "spec.server.metrics.port 9309 is held by pid 77 (python3 -m http.server 9309), which is not this town's server: Dolt would not start",
      hint: 'stop that process, or declare another port in spec.server.metrics.port',
    });
  });
});

describe("plan: the server's own DOLT_ROOT_PATH", () => {
  it('a server running with the shared root restarts with its own, the plan saying what is copied and linked', () => {
    const desired = desiredTown([hq()]);
    const observed: ObservedState = {
      ...convergedObserved(desired),
      serverRoot: {
        running: '/home/mayor',
        initialized: false,
        seed: { from: '/home/mayor', settings: ['sqlserver.global.max_connections', 'user.email', 'user.name'], credentials: true },
        persistedRole: null,
      },
    };
    const [restart] = plan(desired, observed, NO_FLAGS).actions;
    expect(restart).toMatchObject({
      kind: 'server',
      verb: 'restart',
      code: 'server-config-changed',
      before: { 'env.DOLT_ROOT_PATH': '/home/mayor' },
      after: { 'env.DOLT_ROOT_PATH': `${TOWN}/.dolt-root` },
    });
    expect(restart?.reason).toBe(
      'the server runs with DOLT_ROOT_PATH /home/mayor, whose global config and credentials every dolt of that account shares; ' +
        "gt gives it its own, .dolt-root: apply creates the server's own root .dolt-root (DOLT_ROOT_PATH): it copies " +
        'sqlserver.global.max_connections, user.email, user.name from /home/mayor/.dolt/config_global.json (never a cluster ' +
        "role, epoch or server uuid: those are one server's), and links .dolt/creds to /home/mayor/.dolt/creds so that " +
        'pushes to DoltHub keep their credentials',
    );
  });

  it('a first start says how it seeds the root; a server whose root gt cannot read is not restarted for it', () => {
    const desired = desiredTown([hq()]);
    const fresh = emptyObserved();
    const seeded = { ...fresh, serverRoot: { ...fresh.serverRoot, initialized: false, seed: { from: '/home/mayor', settings: [], credentials: false } } };
    expect(plan(desired, seeded, NO_FLAGS).actions[0]?.reason).toContain(
      "apply creates the server's own root .dolt-root (DOLT_ROOT_PATH): /home/mayor has no global settings to copy",
    );
    const unreadable = { ...convergedObserved(desired), serverRoot: { running: null, initialized: true, seed: null, persistedRole: null } };
    expect(plan(desired, unreadable, NO_FLAGS).actions).toEqual([]);
  });

  it('the config.yaml gt writes holds the metrics and cluster sections it compares', () => {
    const desired = replicatedTown('primary');
    const text = renderServerConfigYaml({ ...desired.server, metrics: { host: '127.0.0.1', port: 9309 } });
    const observed = { ...convergedObserved(desired), serverConfig: observedServerConfig(text), cluster: asCluster('primary') };
    const [restart] = plan(desired, observed, NO_FLAGS).actions;
    expect(restart).toMatchObject({ code: 'server-config-changed', before: { 'metrics.port': 9309 }, after: { 'metrics.port': null } });
  });
});
