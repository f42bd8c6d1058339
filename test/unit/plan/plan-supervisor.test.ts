import { createHash } from 'node:crypto';
import type { DesiredState, ServerSettings } from '../../../src/config/desired.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { plan } from '../../../src/plan/plan.js';
import { renderPlanText } from '../../../src/plan/render-text.js';
import type { Action, DaemonConfigSettingAction } from '../../../src/plan/types.js';
import { convergedObserved, daemonFile, desiredTown, emptyObserved, hq, NO_FLAGS, rig, serverSettings, TOWN } from './fixtures.js';

const DECLARED_AT = 'mayor/rigs.d/town.yaml:4:15 spec.server.supervisor';

function supervisedBy(value: 'gt' | 'gastown', overrides: Partial<ServerSettings> = {}): ServerSettings {
  return serverSettings({ supervisor: { value, source: value === 'gt' ? 'default' : DECLARED_AT }, ...overrides });
}

/** A town whose daemon.json has every lifecycle patrol and this dolt_server entry (undefined: none). */
function town(server: ServerSettings, doltServer?: Record<string, unknown> | null, extraPatrols: Record<string, unknown> = {}): DesiredState {
  const raw = defaultDaemonConfig();
  const patrols = raw.patrols as Record<string, unknown>;
  Object.assign(patrols, extraPatrols);
  if (doltServer !== undefined) patrols.dolt_server = doltServer;
  return desiredTown([hq(), rig('wyvern')], { server, daemonConfig: daemonFile(raw) });
}

const settingActions = (actions: Action[]): DaemonConfigSettingAction[] =>
  actions.filter((action): action is DaemonConfigSettingAction => action.kind === 'daemon-config' && action.verb !== 'write');

const COMPLETE_ENTRY = { port: 3317, data_dir: `${TOWN}/.dolt-data`, log_file: `${TOWN}/daemon/dolt.log` };

describe('one supervisor: gt supervises (the default)', () => {
  it('an enabled dolt_server entry is turned off, with the reason, so Gas Town\'s daemon stands down', () => {
    const desired = town(supervisedBy('gt'), { enabled: true, ...COMPLETE_ENTRY, custom_unknown: 1 });
    const result = plan(desired, convergedObserved(desired), NO_FLAGS);
    expect(result.actions.map((action) => action.id)).toEqual(['daemon-config/patrols.dolt_server.enabled']);
    const [action] = settingActions(result.actions);
    expect(action).toMatchObject({
      kind: 'daemon-config',
      verb: 'update',
      code: 'second-supervisor',
      path: ['patrols', 'dolt_server', 'enabled'],
      before: true,
      after: false,
      fileSha256: createHash('sha256').update(desired.daemonConfig.text ?? '').digest('hex'),
      destructive: false,
      needsRestart: false,
    });
    expect(action?.reason).toContain('both would rewrite .dolt-data/config.yaml from their own templates and restart the server');
    expect(renderPlanText(result, false)).toContain('  ~ update  daemon-config/patrols.dolt_server.enabled\n      true → false\n');
  });

  it("the reason says when Gas Town's remote pushes stop with it", () => {
    const desired = town(supervisedBy('gt'), { enabled: true, ...COMPLETE_ENTRY }, { dolt_remotes: { enabled: true } });
    const [action] = settingActions(plan(desired, convergedObserved(desired), NO_FLAGS).actions);
    expect(action?.reason).toContain("Gas Town's dolt_remotes patrol pushes only while it is on, so it stops pushing");
  });

  it.each([
    ['disabled', { enabled: false, ...COMPLETE_ENTRY }],
    ['without enabled', { port: 3317 }],
    ['null', null],
    ['absent', undefined],
  ])('an entry %s is left alone', (_case, entry) => {
    const desired = town(supervisedBy('gt'), entry);
    expect(plan(desired, convergedObserved(desired), NO_FLAGS).actions).toEqual([]);
  });
});

describe("one supervisor: Gas Town's daemon supervises (spec.server.supervisor: gastown)", () => {
  it('turns the entry on and gives it what Gas Town\'s daemon needs; never plans the server; says so in a note', () => {
    const desired = town(supervisedBy('gastown'), { enabled: false, restart_delay: 5_000_000_000 });
    const observed = { ...convergedObserved(desired), serverConfig: 'absent' as const };
    const result = plan(desired, observed, NO_FLAGS);
    expect(result.actions.map((action) => [action.id, action.verb, action.before, action.after])).toEqual([
      ['daemon-config/patrols.dolt_server.enabled', 'update', false, true],
      ['daemon-config/patrols.dolt_server.port', 'create', null, 3317],
      ['daemon-config/patrols.dolt_server.data_dir', 'create', null, `${TOWN}/.dolt-data`],
      ['daemon-config/patrols.dolt_server.log_file', 'create', null, `${TOWN}/daemon/dolt.log`],
    ]);
    expect(settingActions(result.actions).map((action) => action.code)).toEqual([
      'supervisor-disabled',
      'supervisor-setting',
      'supervisor-setting',
      'supervisor-setting',
    ]);
    expect(result.actions[0]?.reason).toContain(`Gas Town's daemon supervises the server (supervisor from ${DECLARED_AT})`);
    expect(result.notes).toContain(
      `Gas Town's daemon supervises the server (supervisor from ${DECLARED_AT}): gt never starts, stops or restarts it and ` +
        'does not write .dolt-data/config.yaml; gt converges the databases while it runs',
    );
  });

  it("moves dolt_server.port and data_dir to the town's when they differ", () => {
    const desired = town(supervisedBy('gastown'), { ...COMPLETE_ENTRY, enabled: true, port: 4400, data_dir: '/elsewhere' });
    const result = plan(desired, convergedObserved(desired), NO_FLAGS);
    expect(result.actions.map((action) => [action.id, action.verb, action.before, action.after])).toEqual([
      ['daemon-config/patrols.dolt_server.port', 'update', 4400, 3317],
      ['daemon-config/patrols.dolt_server.data_dir', 'update', '/elsewhere', `${TOWN}/.dolt-data`],
    ]);
  });

  it('a complete, enabled entry and a running server: only the databases are planned', () => {
    const desired = town(supervisedBy('gastown'), { enabled: true, ...COMPLETE_ENTRY });
    const observed = convergedObserved(desired);
    const wyvernGone = { ...observed, databases: observed.databases?.filter((db) => db.name !== 'wyvern') ?? null, onDisk: ['hq'] };
    expect(plan(desired, wyvernGone, NO_FLAGS).actions.map((action) => action.id)).toEqual([
      'database/wyvern',
      'remote/wyvern/origin',
      'ignore/wyvern/wisps',
      'beads/wyvern',
    ]);
  });

  it("a stopped server is not started: the start is blocked with what to do, only daemon.json and Gas Town's files are planned", () => {
    const desired = town(supervisedBy('gastown'), { enabled: false, ...COMPLETE_ENTRY });
    const result = plan(desired, emptyObserved(3317, desired.daemonConfig), NO_FLAGS);
    expect(result.errors).toEqual([]);
    expect(result.actions.filter((action) => action.kind !== 'town-file').map((action) => action.id)).toEqual([
      'daemon-config/patrols.dolt_server.enabled',
    ]);
    expect(result.blocked).toEqual([
      expect.objectContaining({ id: 'server', verb: 'start', code: 'supervised-by-gastown' }),
    ]);
    expect(result.blocked[0]?.reason).toContain('nothing serves this town on 127.0.0.1:3317');
    expect(result.blocked[0]?.hint).toContain("start Gas Town's daemon");
  });

  it('a hung server is not restarted, and config.yaml in Gas Town\'s template is no reason to restart', () => {
    const desired = town(supervisedBy('gastown'), { enabled: true, ...COMPLETE_ENTRY });
    const hung = { ...convergedObserved(desired), server: { state: 'unhealthy' as const, port: 3317, pid: 7, reason: 'timeout' } };
    const blocked = plan(desired, hung, NO_FLAGS);
    expect(blocked.actions).toEqual([]);
    expect(blocked.blocked).toEqual([expect.objectContaining({ id: 'server', verb: 'restart', code: 'supervised-by-gastown' })]);
    const otherTemplate = { ...convergedObserved(desired), serverConfig: { settings: { log_level: 'info', 'listener.port': 3317 } } };
    expect(plan(desired, otherTemplate, NO_FLAGS).actions).toEqual([]);
  });

  it('an incomplete directory is blocked, and an unserved database noted: only the supervisor restarts the server', () => {
    const converged = town(supervisedBy('gastown'), { enabled: true, ...COMPLETE_ENTRY });
    const observed = convergedObserved(converged);
    const desired = { ...converged, databases: [...converged.databases, rig('gryphon')] };
    const result = plan(
      desired,
      { ...observed, databases: observed.databases?.filter((db) => db.name !== 'wyvern') ?? null, incomplete: ['gryphon'] },
      NO_FLAGS,
    );
    // gryphon's Gas Town files are written all the same: they do not need the server
    expect(result.actions.filter((action) => action.kind !== 'town-file')).toEqual([]);
    expect(result.blocked).toEqual([expect.objectContaining({ id: 'database/gryphon', code: 'incomplete-directory' })]);
    expect(result.blocked[0]?.reason).toContain("gt never restarts the server Gas Town's daemon supervises to move it aside");
    expect(result.notes).toContain("wyvern is on disk but not served, and gt never restarts the server Gas Town's daemon supervises: the next restart loads it");
  });
});

describe('one supervisor: external', () => {
  it('external wins over a declared supervisor: daemon.json is left as it is', () => {
    const external = serverSettings({ external: { value: true, source: 'mayor/daemon.json patrols.dolt_server.external' } });
    for (const entry of [{ enabled: true, external: true }, { enabled: false, external: true }]) {
      const desired = town(external, entry);
      expect(plan(desired, convergedObserved(desired), NO_FLAGS).actions).toEqual([]);
    }
  });
});
