import { checkNewRigManifest, renderRigManifest } from '../../../src/config/new-rig.js';
import type { RigManifest } from '../../../src/config/generated/rig-manifest.js';
import { parseYamlDocuments } from '../../../src/config/yaml-documents.js';

const RIGS_D = '/srv/town/mayor/rigs.d';
const context = { cwd: '/srv/town', effectivePort: 3317 };

/** The town's existing manifests, parsed from text as gt reads them. */
function existing(...texts: string[]) {
  const rigs = texts.map((text, index) => {
    const document = parseYamlDocuments(`${RIGS_D}/existing-${index}.yaml`, text).documents[0]!;
    return { manifest: document.value as RigManifest, document };
  });
  return { rigs, town: null };
}

function problems(name: string, prefix: string, town = existing(), port = context.effectivePort): string[] {
  return checkNewRigManifest(`${RIGS_D}/${name}.yaml`, renderRigManifest(name, prefix), town, { ...context, effectivePort: port }).map(
    (found) => `${found.code} ${found.location.line}:${found.location.column} ${found.message}`,
  );
}

describe('the manifest gt dolt init-rig writes', () => {
  it('is a Rig document naming the rig and its prefix, with a comment saying who wrote it', () => {
    const text = renderRigManifest('wyvern', 'wy');
    expect(text).toMatch(/^# Written by gt dolt init-rig/);
    expect(parseYamlDocuments('x.yaml', text).documents[0]?.value).toEqual({
      apiVersion: 'gastown.dev/v1alpha1',
      kind: 'Rig',
      metadata: { name: 'wyvern' },
      spec: { prefix: 'wy' },
    });
  });

  it('keeps a name YAML would read as another type a string', () => {
    expect(parseYamlDocuments('x.yaml', renderRigManifest('123', 'true')).documents[0]?.value).toMatchObject({
      metadata: { name: '123' },
      spec: { prefix: 'true' },
    });
  });
});

describe('checkNewRigManifest: the config checks, applied to a rig before it is written', () => {
  const wyvern = 'apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: wyvern\nspec:\n  prefix: wy\n';

  it('accepts a new rig with a fresh name and prefix', () => {
    expect(problems('gryphon', 'gr', existing(wyvern))).toEqual([]);
  });

  it('rejects a name that is not a lowercase identifier, suggesting one, at the name in the new file', () => {
    expect(problems('Sky-Harbor', 'sh')).toEqual([
      expect.stringMatching(/^GT-E028 6:9 metadata.name is "Sky-Harbor": names use only lowercase .*e\.g\. "sky_harbor"/),
    ]);
  });

  it('rejects a prefix with a trailing hyphen', () => {
    expect(problems('wyvern', 'wy-')).toEqual([expect.stringMatching(/^GT-E029 .*spec.prefix is "wy-".*write "wy"/)]);
  });

  it('rejects a rig name, prefix or database already declared, pointing at the earlier declaration', () => {
    expect(problems('wyvern', 'wv', existing(wyvern))).toEqual([
      expect.stringMatching(/^GT-E040 .*rig name "wyvern" is already declared at mayor\/rigs.d\/existing-0.yaml:4:9/),
    ]);
    expect(problems('wyrm', 'wy', existing(wyvern))).toEqual([
      expect.stringMatching(/^GT-E041 .*prefix "wy" is already declared at mayor\/rigs.d\/existing-0.yaml:6:11/),
    ]);
    const other = wyvern.replace('name: wyvern', 'name: other').replace('prefix: wy', 'prefix: ot\n  database: gryphon');
    expect(problems('gryphon', 'gr', existing(other))).toEqual([expect.stringMatching(/^GT-E042 .*database "gryphon"/)]);
  });

  it('rejects the town name hq and the town prefixes', () => {
    expect(problems('hq', 'hq')).toEqual([
      expect.stringMatching(/^GT-E043 .*a rig cannot be named "hq"/),
      expect.stringMatching(/^GT-E043 .*the prefix "hq" belongs to the town/),
    ]);
  });

  it('rejects a test database name on the production port 3307 only', () => {
    expect(problems('testdb_x', 'tx', existing(), 3307)).toEqual([expect.stringMatching(/^GT-E046 /)]);
    expect(problems('testdb_x', 'tx', existing(), 3317)).toEqual([]);
  });
});
