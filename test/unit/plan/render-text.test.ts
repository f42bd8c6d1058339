import { renderServerConfigYaml } from '../../../src/config/server-config-yaml.js';
import { plan } from '../../../src/plan/plan.js';
import { renderPlanText } from '../../../src/plan/render-text.js';
import {
  NO_FLAGS,
  convergedObserved,
  daemonFile,
  desiredTown,
  emptyObserved,
  hq,
  observedServerConfig,
  rig,
  servedAsDeclared,
  serverSettings,
  withServed,
} from './fixtures.js';

const ESC = '\u001b[';

/** A town with one of each: a patrol to fill, a config change, a missing rig, a changed URL, a drop, an unmanaged db. */
function busyTown(prune: boolean) {
  const wyvern = rig('wyvern', { remotes: [{ name: 'origin', url: 'https://dolt:s3cr3t@remotes.example/wyvern?token=t0k3n' }] });
  const desired = desiredTown([hq(), wyvern, rig('gryphon'), rig('old', { ensure: 'absent' })]);
  let observed = {
    ...convergedObserved(desiredTown([hq(), wyvern])),
    daemonConfig: daemonFile({ patrols: { handler: { enabled: true } } }),
  };
  observed = withServed(observed, { ...servedAsDeclared(wyvern), remotes: [{ name: 'origin', url: 'file:///srv/old/wyvern' }] });
  observed = withServed(observed, { name: 'old', remotes: [], ignore: [], beadsPrefix: null, unpushed: { commits: 0, dirty: false, detail: '' } });
  observed = withServed(observed, { name: 'scratch', remotes: [], ignore: [], beadsPrefix: null, unpushed: null });
  observed = { ...observed, serverConfig: observedServerConfig(renderServerConfigYaml(serverSettings({ logLevel: { value: 'debug', source: 'default' } }))) };
  return plan(desired, observed, { prune, force: false });
}

describe('renderPlanText', () => {
  test('shows each action with its symbol, verb, id, flags, values and reason, then the summary', () => {
    const text = renderPlanText(busyTown(true), false);
    const lines = text.split('\n');

    expect(lines).toContain('  + write   daemon-config/patrols.dolt_backup');
    expect(lines).toContain('      { enabled: true, interval: "15m" }');
    expect(lines).toContain('  ~ restart server  [needs restart]');
    expect(lines).toContain('      log_level: "debug" → "info"');
    expect(lines).toContain('  + create  database/gryphon');
    expect(lines).toContain('  - delete  database/old  [destructive]');
    expect(text).toContain("CALL dolt_undrop('old')");
    expect(lines).toContain('  ~ update  remote/wyvern/origin');
    expect(lines).toContain('      "file:///srv/old/wyvern" → "https://dolt:***@remotes.example/wyvern?token=***"');
    expect(text).toMatch(/ {6}# URL differs from mayor\/rigs\.d\/wyvern\.yaml:1:1; Dolt has no set-url/);
    expect(lines).toContain('Unmanaged databases: they exist, but no config declares them; gt never touches them:');
    expect(lines).toContain('  scratch');
    // Gas Town's files: a new one field by field, an edit by the fields it changes
    expect(lines).toContain('  + create  file/gryphon/config.json');
    expect(lines).toContain('      type: (none) → "rig"');
    expect(lines).toContain('      beads: (none) → { prefix: "gr" }');
    expect(lines).toContain('  ~ update  file/mayor/rigs.json');
    expect(lines).toContain('      rigs.gryphon: (none) → { git_url: "", added_at: "2026-12-03T14:00:00.000Z", beads: { repo: "local", prefix: "gr" } }');
    expect(lines).toContain('      databases: ["hq", "old", "scratch", "wyvern"] → ["gryphon", "hq", "scratch", "wyvern"]');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 14 to create, 5 to update, 1 to delete.');
    expect(lines).toContain('  + create  beads/gryphon');
    expect(lines).toContain('      { issue_prefix: "gr", directory: "gryphon/.beads" }');
    expect(text).toMatch(/ {6}# declared in mayor\/rigs\.d\/gryphon\.yaml:1:1; bd has not initialized it \(no issue_prefix\): bd 1\.0\.0 runs init and 2 config set calls in gryphon,/);
  });

  test('order on screen is the order of execution', () => {
    const text = renderPlanText(busyTown(true), false);
    const positions = ['daemon-config/', '~ restart server', 'database/gryphon', 'database/old', 'remote/wyvern/origin', 'ignore/gryphon/wisps', 'file/mayor/rigs.json', 'beads/gryphon'].map(
      (needle) => text.indexOf(needle),
    );
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('secrets in remote URLs never reach the output', () => {
    const text = renderPlanText(busyTown(true), false);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('t0k3n');
  });

  test('blocked changes show each cause with what to do about it', () => {
    const text = renderPlanText(busyTown(false), false);
    expect(text).toContain('Blocked: the config asks for these, but gt will not make them under the current flags:');
    expect(text).toContain('  ! delete  database/old\n      # ensure: absent (mayor/rigs.d/old.yaml:1:1), but drops happen only with --prune\n      → pass --prune');
    expect(text).not.toContain('- delete  database/old');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 14 to create, 5 to update, 0 to delete. 1 blocked.');
  });

  test('a converged town says so', () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    expect(renderPlanText(plan(desired, convergedObserved(desired), NO_FLAGS), false)).toBe(
      'No changes. The town matches its config.\n',
    );
  });

  test('notes are printed when the server is down', () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    const text = renderPlanText(plan(desired, { ...emptyObserved(), onDisk: ['hq', 'wyvern'] }, NO_FLAGS), false);
    expect(text).toContain('  + start   server');
    expect(text).toContain('      state: "stopped" → "running"');
    expect(text).toContain('Note: the server is not running, so wyvern is not served');
    // the server start, and Gas Town's files for hq and wyvern (town.json, rigs.json, two metadata.json, config.json, routes)
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 7 to create, 0 to update, 0 to delete.');
  });

  test('errors come first and the summary says gt will not act', () => {
    const desired = desiredTown([hq()]);
    const observed = { ...emptyObserved(), server: { state: 'imposter' as const, port: 3317, pid: null, command: null, reason: 'not our data dir' } };
    const text = renderPlanText(plan(desired, observed, NO_FLAGS), false);
    expect(text.startsWith('Error (imposter): 127.0.0.1:3317 is held by something that is not this town')).toBe(true);
    expect(text.trimEnd().split('\n').at(-1)).toBe('No plan: gt will not act on this town until the errors above are resolved.');
  });

  test('colour only when asked', () => {
    const result = busyTown(true);
    expect(renderPlanText(result, false)).not.toContain(ESC);
    const coloured = renderPlanText(result, true);
    expect(coloured).toContain(`${ESC}32m+ create  database/gryphon${ESC}0m`);
    expect(coloured).toContain(`${ESC}31m- delete  database/old${ESC}0m`);
    expect(coloured).toContain(`${ESC}33m~ update  remote/wyvern/origin${ESC}0m`);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderPlanText(result, false));
  });
});
