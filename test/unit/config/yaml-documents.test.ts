import { ParsedYamlCache } from '../../../src/config/yaml-cache.js';
import { parseYamlDocuments, YamlParseCache, type ParsedYaml } from '../../../src/config/yaml-documents.js';
import { makeTempDir } from '../../helpers/env.js';

describe('parsing a manifest file again, through the cache a loader is given', () => {
  let cache: YamlParseCache;
  const parse = (file: string, text: string): ParsedYaml => cache.parse(file, text);
  beforeEach(() => {
    cache = new YamlParseCache(null);
  });
  const file = '/town/mayor/rigs.d/wyvern.yaml';
  const manifest = (prefix: string) => `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: wyvern\nspec:\n  prefix: ${prefix}\n`;

  it('sees every edit of the file, also back to an earlier text', () => {
    const values = ['wy', 'wv', 'wy'].map((prefix) => parse(file, manifest(prefix)).documents[0]?.value);
    expect(values.map((value) => (value as { spec: { prefix: string } }).spec.prefix)).toEqual(['wy', 'wv', 'wy']);
  });

  it('reports an edit that breaks the file, and its fix, at the right place', () => {
    expect(parse(file, manifest('wy')).diagnostics).toEqual([]);
    const broken = parse(file, `${manifest('wy')}  prefix: again\n`);
    expect(broken.diagnostics).toEqual([
      expect.objectContaining({ code: 'GT-E013', location: { file, line: 7, column: 3 } }),
    ]);
    expect(parse(file, manifest('wy')).diagnostics).toEqual([]);
  });

  it('keeps files with the same text apart', () => {
    const other = '/elsewhere/rigs/wyvern.yaml';
    const here = parse(file, manifest('wy')).documents[0];
    const there = parse(other, manifest('wy')).documents[0];
    expect(here?.locate(['spec', 'prefix']).file).toBe(file);
    expect(there?.locate(['spec', 'prefix']).file).toBe(other);
  });
});

describe('where a node is', () => {
  const text = [
    'apiVersion: gastown.dev/v1alpha1', // 1
    'kind: Rig', // 2
    'metadata:', // 3
    '  name: wyvern', // 4
    'spec:', // 5
    '  prefix: wy', // 6
    '  protect:', // 7
    '  remotes:', // 8
    '    - name: origin', // 9
    '      url: "file:///srv/wyvern"', // 10
    '  ignore: [wisps, "wisp_*"]', // 11
    '',
  ].join('\n');
  const at = (line: number, column: number) => ({ file: '/t/rigs.d/a.yaml', line, column });

  function locations(file: string, parse: (file: string, text: string) => ParsedYaml = parseYamlDocuments) {
    const doc = parse(file, text).documents[0];
    if (doc === undefined) throw new Error('no document');
    return [
      doc.locate([]),
      doc.locate(['metadata', 'name']),
      doc.locate(['metadata', 'name'], 'key'),
      doc.locate(['spec', 'remotes', 0, 'url']),
      doc.locate(['spec', 'remotes', '0', 'url'], 'key'),
      doc.locate(['spec', 'ignore', 1]),
      doc.locate(['spec', 'protect']),
      doc.locate(['spec', 'remotes', 3, 'url']),
      doc.locate(['spec', 'nothing', 'here'], 'key'),
    ];
  }

  it('finds values, keys, sequence items, empty values and the nearest existing ancestor', () => {
    expect(locations('/t/rigs.d/a.yaml')).toEqual([
      at(1, 1),
      at(4, 9),
      at(4, 3),
      at(10, 12),
      at(10, 7),
      at(11, 19),
      at(7, 11),
      at(9, 5),
      at(5, 1),
    ]);
  });

  it('is the same when the parse comes from the cache an earlier process saved', () => {
    const directory = makeTempDir('yaml-cache');
    const earlier = new YamlParseCache(new ParsedYamlCache(directory));
    const fresh = locations('/t/rigs.d/a.yaml', (file, text) => earlier.parse(file, text));
    earlier.save();
    const disk = new ParsedYamlCache(directory);
    const later = new YamlParseCache(disk);
    const cached = locations('/t/rigs.d/b.yaml', (file, text) => later.parse(file, text));
    expect(disk.get('/t/rigs.d/b.yaml', text)).toBeDefined();
    expect(cached).toEqual(fresh.map((location) => ({ ...location, file: '/t/rigs.d/b.yaml' })));
  });
});
