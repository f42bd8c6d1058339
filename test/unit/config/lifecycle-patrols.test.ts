import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lifecyclePatrolSettings } from '../../../src/config/lifecycle-patrols.js';
import { planLifecyclePatrols } from '../../../src/plan/plan-lifecycle-patrols.js';
import { defaultDaemonConfig } from '../../../src/config/lifecycle.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/env.js';

function desiredOf(manifests: Record<string, string>) {
  const root = makeTempDir('patrols-town');
  mkdirSync(join(root, 'mayor', 'rigs.d'), { recursive: true });
  for (const [name, text] of Object.entries(manifests)) writeFileSync(join(root, 'mayor', 'rigs.d', name), text);
  return loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'linux' }).desired;
}

const town = (lifecycle: string, extra = '') => `apiVersion: gastown.dev/v1alpha1\nkind: Town\nspec:\n${extra}  lifecycle:\n${lifecycle}`;
const rig = (name: string, spec = '') => `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: ${name}\nspec:\n  prefix: ${name.slice(0, 2)}\n${spec}`;

/** The settings as `path = value` lines, easy to read in a failure. */
const shown = (settings: { path: string[]; value: unknown }[]) => settings.map(({ path, value }) => `${path.join('.')} = ${JSON.stringify(value)}`);

describe("the daemon.json settings of Gas Town's lifecycle patrols", () => {
  test('nothing declared: none (gt leaves the patrols as the operator or Gas Town set them)', () => {
    expect(lifecyclePatrolSettings(desiredOf({ 'a.yaml': rig('wyvern') }))).toEqual([]);
  });

  test("executor gt: the three patrols that would race gt are turned off, and gt's daemon takes over doctor_dog", () => {
    const desired = desiredOf({ 'town.yaml': town('    executor: gt\n    decay: {}\n') });
    expect(shown(lifecyclePatrolSettings(desired))).toEqual([
      'patrols.wisp_reaper.enabled = false',
      'patrols.doctor_dog.enabled = false',
      'patrols.compactor_dog.enabled = false',
      'patrols.scheduled_maintenance.enabled = false',
    ]);
  });

  test("executor gastown: the knobs of the declared work, the Town's values, and exactly the databases that want it", () => {
    const desired = desiredOf({
      'town.yaml': town(
        '    decay:\n      closeStaleWispsAfter: 12h\n      interval: 1h\n    compaction:\n      mode: surgical\n      threshold: 5000\n      keepRecent: 100\n',
      ),
      'a.yaml': rig('wyvern'),
      'b.yaml': rig('gryphon', '  lifecycle:\n    compaction:\n      mode: "off"\n'),
      'c.yaml': rig('vault', '  protect: true\n'),
      'd.yaml': rig('gone', '  ensure: absent\n'),
    });
    expect(shown(lifecyclePatrolSettings(desired))).toEqual([
      'patrols.wisp_reaper.enabled = true',
      'patrols.wisp_reaper.max_age = "12h"',
      'patrols.wisp_reaper.delete_age = "168h"',
      'patrols.wisp_reaper.interval = "1h"',
      'patrols.wisp_reaper.databases = ["hq","wyvern","gryphon"]',
      'patrols.doctor_dog.databases = ["hq","wyvern","gryphon","vault"]',
      'patrols.compactor_dog.enabled = true',
      'patrols.compactor_dog.threshold = 5000',
      'patrols.compactor_dog.mode = "surgical"',
      'patrols.compactor_dog.keep_recent = 100',
      'patrols.compactor_dog.interval = "24h"',
      'patrols.compactor_dog.databases = ["hq","wyvern"]',
      'patrols.scheduled_maintenance.enabled = false',
    ]);
  });

  test('executor gastown: work declared off everywhere turns its patrol off; undeclared work is left alone', () => {
    const desired = desiredOf({ 'town.yaml': town('    decay:\n      enabled: false\n') });
    expect(shown(lifecyclePatrolSettings(desired))).toEqual([
      'patrols.wisp_reaper.enabled = false',
      'patrols.wisp_reaper.max_age = "24h"',
      'patrols.wisp_reaper.delete_age = "168h"',
      'patrols.wisp_reaper.interval = "30m"',
      'patrols.wisp_reaper.databases = []',
      'patrols.doctor_dog.databases = ["hq"]',
    ]);
  });

  test('planned as daemon.json settings: only those the file does not hold yet', () => {
    const desired = desiredOf({ 'town.yaml': town('    executor: gt\n    decay: {}\n') });
    const raw = defaultDaemonConfig() as { patrols: Record<string, Record<string, unknown>> };
    (raw.patrols.compactor_dog as Record<string, unknown>).enabled = false;
    const file = { path: '/srv/town/mayor/daemon.json', exists: true, raw, text: JSON.stringify(raw), mode: 0o644 };
    expect(planLifecyclePatrols(desired, file).map((action) => [action.id, action.before, action.after])).toEqual([
      ['daemon-config/patrols.wisp_reaper.enabled', true, false],
      ['daemon-config/patrols.doctor_dog.enabled', true, false],
      ['daemon-config/patrols.scheduled_maintenance.enabled', (raw.patrols.scheduled_maintenance as { enabled?: unknown }).enabled ?? null, false],
    ]);
    const missing = { path: '/srv/town/mayor/daemon.json', exists: false, raw: {}, text: null, mode: null };
    expect(planLifecyclePatrols(desired, missing).map((action) => action.verb)).toEqual(['create', 'create', 'create', 'create']);
  });
});
