import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lifecyclePatrolSettings } from '../../../src/config/lifecycle-patrols.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/env.js';

function loadTown(manifests: Record<string, string>) {
  const root = makeTempDir('ledger-town');
  mkdirSync(join(root, 'mayor', 'rigs.d'), { recursive: true });
  for (const [name, text] of Object.entries(manifests)) writeFileSync(join(root, 'mayor', 'rigs.d', name), text);
  return { root, load: () => loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'linux' }) };
}

const town = (spec: string) => `apiVersion: gastown.dev/v1alpha1\nkind: Town\nspec:\n${spec}`;
const rig = (name: string, spec = '') => `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: ${name}\nspec:\n  prefix: ${name.slice(0, 2)}\n${spec}`;
const shown = (settings: { path: string[]; value: unknown }[]) => settings.map(({ path, value }) => `${path.join('.')} = ${JSON.stringify(value)}`);

describe('spec.ledger', () => {
  it("resolves Gas Town's defaults, a repo relative to the town root, and every declared present database", () => {
    const { root, load } = loadTown({ 'town.yaml': town('  ledger:\n    repo: ledger\n'), 'a.yaml': rig('wyvern'), 'b.yaml': rig('gone', '  ensure: absent\n') });
    const { desired, diagnostics } = load();
    expect(diagnostics.filter((d) => d.code.startsWith('GT-E08'))).toEqual([]);
    expect(desired.ledger).toMatchObject({
      repo: join(root, 'ledger'),
      remote: 'origin',
      interval: { text: '15m', ms: 900_000 },
      databases: ['hq', 'wyvern'],
      spike: { threshold: 0.5, minAbsolute: 20 },
    });
  });

  it('GT-E080: a listed database no manifest declares, with file:line:col and what would be right', () => {
    const { load } = loadTown({ 'town.yaml': town('  ledger:\n    repo: /srv/ledger\n    databases: [hq, nosuch]\n'), 'a.yaml': rig('wyvern') });
    expect(load).toThrow(
      expect.objectContaining({
        diagnostics: [
          expect.objectContaining({
            code: 'GT-E080',
            location: expect.objectContaining({ line: 6, column: 21 }),
            message: expect.stringContaining('lists "nosuch", which no manifest declares present; list declared databases (hq, wyvern) or write databases: all'),
          }),
        ],
      }),
    );
  });

  it('the schema refuses a threshold above 1 and an unknown key (nothing is planned)', () => {
    const { load } = loadTown({ 'town.yaml': town('  ledger:\n    repo: /srv/ledger\n    spike: { threshold: 1.5 }\n    scrub: false\n') });
    expect(load).toThrow(expect.objectContaining({ diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'GT-E024' }), expect.objectContaining({ code: 'GT-E020' })]) }));
  });

  it("GT-W080: with executor gastown, a remote or minAbsolute Gas Town's patrol cannot take", () => {
    const { load } = loadTown({ 'town.yaml': town('  ledger:\n    repo: /srv/ledger\n    remote: backup\n    spike: { minAbsolute: 5 }\n') });
    expect(load().diagnostics.filter((d) => d.code === 'GT-W080').map((d) => d.message)).toEqual([
      expect.stringContaining('spec.ledger.remote is "backup", but with executor gastown'),
      expect.stringContaining('spec.ledger.spike.minAbsolute is 5, but with executor gastown'),
    ]);
  });

  it("executor gt turns Gas Town's jsonl_git_backup off; executor gastown sets its knobs", () => {
    const ledger = '  ledger:\n    repo: /srv/ledger\n    interval: 30m\n    databases: [wyvern]\n    spike: { threshold: 0.3 }\n';
    const gt = loadTown({ 'town.yaml': town(`  lifecycle:\n    executor: gt\n${ledger}`), 'a.yaml': rig('wyvern') }).load().desired;
    expect(shown(lifecyclePatrolSettings(gt))).toEqual([
      'patrols.jsonl_git_backup.enabled = false',
      'patrols.wisp_reaper.enabled = false',
      'patrols.doctor_dog.enabled = false',
      'patrols.compactor_dog.enabled = false',
      'patrols.scheduled_maintenance.enabled = false',
    ]);
    const gastown = loadTown({ 'town.yaml': town(ledger), 'a.yaml': rig('wyvern') }).load().desired;
    expect(shown(lifecyclePatrolSettings(gastown))).toEqual([
      'patrols.jsonl_git_backup.enabled = true',
      'patrols.jsonl_git_backup.interval = "30m"',
      'patrols.jsonl_git_backup.databases = ["wyvern"]',
      'patrols.jsonl_git_backup.git_repo = "/srv/ledger"',
      'patrols.jsonl_git_backup.spike_threshold = 0.3',
    ]);
  });
});
