import fc from 'fast-check';
import { parseDocument } from 'yaml';

/**
 * Malformed variants of a valid town config. Each case replaces some of the base files (paths relative to the town
 * root; null deletes the file) and says what a correct gt must make of it.
 */

export type Category =
  | 'truncated'
  | 'wrong-type'
  | 'huge'
  | 'deep-nesting'
  | 'control-characters'
  | 'unicode'
  | 'sql-metacharacters'
  | 'duplicate-keys'
  | 'alias-bomb'
  | 'bom'
  | 'crlf'
  | 'garbage';

/**
 * error: the config must be refused with a located diagnostic. same: it must load to exactly the base desired state
 * (an encoding variant). either: a located error, or a config that loads (it may mean something else).
 */
export type Expectation = 'error' | 'same' | 'either';

export interface ConfigCase {
  id: string;
  category: Category;
  files: Record<string, string | Buffer | null>;
  expect: Expectation;
}

export interface BaseTown {
  /** `mayor/daemon.json` as gt apply left it (lifecycle defaults filled). */
  daemonJson: string;
  /** `mayor/rigs.d/wyvern.yaml`. */
  rigYaml: string;
  /** `mayor/rigs.d/town.yaml` (kind: Town). */
  townYaml: string;
}

export const DAEMON_JSON = 'mayor/daemon.json';
export const RIG_YAML = 'mayor/rigs.d/wyvern.yaml';
export const TOWN_YAML = 'mayor/rigs.d/town.yaml';

/** The base rig manifest: every field a rig can have, so every field can be broken. */
export function baseRigYaml(remoteDir: string): string {
  return [
    '# the wyvern rig',
    'apiVersion: gastown.dev/v1alpha1',
    'kind: Rig',
    'metadata:',
    '  name: wyvern',
    '  labels:',
    '    team: core',
    'spec:',
    '  prefix: wy',
    '  database: wyvern',
    '  ensure: present',
    '  protect: false',
    '  remotes:',
    '    - name: origin',
    `      url: file://${remoteDir}/wyvern`,
    '    - name: backup',
    `      url: file://${remoteDir}/wyvern-backup`,
    '  ignore: ["wisps", "wisp_*"]',
    '',
  ].join('\n');
}

export function baseTownYaml(): string {
  return ['apiVersion: gastown.dev/v1alpha1', 'kind: Town', 'metadata:', '  name: faults', 'spec:', '  ignore: ["wisps"]', ''].join(
    '\n',
  );
}

type Path = (string | number)[];

function setYaml(text: string, path: Path, value: unknown): string {
  const doc = parseDocument(text);
  doc.setIn(path, value);
  return doc.toString();
}

function setJson(text: string, path: Path, value: unknown): string {
  const root = JSON.parse(text) as Record<string, unknown>;
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return `${JSON.stringify(root, null, 2)}\n`;
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Values of every JSON type; a field gets each one whose type differs from its own. */
const WRONG_VALUES: unknown[] = [42, -1.5, true, null, [], ['x'], {}, { nested: 'x' }, 'text'];

function truncations(base: BaseTown): ConfigCase[] {
  const cases: ConfigCase[] = [];
  const cut = (file: string, text: string, count: number, expect: Expectation) => {
    for (let i = 0; i < count; i++) {
      const at = Math.floor((text.length * i) / count);
      cases.push({ id: `truncated/${file}@${at}`, category: 'truncated', files: { [file]: text.slice(0, at) }, expect });
    }
  };
  // Any cut of a JSON object leaves it unterminated; a YAML cut may leave a shorter valid manifest.
  cut(DAEMON_JSON, base.daemonJson, 24, 'error');
  cut(RIG_YAML, base.rigYaml, 24, 'either');
  cut(TOWN_YAML, base.townYaml, 6, 'either');
  return cases;
}

function wrongTypes(base: BaseTown): ConfigCase[] {
  const cases: ConfigCase[] = [];
  const rigPaths: Path[] = [
    ['apiVersion'],
    ['kind'],
    ['metadata'],
    ['metadata', 'name'],
    ['metadata', 'labels'],
    ['spec'],
    ['spec', 'prefix'],
    ['spec', 'database'],
    ['spec', 'ensure'],
    ['spec', 'protect'],
    ['spec', 'remotes'],
    ['spec', 'remotes', 0],
    ['spec', 'remotes', 0, 'url'],
    ['spec', 'ignore'],
    ['spec', 'ignore', 0],
  ];
  const rig = parseDocument(base.rigYaml).toJS() as Record<string, unknown>;
  const at = (value: unknown, path: Path): unknown =>
    path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
  for (const path of rigPaths) {
    const own = jsonType(at(rig, path));
    for (const value of WRONG_VALUES.filter((v) => jsonType(v) !== own).slice(0, 4)) {
      cases.push({
        id: `wrong-type/${RIG_YAML}:${path.join('.')}=${JSON.stringify(value)}`,
        category: 'wrong-type',
        files: { [RIG_YAML]: setYaml(base.rigYaml, path, value) },
        expect: 'error',
      });
    }
  }
  const daemon = JSON.parse(base.daemonJson) as Record<string, unknown>;
  const daemonPaths: Path[] = [
    ['type'],
    ['version'],
    ['patrols'],
    ['patrols', 'wisp_reaper', 'enabled'],
    ['patrols', 'wisp_reaper', 'interval'],
    ['patrols', 'compactor_dog', 'threshold'],
    ['env'],
    ['env', 'GT_DOLT_PORT'],
  ];
  for (const path of daemonPaths) {
    const own = jsonType(at(daemon, path));
    // null is a legal value of the object-or-null keys (patrols, env): it means "absent"
    const values = WRONG_VALUES.filter((v) => jsonType(v) !== own && !(v === null && (path.length === 1 && own === 'object')));
    for (const value of values.slice(0, 4)) {
      cases.push({
        id: `wrong-type/${DAEMON_JSON}:${path.join('.')}=${JSON.stringify(value)}`,
        category: 'wrong-type',
        files: { [DAEMON_JSON]: setJson(base.daemonJson, path, value) },
        expect: 'error',
      });
    }
  }
  return cases;
}

function huge(base: BaseTown): ConfigCase[] {
  const long = 'a'.repeat(8 * 1024 * 1024);
  const justUnder = 'c'.repeat(900 * 1024);
  const manyDocs = Array.from({ length: 3000 }, (_, i) =>
    ['apiVersion: gastown.dev/v1alpha1', 'kind: Rig', 'metadata:', `  name: rig_${i}`, 'spec:', `  prefix: r${i}`, '  ensure: bogus'].join('\n'),
  ).join('\n---\n');
  return [
    {
      id: 'huge/rig-prefix-8MiB',
      category: 'huge',
      files: { [RIG_YAML]: setYaml(base.rigYaml, ['spec', 'prefix'], long) },
      expect: 'error',
    },
    // gt reads config files up to 1 MiB: a file just under it is read, one over it refused unread
    { id: 'huge/rig-comment-8MiB', category: 'huge', files: { [RIG_YAML]: `${base.rigYaml}# ${long}\n` }, expect: 'error' },
    {
      id: 'huge/rig-comment-just-under-1MiB',
      category: 'huge',
      files: { [RIG_YAML]: `${base.rigYaml}# ${'b'.repeat(1024 * 1024 - base.rigYaml.length - 3)}\n` },
      expect: 'same',
    },
    {
      id: 'huge/daemon-unknown-key-8MiB',
      category: 'huge',
      files: { [DAEMON_JSON]: setJson(base.daemonJson, ['env', 'GT_DOLT_LOGLEVEL'], long) },
      expect: 'error',
    },
    {
      id: 'huge/rig-prefix-900KiB',
      category: 'huge',
      files: { [RIG_YAML]: setYaml(base.rigYaml, ['spec', 'prefix'], justUnder) },
      expect: 'error',
    },
    { id: 'huge/3000-invalid-rigs', category: 'huge', files: { 'mayor/rigs.d/many.yaml': manyDocs }, expect: 'error' },
    {
      id: 'huge/daemon-whitespace-4MiB',
      category: 'huge',
      files: { [DAEMON_JSON]: `${' '.repeat(4 * 1024 * 1024)}${base.daemonJson}` },
      expect: 'error',
    },
  ];
}

function deepNesting(base: BaseTown): ConfigCase[] {
  const depth = 20_000;
  const flowSeq = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const blockMap = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
  return [
    {
      id: 'deep-nesting/rig-flow-sequence',
      category: 'deep-nesting',
      files: { [RIG_YAML]: base.rigYaml.replace('ignore: ["wisps", "wisp_*"]', `ignore: ${flowSeq}`) },
      expect: 'error',
    },
    { id: 'deep-nesting/rig-flow-document', category: 'deep-nesting', files: { [RIG_YAML]: flowSeq }, expect: 'error' },
    {
      id: 'deep-nesting/rig-flow-mapping',
      category: 'deep-nesting',
      files: { [RIG_YAML]: `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n` },
      expect: 'error',
    },
    { id: 'deep-nesting/rig-block-mapping', category: 'deep-nesting', files: { [RIG_YAML]: `${blockMap} 1\n` }, expect: 'error' },
    {
      id: 'deep-nesting/daemon-arrays',
      category: 'deep-nesting',
      files: { [DAEMON_JSON]: setJson(base.daemonJson, ['x_extra'], null).replace('"x_extra": null', `"x_extra": ${flowSeq}`) },
      expect: 'error',
    },
    {
      id: 'deep-nesting/daemon-objects',
      category: 'deep-nesting',
      files: {
        [DAEMON_JSON]: setJson(base.daemonJson, ['x_extra'], null).replace(
          '"x_extra": null',
          `"x_extra": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
        ),
      },
      expect: 'error',
    },
    {
      id: 'deep-nesting/daemon-patrols',
      category: 'deep-nesting',
      files: { [DAEMON_JSON]: setJson(base.daemonJson, ['patrols'], null).replace('"patrols": null', `"patrols": ${flowSeq}`) },
      expect: 'error',
    },
  ];
}

/** Characters that must never reach a terminal raw: C0 controls, DEL, C1 controls. */
const CONTROL_CHARACTERS = ['\u0000', '\u0007', '\u0008', '\u001b[31m', '\r', '\u007f', '\u0085', '\u009b2J'];
const UNICODE = ['é', '名前', '🐉', '\u200b', '\u202e', '\u2028', '\ufeff', 'ǅ', 'ﬁ'];
/** Fields that hold a name gt puts into SQL or a resource id. */
const NAME_FIELDS: Path[] = [
  ['metadata', 'name'],
  ['spec', 'database'],
  ['spec', 'prefix'],
  ['spec', 'remotes', 0, 'name'],
];

function hostileStrings(base: BaseTown): ConfigCase[] {
  const cases: ConfigCase[] = [];
  /** The remotes directory as a file:// URL (`file:///…/remotes`), so that a hostile URL differs from the base only in its tail. */
  const remotes = (parseDocument(base.rigYaml).getIn(['spec', 'remotes', 0, 'url']) as string).replace(/\/wyvern$/, '');
  const add = (category: Category, field: Path, value: string, expect: Expectation) =>
    cases.push({
      id: `${category}/${field.join('.')}=${JSON.stringify(value)}`,
      category,
      files: { [RIG_YAML]: setYaml(base.rigYaml, field, value) },
      expect,
    });
  for (const character of CONTROL_CHARACTERS) {
    for (const field of [...NAME_FIELDS, ['spec', 'ignore', 0], ['spec', 'remotes', 0, 'url']] as Path[]) {
      const original = String(parseDocument(base.rigYaml).getIn(field));
      add('control-characters', field, `${original}${character}x`, 'error');
    }
  }
  // raw (unescaped) control characters in the YAML source itself
  for (const character of ['\u0000', '\u0007', '\u001b', '\u007f']) {
    cases.push({
      id: `control-characters/raw-in-source=${JSON.stringify(character)}`,
      category: 'control-characters',
      files: { [RIG_YAML]: base.rigYaml.replace('name: wyvern', `name: wy${character}vern`) },
      expect: 'error',
    });
  }
  for (const text of UNICODE) {
    for (const field of NAME_FIELDS.slice(0, 3)) add('unicode', field, `wy${text}`, 'error');
    add('unicode', ['spec', 'remotes', 0, 'name'], `origin${text}`, 'error');
  }
  const sql = ["'", '"', '`', '\\', ';', "'; DROP DATABASE hq; --", '` ; DROP DATABASE hq; -- `', '%', '/*', '\n'];
  for (const text of sql) {
    for (const field of NAME_FIELDS) add('sql-metacharacters', field, `wy${text}x`, 'error');
    // a URL that passes validation is stored verbatim (the injection test proves it); here it must just not crash
    add('sql-metacharacters', ['spec', 'remotes', 0, 'url'], `${remotes}/wy${text}x`, 'either');
    add('sql-metacharacters', ['spec', 'ignore', 0], `wisps${text}`, 'either');
  }
  return cases;
}

function duplicateKeys(base: BaseTown): ConfigCase[] {
  const rig = (id: string, text: string): ConfigCase => ({
    id: `duplicate-keys/${id}`,
    category: 'duplicate-keys',
    files: { [RIG_YAML]: text },
    expect: 'error',
  });
  const daemon = (id: string, text: string): ConfigCase => ({
    id: `duplicate-keys/${id}`,
    category: 'duplicate-keys',
    files: { [DAEMON_JSON]: text },
    expect: 'error',
  });
  const secondRig = (name: string, prefix: string, database?: string) =>
    [
      'apiVersion: gastown.dev/v1alpha1',
      'kind: Rig',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      `  prefix: ${prefix}`,
      ...(database ? [`  database: ${database}`] : []),
      '',
    ].join('\n');
  const daemonLines = base.daemonJson.split('\n');
  return [
    rig('rig-top-level', `${base.rigYaml}kind: Rig\n`),
    rig('rig-metadata', base.rigYaml.replace('  name: wyvern\n', '  name: wyvern\n  name: other\n')),
    rig('rig-spec', base.rigYaml.replace('  prefix: wy\n', '  prefix: wy\n  prefix: xx\n')),
    rig('rig-remote-item', base.rigYaml.replace('    - name: origin\n', '    - name: origin\n      name: other\n')),
    rig('rig-flow-mapping', base.rigYaml.replace('  protect: false\n', '  protect: false\n  x: {a: 1, a: 2}\n')),
    daemon('daemon-top-level', base.daemonJson.replace(/^\{\n/, '{\n  "type": "daemon-patrol-config",\n')),
    daemon('daemon-env', base.daemonJson.replace('"env": {\n', '"env": {\n    "GT_DOLT_LOGLEVEL": "info",\n    "GT_DOLT_LOGLEVEL": "debug",\n')),
    daemon('daemon-patrols', base.daemonJson.replace('"patrols": {\n', '"patrols": {\n    "handler": {"enabled": true},\n')),
    daemon('daemon-last-line-repeated', [...daemonLines.slice(0, 2), daemonLines[1] ?? '', ...daemonLines.slice(2)].join('\n')),
    {
      id: 'duplicate-keys/rig-name-across-files',
      category: 'duplicate-keys',
      files: { 'mayor/rigs.d/zz-dup.yaml': secondRig('wyvern', 'zz') },
      expect: 'error',
    },
    {
      id: 'duplicate-keys/prefix-across-files',
      category: 'duplicate-keys',
      files: { 'mayor/rigs.d/zz-dup.yaml': secondRig('gryphon', 'wy') },
      expect: 'error',
    },
    {
      id: 'duplicate-keys/database-across-files',
      category: 'duplicate-keys',
      files: { 'mayor/rigs.d/zz-dup.yaml': secondRig('gryphon', 'gr', 'wyvern') },
      expect: 'error',
    },
    rig('remote-name-twice', base.rigYaml.replace('    - name: backup\n', '    - name: origin\n')),
    {
      id: 'duplicate-keys/second-town-document',
      category: 'duplicate-keys',
      files: { [TOWN_YAML]: `${base.townYaml}---\n${base.townYaml}` },
      expect: 'error',
    },
  ];
}

function aliasBombs(base: BaseTown): ConfigCase[] {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 10; level++) {
    const previous = String.fromCharCode(96 + level);
    const next = String.fromCharCode(97 + level);
    laughs.push(`${next}: &${next} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  const bomb = (id: string, text: string, expect: Expectation = 'error'): ConfigCase => ({
    id: `alias-bomb/${id}`,
    category: 'alias-bomb',
    files: { [RIG_YAML]: text },
    expect,
  });
  const ignoreBomb = [
    'x-lol: &l0 ["w0","w1","w2","w3","w4","w5","w6","w7","w8","w9"]',
    'x-l1: &l1 [*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0]',
    'x-l2: &l2 [*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1,*l1]',
    'x-l3: &l3 [*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2,*l2]',
    'x-l4: &l4 [*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3,*l3]',
  ].join('\n');
  return [
    bomb('billion-laughs-document', `${laughs.join('\n')}\n`),
    bomb('billion-laughs-in-manifest', `${base.rigYaml}${laughs.map((line) => `x${line}`).join('\n').replace(/\*(\w)/g, '*$1')}\n`),
    bomb('in-ignore-list', `${ignoreBomb}\n${base.rigYaml.replace('ignore: ["wisps", "wisp_*"]', 'ignore: *l4')}`),
    bomb('self-reference', base.rigYaml.replace('  labels:\n    team: core\n', '  labels: &self\n    team: *self\n')),
    bomb('undefined-alias', base.rigYaml.replace('prefix: wy', 'prefix: *nowhere')),
    bomb('merge-key-bomb', `${ignoreBomb}\n${base.rigYaml.replace('  labels:\n    team: core\n', '  labels:\n    <<: {a: *l4}\n')}`),
    bomb('small-alias-is-fine', base.rigYaml.replace('  prefix: wy', '  prefix: &p wy').replace('  database: wyvern', '  database: wyvern'), 'same'),
  ];
}

function encodings(base: BaseTown): ConfigCase[] {
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return [
    // Gas Town's Go encoding/json refuses a BOM, so gt must too (or Gas Town would discard the file)
    { id: 'bom/daemon.json', category: 'bom', files: { [DAEMON_JSON]: `\ufeff${base.daemonJson}` }, expect: 'error' },
    { id: 'bom/rig.yaml', category: 'bom', files: { [RIG_YAML]: `\ufeff${base.rigYaml}` }, expect: 'same' },
    { id: 'bom/town.yaml', category: 'bom', files: { [TOWN_YAML]: `\ufeff${base.townYaml}` }, expect: 'same' },
    { id: 'bom/rig.yaml-utf16', category: 'bom', files: { [RIG_YAML]: utf16(base.rigYaml) }, expect: 'error' },
    { id: 'bom/daemon.json-utf16', category: 'bom', files: { [DAEMON_JSON]: utf16(base.daemonJson) }, expect: 'error' },
    { id: 'bom/rig.yaml-twice', category: 'bom', files: { [RIG_YAML]: `\ufeff\ufeff${base.rigYaml}` }, expect: 'either' },
    { id: 'crlf/daemon.json', category: 'crlf', files: { [DAEMON_JSON]: crlf(base.daemonJson) }, expect: 'same' },
    { id: 'crlf/rig.yaml', category: 'crlf', files: { [RIG_YAML]: crlf(base.rigYaml) }, expect: 'same' },
    { id: 'crlf/town.yaml', category: 'crlf', files: { [TOWN_YAML]: crlf(base.townYaml) }, expect: 'same' },
    { id: 'crlf/rig.yaml-bare-cr', category: 'crlf', files: { [RIG_YAML]: base.rigYaml.replace(/\n/g, '\r') }, expect: 'either' },
    {
      id: 'crlf/rig.yaml-mixed',
      category: 'crlf',
      files: { [RIG_YAML]: base.rigYaml.split('\n').map((line, i) => (i % 2 ? `${line}\r` : line)).join('\n') },
      expect: 'same',
    },
    { id: 'crlf/bom-and-crlf', category: 'crlf', files: { [RIG_YAML]: `\ufeff${crlf(base.rigYaml)}` }, expect: 'same' },
  ];
}

/** `text` with its first `target` replaced by `before`, raw `bytes` (not UTF-8 encoded), `after`. */
function withBytes(text: string, target: string, before: string, bytes: number[], after: string): Buffer {
  const at = text.indexOf(target);
  if (at < 0) throw new Error(`${JSON.stringify(target)} is not in the base text`);
  return Buffer.concat([Buffer.from(text.slice(0, at) + before), Buffer.from(bytes), Buffer.from(after + text.slice(at + target.length))]);
}

function garbage(base: BaseTown): ConfigCase[] {
  const cases: ConfigCase[] = [
    { id: 'garbage/daemon-empty', category: 'garbage', files: { [DAEMON_JSON]: '' }, expect: 'error' },
    { id: 'garbage/daemon-whitespace', category: 'garbage', files: { [DAEMON_JSON]: ' \n\t\n' }, expect: 'error' },
    { id: 'garbage/daemon-yaml', category: 'garbage', files: { [DAEMON_JSON]: 'type: daemon-patrol-config\n' }, expect: 'error' },
    { id: 'garbage/daemon-two-objects', category: 'garbage', files: { [DAEMON_JSON]: `${base.daemonJson}{}` }, expect: 'error' },
    { id: 'garbage/daemon-nul', category: 'garbage', files: { [DAEMON_JSON]: base.daemonJson.replace('{', '{\u0000') }, expect: 'error' },
    { id: 'garbage/daemon-nan', category: 'garbage', files: { [DAEMON_JSON]: setJson(base.daemonJson, ['version'], 1).replace('"version": 1', '"version": NaN') }, expect: 'error' },
    { id: 'garbage/daemon-huge-number', category: 'garbage', files: { [DAEMON_JSON]: base.daemonJson.replace('"version": 1', '"version": 1e400') }, expect: 'error' },
    { id: 'garbage/rig-tabs', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace(/^ {2}/gm, '\t') }, expect: 'error' },
    { id: 'garbage/rig-js-function-tag', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('prefix: wy', 'prefix: !!js/function "function(){}"') }, expect: 'error' },
    { id: 'garbage/rig-binary-tag', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('prefix: wy', 'prefix: !!binary d3k=') }, expect: 'error' },
    { id: 'garbage/rig-unknown-kind', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('kind: Rig', 'kind: Rigg') }, expect: 'error' },
    { id: 'garbage/rig-json-syntax', category: 'garbage', files: { [RIG_YAML]: JSON.stringify(parseDocument(base.rigYaml).toJS()) }, expect: 'same' },
    { id: 'garbage/rig-document-is-list', category: 'garbage', files: { [RIG_YAML]: '- a\n- b\n' }, expect: 'error' },
    { id: 'garbage/rig-document-is-scalar', category: 'garbage', files: { [RIG_YAML]: 'just text\n' }, expect: 'error' },
    { id: 'garbage/rig-empty-documents', category: 'garbage', files: { [RIG_YAML]: `---\n---\n${base.rigYaml}---\n` }, expect: 'same' },
    { id: 'garbage/rig-directives', category: 'garbage', files: { [RIG_YAML]: `%YAML 9.9\n---\n${base.rigYaml}` }, expect: 'either' },
    { id: 'garbage/rig-unclosed-quote', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('prefix: wy', 'prefix: "wy') }, expect: 'error' },
    { id: 'garbage/rig-complex-key', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('  prefix: wy', '  ? [a, b]\n  : 1\n  prefix: wy') }, expect: 'error' },
    { id: 'garbage/rig-numeric-key', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('  prefix: wy', '  1: x\n  prefix: wy') }, expect: 'error' },
    { id: 'garbage/rig-proto-key', category: 'garbage', files: { [RIG_YAML]: base.rigYaml.replace('  prefix: wy', '  __proto__: {ensure: absent}\n  prefix: wy') }, expect: 'error' },
    { id: 'garbage/daemon-proto-key', category: 'garbage', files: { [DAEMON_JSON]: base.daemonJson.replace('"env": {', '"env": {\n    "__proto__": {"GT_DOLT_PORT": "3307"},') }, expect: 'either' },
    { id: 'garbage/rig-file-deleted-town-kept', category: 'garbage', files: { [RIG_YAML]: null }, expect: 'either' },
    { id: 'garbage/rig-invalid-utf8', category: 'garbage', files: { 'mayor/rigs.d/x.yaml': Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]) }, expect: 'error' },
    // decoded leniently these would load as U+FFFD and reach dolt_ignore / dolt_remotes as values the file does not hold
    {
      id: 'garbage/rig-invalid-utf8-in-ignore-pattern',
      category: 'garbage',
      files: { [RIG_YAML]: withBytes(base.rigYaml, '"wisp_*"', '"wi', [0xc3], 'sp_*"') },
      expect: 'error',
    },
    {
      id: 'garbage/rig-invalid-utf8-in-url',
      category: 'garbage',
      files: { [RIG_YAML]: withBytes(base.rigYaml, '/wyvern-backup', '/wyvern-', [0xff], 'backup') },
      expect: 'error',
    },
  ];
  // seeded random corruption: bytes overwritten, deleted or inserted at random places. The position is an integer
  // fraction: fc.double picks among representable doubles, most of them tiny, and with fast-check's bias towards
  // small values almost every edit would land on the first byte.
  const edits = fc.sample(
    fc.noBias(
      fc.record({
        file: fc.constantFrom(DAEMON_JSON, RIG_YAML),
        position: fc.integer({ min: 0, max: 9999 }),
        kind: fc.constantFrom('flip', 'delete', 'insert'),
        byte: fc.integer({ min: 0, max: 255 }),
        length: fc.integer({ min: 1, max: 8 }),
      }),
    ),
    { seed: 9, numRuns: 40 },
  );
  edits.forEach((edit, index) => {
    const text = Buffer.from(edit.file === DAEMON_JSON ? base.daemonJson : base.rigYaml);
    const at = Math.floor((edit.position / 10_000) * text.length);
    const filler = Buffer.alloc(edit.length, edit.byte);
    const corrupted =
      edit.kind === 'flip'
        ? Buffer.concat([text.subarray(0, at), filler, text.subarray(at + edit.length)])
        : edit.kind === 'delete'
          ? Buffer.concat([text.subarray(0, at), text.subarray(at + edit.length)])
          : Buffer.concat([text.subarray(0, at), filler, text.subarray(at)]);
    cases.push({ id: `garbage/random-${index}-${edit.kind}@${edit.file}:${at}`, category: 'garbage', files: { [edit.file]: corrupted }, expect: 'either' });
  });
  return cases;
}

/** Every malformed case, deterministic for a given base town. */
export function malformedConfigs(base: BaseTown): ConfigCase[] {
  return [
    ...truncations(base),
    ...wrongTypes(base),
    ...huge(base),
    ...deepNesting(base),
    ...hostileStrings(base),
    ...duplicateKeys(base),
    ...aliasBombs(base),
    ...encodings(base),
    ...garbage(base),
  ];
}
