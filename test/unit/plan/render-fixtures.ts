import { plan } from '../../../src/plan/plan.js';
import type { Plan } from '../../../src/plan/types.js';
import {
  NO_FLAGS,
  convergedObserved,
  daemonFile,
  desiredTown,
  decayCandidates,
  emptyObserved,
  hq,
  LIFECYCLE,
  observedLifecycle,
  missingDaemonFile,
  rig,
  servedAsDeclared,
  serverSettings,
  withServed,
} from './fixtures.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';

/** Plans of every shape the JSON renderers print, by name. */
export const secretRemote = 'https://dolt:s3cr3t@remotes.example/wyvern?access_token=t0k3n';

export const plans: Record<string, () => Plan> = {
  'an empty town': () => plan(desiredTown([hq()]), emptyObserved(3317, missingDaemonFile()), NO_FLAGS),
  'a converged town': () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    return plan(desired, convergedObserved(desired), NO_FLAGS);
  },
  'every kind of action': () => {
    const wyvern = rig('wyvern', { remotes: [{ name: 'origin', url: secretRemote }], ignore: ['wisps', 'wisp_*'] });
    const desired = desiredTown([hq(), wyvern, rig('gryphon'), rig('old', { ensure: 'absent' })]);
    let observed = { ...convergedObserved(desiredTown([hq()])), daemonConfig: daemonFile({ patrols: {} }) };
    observed = withServed(observed, {
      ...servedAsDeclared(wyvern),
      remotes: [{ name: 'origin', url: 'file:///old' }, { name: 'stray', url: 'file:///stray' }],
      ignore: [{ pattern: 'wisps', ignored: false }],
    });
    observed = withServed(observed, { name: 'old', remotes: [], ignore: [], beadsPrefix: null, unpushed: { commits: 0, dirty: false, detail: '' } });
    observed = withServed(observed, { name: 'scratch', remotes: [], ignore: [], beadsPrefix: null, unpushed: null });
    return plan(desired, { ...observed, serverConfig: 'absent' }, { prune: true, force: false });
  },
  'blocked drops and notes': () => {
    const desired = desiredTown([hq(), rig('wyvern'), rig('old', { ensure: 'absent', protect: true })]);
    return plan(desired, { ...emptyObserved(), onDisk: ['hq', 'wyvern', 'old'] }, NO_FLAGS);
  },
  "Gas Town's daemon supervises a stopped server": () => {
    const server = serverSettings({ supervisor: { value: 'gastown', source: 'mayor/rigs.d/town.yaml:5:17 spec.server.supervisor' } });
    const defaults = defaultDaemonConfig();
    const daemonConfig = daemonFile({ ...defaults, patrols: { ...(defaults.patrols as object), dolt_server: { enabled: false } } });
    const desired = desiredTown([hq()], { server, daemonConfig });
    return plan(desired, emptyObserved(3317, desired.daemonConfig), NO_FLAGS);
  },
  'gt supervises, and Gas Town\'s daemon would too': () => {
    const defaults = defaultDaemonConfig();
    const daemonConfig = daemonFile({ ...defaults, patrols: { ...(defaults.patrols as object), dolt_server: { enabled: true } } });
    const desired = desiredTown([hq()], { daemonConfig });
    return plan(desired, convergedObserved(desired), NO_FLAGS);
  },
  'lifecycle work': () => {
    const desired = desiredTown([hq({ lifecycle: LIFECYCLE, protect: true }), rig('wyvern', { lifecycle: LIFECYCLE })], {
      lifecycle: { declared: true, declaresDecay: true, declaresCompaction: true, executor: 'gt' },
    });
    const lifecycle = observedLifecycle({
      hq: { commits: 2417, decay: decayCandidates(0, 4, 9) },
      wyvern: { commits: 2417, decay: decayCandidates(18, 312, 1204) },
    });
    return plan(desired, { ...convergedObserved(desired), lifecycle }, NO_FLAGS);
  },
  'an imposter': () =>
    plan(desiredTown([hq()]), {
      ...emptyObserved(),
      server: { state: 'imposter', port: 3317, pid: 12, command: 'mysqld', reason: 'not dolt' },
    }, NO_FLAGS),
};
