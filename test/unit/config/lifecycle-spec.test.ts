import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDesiredState } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/env.js';

/** A temp town with the given manifests under mayor/rigs.d/ (file name → text). */
function loadTown(manifests: Record<string, string>) {
  const root = makeTempDir('lifecycle-town');
  mkdirSync(join(root, 'mayor', 'rigs.d'), { recursive: true });
  for (const [name, text] of Object.entries(manifests)) writeFileSync(join(root, 'mayor', 'rigs.d', name), text);
  return loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'linux' });
}

const town = (spec: string) => `apiVersion: gastown.dev/v1alpha1\nkind: Town\nspec:\n${spec}`;
const rig = (name: string, spec = '') => `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: ${name}\nspec:\n  prefix: ${name.slice(0, 2)}\n${spec}`;

const TOWN_LIFECYCLE = `  lifecycle:
    executor: gt
    decay:
      closeStaleWispsAfter: 12h
    compaction:
      mode: flatten
      threshold: 3000
      window: "22:30-01:15"
`;

describe('spec.lifecycle resolved per database', () => {
  it('nothing declared: decay and compaction off everywhere, executor gastown, not declared', () => {
    const { desired } = loadTown({ 'a.yaml': rig('wyvern') });
    expect(desired.lifecycle).toEqual({ declared: false, declaresDecay: false, declaresCompaction: false, executor: 'gastown' });
    for (const database of desired.databases) expect(database.lifecycle).toMatchObject({ decay: null, compaction: null });
  });

  it("the Town's lifecycle applies to hq and is every rig's default, with Gas Town's defaults for what it leaves out", () => {
    const { desired, diagnostics } = loadTown({ 'town.yaml': town(TOWN_LIFECYCLE), 'a.yaml': rig('wyvern') });
    expect(diagnostics).toEqual([]);
    expect(desired.lifecycle).toEqual({ declared: true, declaresDecay: true, declaresCompaction: true, executor: 'gt' });
    const expected = {
      decay: {
        closeStaleWispsAfter: { text: '12h', ms: 43_200_000 },
        deleteClosedWispsAfter: { text: '168h', ms: 604_800_000 },
        interval: { text: '30m', ms: 1_800_000 },
      },
      compaction: {
        mode: 'flatten',
        threshold: 3000,
        keepRecent: 50,
        interval: { text: '24h', ms: 86_400_000 },
        window: { text: '22:30-01:15', startMinute: 22 * 60 + 30, endMinute: 75 },
        gc: 'full',
        restorePointsKeep: { text: '168h', ms: 604_800_000 },
      },
    };
    expect(desired.databases.map((db) => [db.name, db.lifecycle.decay, db.lifecycle.compaction])).toEqual([
      ['hq', expected.decay, expected.compaction],
      ['wyvern', expected.decay, expected.compaction],
    ]);
  });

  it("a Rig's spec.lifecycle overrides the Town's field by field; mode off and enabled false turn each off", () => {
    const { desired } = loadTown({
      'town.yaml': town(TOWN_LIFECYCLE),
      'a.yaml': rig('wyvern', '  lifecycle:\n    decay:\n      interval: 5m\n    compaction:\n      threshold: 500\n'),
      'b.yaml': rig('gryphon', '  lifecycle:\n    decay:\n      enabled: false\n    compaction:\n      mode: "off"\n'),
    });
    const [, wyvern, gryphon] = desired.databases;
    expect(wyvern?.lifecycle.decay).toMatchObject({ closeStaleWispsAfter: { text: '12h' }, interval: { text: '5m', ms: 300_000 } });
    expect(wyvern?.lifecycle.compaction).toMatchObject({ mode: 'flatten', threshold: 500, window: { text: '22:30-01:15' } });
    expect(wyvern?.lifecycle.site).toMatchObject({ file: expect.stringContaining('a.yaml'), line: 7 });
    expect(gryphon?.lifecycle).toMatchObject({ decay: null, compaction: null });
  });

  it('a Rig alone can declare a lifecycle (decay on for it only)', () => {
    const { desired } = loadTown({ 'a.yaml': rig('wyvern', '  lifecycle:\n    decay: {}\n'), 'b.yaml': rig('gryphon') });
    expect(desired.lifecycle).toEqual({ declared: true, declaresDecay: true, declaresCompaction: false, executor: 'gastown' });
    expect(desired.databases.map((db) => [db.name, db.lifecycle.decay === null])).toEqual([
      ['hq', true],
      ['wyvern', false],
      ['gryphon', true],
    ]);
  });

  it("hq is unprotected unless the Town says protect: true", () => {
    expect(loadTown({}).desired.databases[0]?.protect).toBe(false);
    expect(loadTown({ 'town.yaml': town('  protect: true\n') }).desired.databases[0]?.protect).toBe(true);
  });

  it('GT-W068: with executor gastown, a Rig knob Gas Town holds once for all databases is reported as ignored', () => {
    const { diagnostics } = loadTown({
      'town.yaml': town('  lifecycle:\n    decay:\n      closeStaleWispsAfter: 24h\n'),
      'a.yaml': rig('wyvern', '  lifecycle:\n    decay:\n      closeStaleWispsAfter: 24h\n      interval: 5m\n    compaction:\n      mode: "off"\n'),
    });
    expect(diagnostics.map((d) => [d.code, d.location.line, d.message])).toEqual([
      [
        'GT-W068',
        10,
        expect.stringContaining("spec.lifecycle.decay.interval of rig wyvern is ignored: with executor gastown, Gas Town's patrols use one value"),
      ],
    ]);
    // without a Town document, Gas Town's own defaults are what the rig is compared with
    const rigOnly = loadTown({ 'a.yaml': rig('wyvern', '  lifecycle:\n    compaction:\n      mode: flatten\n      threshold: 500\n') });
    expect(rigOnly.diagnostics.map((d) => [d.code, d.location.line])).toEqual([['GT-W068', 10]]);
  });

  test('GT-W068 is not reported next to a lifecycle error (the value is wrong anyway)', () => {
    const keepRecent = '  lifecycle:\n    compaction:\n      mode: surgical\n      threshold: 100\n      keepRecent: 100\n';
    expect(() => loadTown({ 'a.yaml': rig('wyvern', keepRecent) })).toThrow(expect.objectContaining({ diagnostics: [expect.objectContaining({ code: 'GT-E051' })] }));
  });
});
