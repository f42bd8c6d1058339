import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChangedSincePlanError, writeTownFile } from '../../../src/apply/town-file-writer.js';
import { GasTownFileError } from '../../../src/config/diagnostics.js';
import type { TownFileAction, TownFileFields, TownFileRole } from '../../../src/plan/types.js';
import { makeTempDir } from '../../helpers/env.js';

function action(path: string, role: TownFileRole, before: TownFileFields | null, after: TownFileFields): TownFileAction {
  return {
    kind: 'town-file',
    id: `file/${path}`,
    path,
    role,
    verb: before === null ? 'create' : 'update',
    code: before === null ? 'town-file-missing' : 'town-file-outdated',
    before,
    after,
    reason: 'test',
    destructive: false,
    needsRestart: false,
  };
}

function town(files: Record<string, string> = {}): string {
  const root = makeTempDir('town-files');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
const mode = (root: string, path: string): number => statSync(join(root, path)).mode & 0o777;

describe('writeTownFile: new files as Gas Town writes them', () => {
  test('rigs.json: two-space JSON, rigs in the given order, no trailing newline, mode 0600', () => {
    const root = town();
    const entry = { git_url: '', added_at: '2026-12-03T09:00:00.000Z', beads: { repo: 'local', prefix: 'al' } };
    expect(writeTownFile(root, action('mayor/rigs.json', 'rigs', null, { version: 1, rigs: {}, 'rigs.alpha': entry }))).toBe('created');
    expect(read(root, 'mayor/rigs.json')).toBe(
      '{\n  "version": 1,\n  "rigs": {\n    "alpha": {\n      "git_url": "",\n      "added_at": "2026-12-03T09:00:00.000Z",\n' +
        '      "beads": {\n        "repo": "local",\n        "prefix": "al"\n      }\n    }\n  }\n}',
    );
    expect(mode(root, 'mayor/rigs.json')).toBe(0o600);
  });

  test("metadata.json ends with a newline and is 0600; a rig's config.json is 0644 and creates the rig directory", () => {
    const root = town();
    writeTownFile(root, action('alpha/.beads/metadata.json', 'beads-metadata', null, { backend: 'dolt', dolt_server_port: 3317 }));
    writeTownFile(root, action('alpha/config.json', 'rig-config', null, { type: 'rig', beads: { prefix: 'al' } }));
    expect(read(root, 'alpha/.beads/metadata.json')).toBe('{\n  "backend": "dolt",\n  "dolt_server_port": 3317\n}\n');
    expect(mode(root, 'alpha/.beads/metadata.json')).toBe(0o600);
    expect(read(root, 'alpha/config.json')).toBe('{\n  "type": "rig",\n  "beads": {\n    "prefix": "al"\n  }\n}');
    expect(mode(root, 'alpha/config.json')).toBe(0o644);
  });

  test('routes.jsonl: one compact JSON object per line, as Go marshals a route', () => {
    const root = town();
    writeTownFile(root, action('.beads/routes.jsonl', 'routes', null, { 'hq-': '.', 'hq-cv-': '.', 'al-': 'alpha' }));
    expect(read(root, '.beads/routes.jsonl')).toBe('{"prefix":"hq-","path":"."}\n{"prefix":"hq-cv-","path":"."}\n{"prefix":"al-","path":"alpha"}\n');
  });

  test('a file someone created since the plan is left alone', () => {
    const root = town({ 'mayor/town.json': '{"type":"town","name":"theirs"}' });
    expect(() => writeTownFile(root, action('mayor/town.json', 'town', null, { type: 'town', name: 'ours' }))).toThrow(ChangedSincePlanError);
    expect(read(root, 'mayor/town.json')).toBe('{"type":"town","name":"theirs"}');
  });
});

describe('writeTownFile: edits keep everything they do not change', () => {
  const rigsJson = (prefix: string) =>
    `{\n    "version": 1,\n    "x_note": "kept",\n    "rigs": {\n        "alpha": {"git_url": "", "beads": {"repo": "", "prefix": "${prefix}"}},\n` +
    '        "zulu": {"git_url": "z", "x": [1, 2]}\n    }\n}\n';

  test('only the planned fields change; formatting, unknown keys, other rigs and the mode stay', () => {
    const root = town({ 'mayor/rigs.json': rigsJson('old') });
    chmodSync(join(root, 'mayor/rigs.json'), 0o640);
    const entry = { git_url: '', added_at: 'T', beads: { repo: 'local', prefix: 'br' } };
    writeTownFile(root, action('mayor/rigs.json', 'rigs', { 'rigs.alpha.beads.prefix': 'old', 'rigs.bravo': null }, { 'rigs.alpha.beads.prefix': 'al', 'rigs.bravo': entry }));
    const text = read(root, 'mayor/rigs.json');
    expect(text.startsWith('{\n    "version": 1,\n    "x_note": "kept",\n    "rigs": {\n        "alpha": {"git_url": "", "beads": {"repo": "", "prefix": "al"}},\n')).toBe(true);
    // the new rig goes into its sorted place among sorted keys, indented like its neighbours
    expect(text).toContain('"beads": {"repo": "", "prefix": "al"}},\n        "bravo": {\n            "git_url": "",');
    expect(text).toContain('        "zulu": {"git_url": "z", "x": [1, 2]}\n    }\n}\n');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      x_note: 'kept',
      rigs: { alpha: { git_url: '', beads: { repo: '', prefix: 'al' } }, bravo: entry, zulu: { git_url: 'z', x: [1, 2] } },
    });
    expect(mode(root, 'mayor/rigs.json')).toBe(0o640);
  });

  test('a field that changed since the plan refuses the write: the file stays byte-identical', () => {
    const root = town({ 'mayor/rigs.json': rigsJson('theirs') });
    const write = () => writeTownFile(root, action('mayor/rigs.json', 'rigs', { 'rigs.alpha.beads.prefix': 'old' }, { 'rigs.alpha.beads.prefix': 'al' }));
    expect(write).toThrow(ChangedSincePlanError);
    expect(write).toThrow(/rigs\.alpha\.beads\.prefix is "theirs", the plan saw "old"/);
    expect(read(root, 'mayor/rigs.json')).toBe(rigsJson('theirs'));
  });

  test('a file that no longer parses, or has a duplicate key, is refused with its place', () => {
    const broken = '{\n  "version": 1,\n  "rigs": {},\n}\n';
    const duplicated = '{\n  "dolt_server_port": 1,\n  "dolt_server_port": 2\n}\n';
    const root = town({ 'mayor/rigs.json': broken, '.beads/metadata.json': duplicated });
    expect(() => writeTownFile(root, action('mayor/rigs.json', 'rigs', { 'rigs.alpha': null }, { 'rigs.alpha': {} }))).toThrow(GasTownFileError);
    expect(() => writeTownFile(root, action('mayor/rigs.json', 'rigs', { 'rigs.alpha': null }, { 'rigs.alpha': {} }))).toThrow(/rigs\.json:3:13: error GT-E018: trailing comma/);
    expect(() => writeTownFile(root, action('.beads/metadata.json', 'beads-metadata', { dolt_server_port: 2 }, { dolt_server_port: 3 }))).toThrow(
      /metadata\.json:3:3: error GT-E018: duplicate key "dolt_server_port"/,
    );
    expect(read(root, 'mayor/rigs.json')).toBe(broken);
    expect(read(root, '.beads/metadata.json')).toBe(duplicated);
  });

  test('routes.jsonl: a prefix\'s first line gets the new path (its other fields kept), new routes are appended; comments stay', () => {
    const before = '# routes\n{"prefix":"hq-","path":"."}\n\n{"path": "old", "prefix": "al-", "note": 1}\n{"prefix":"al-","path":"dup"}';
    const root = town({ '.beads/routes.jsonl': before });
    writeTownFile(root, action('.beads/routes.jsonl', 'routes', { 'al-': 'old', 'br-': null }, { 'al-': 'alpha', 'br-': 'bravo' }));
    expect(read(root, '.beads/routes.jsonl')).toBe(
      '# routes\n{"prefix":"hq-","path":"."}\n\n{"path": "alpha", "prefix": "al-", "note": 1}\n{"prefix":"al-","path":"dup"}\n{"prefix":"br-","path":"bravo"}\n',
    );
  });

  test('routes.jsonl with a line that is not JSON is refused at that line', () => {
    const before = '{"prefix":"hq-","path":"."}\n{"prefix": "al-", path: "x"}\n';
    const root = town({ '.beads/routes.jsonl': before });
    expect(() => writeTownFile(root, action('.beads/routes.jsonl', 'routes', { 'br-': null }, { 'br-': 'bravo' }))).toThrow(/routes\.jsonl:2:19: error GT-E018: unexpected character "p"/);
    expect(read(root, '.beads/routes.jsonl')).toBe(before);
  });

  test("a port file gets the new port, keeping bd's layout and mode; a port changed since the plan is left alone", () => {
    const root = town({ 'alpha/.beads/dolt-server.port': '3317', '.beads/dolt-server.port': '4400\n' });
    chmodSync(join(root, 'alpha/.beads/dolt-server.port'), 0o600);
    writeTownFile(root, action('alpha/.beads/dolt-server.port', 'port', { port: 3317 }, { port: 5500 }));
    expect(read(root, 'alpha/.beads/dolt-server.port')).toBe('5500');
    expect(mode(root, 'alpha/.beads/dolt-server.port')).toBe(0o600);
    expect(() => writeTownFile(root, action('.beads/dolt-server.port', 'port', { port: 3317 }, { port: 5500 }))).toThrow(ChangedSincePlanError);
    expect(read(root, '.beads/dolt-server.port')).toBe('4400\n');
  });

  test('an edit that changes nothing on disk leaves the file untouched (not even rewritten)', () => {
    const text = '{"databases": ["hq"], "pid": 7}';
    const root = town({ 'daemon/dolt-state.json': text });
    const inode = statSync(join(root, 'daemon/dolt-state.json')).ino;
    writeTownFile(root, action('daemon/dolt-state.json', 'server-state', { databases: ['hq'] }, { databases: ['hq'] }));
    expect(statSync(join(root, 'daemon/dolt-state.json')).ino).toBe(inode);
    expect(read(root, 'daemon/dolt-state.json')).toBe(text);
  });
});
