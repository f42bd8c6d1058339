import { parseYamlDocuments } from '../../../src/config/yaml-documents.js';

describe('parsing a manifest file again', () => {
  const file = '/town/mayor/rigs.d/wyvern.yaml';
  const manifest = (prefix: string) => `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: wyvern\nspec:\n  prefix: ${prefix}\n`;

  it('sees every edit of the file, also back to an earlier text', () => {
    const values = ['wy', 'wv', 'wy'].map((prefix) => parseYamlDocuments(file, manifest(prefix)).documents[0]?.value);
    expect(values.map((value) => (value as { spec: { prefix: string } }).spec.prefix)).toEqual(['wy', 'wv', 'wy']);
  });

  it('reports an edit that breaks the file, and its fix, at the right place', () => {
    expect(parseYamlDocuments(file, manifest('wy')).diagnostics).toEqual([]);
    const broken = parseYamlDocuments(file, `${manifest('wy')}  prefix: again\n`);
    expect(broken.diagnostics).toEqual([
      expect.objectContaining({ code: 'GT-E013', location: { file, line: 7, column: 3 } }),
    ]);
    expect(parseYamlDocuments(file, manifest('wy')).diagnostics).toEqual([]);
  });

  it('keeps files with the same text apart', () => {
    const other = '/elsewhere/rigs/wyvern.yaml';
    const here = parseYamlDocuments(file, manifest('wy')).documents[0];
    const there = parseYamlDocuments(other, manifest('wy')).documents[0];
    expect(here?.locate(['spec', 'prefix']).file).toBe(file);
    expect(there?.locate(['spec', 'prefix']).file).toBe(other);
  });
});
