import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../../src/config/diagnostics.js';
import { loadDesiredState, type LoadOptions } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function load(options: Partial<LoadOptions> & { cwd: string }) {
  return loadDesiredState({ files: [], env: {}, platform: 'linux', ...options });
}

/** A temp town with the given mayor/daemon.json content (null: none) and rig manifests. */
function makeTown(daemon: unknown, rigs: Record<string, string> = {}): string {
  const root = makeTempDir('config-town');
  mkdirSync(join(root, 'mayor', 'rigs.d'), { recursive: true });
  if (daemon !== null) writeFileSync(join(root, 'mayor', 'daemon.json'), JSON.stringify(daemon, null, 2));
  for (const [name, text] of Object.entries(rigs)) writeFileSync(join(root, 'mayor', 'rigs.d', name), text);
  return root;
}

const rig = (name: string, prefix: string, extra = '') =>
  `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: ${name}\nspec:\n  prefix: ${prefix}\n${extra}`;

describe('loadDesiredState on valid config', () => {
  it('loads examples/town: hq first, then every rig with its remotes and ignore patterns, and no warnings', () => {
    const { desired, diagnostics } = load({ town: 'examples/town', cwd: REPO });
    expect(diagnostics).toEqual([]);
    expect(desired.townRoot).toBe(join(REPO, 'examples', 'town'));
    expect(desired.databases.map((d) => [d.name, d.rig, d.kind, d.prefix, d.ensure, d.protect])).toEqual([
      ['hq', 'hq', 'Town', null, 'present', false],
      ['gastown', 'gastown', 'Rig', 'gt', 'present', false],
      ['longeye', 'longeye', 'Rig', 'le', 'present', false],
      ['wyvern', 'wyvern', 'Rig', 'wy', 'present', true],
    ]);
    const wyvern = desired.databases[3];
    expect(wyvern?.remotes).toEqual([
      { name: 'origin', url: 'file:///srv/dolt-remotes/wyvern' },
      { name: 'offsite', url: 'file:///srv/dolt-remotes-offsite/wyvern' },
    ]);
    expect(wyvern?.ignore).toEqual(['wisps', 'wisp_*']);
    expect(wyvern?.source).toEqual({ file: join(REPO, 'examples/town/mayor/rigs.d/wyvern.yaml'), line: 5, column: 9 });
    expect(desired.databases[2]?.remotes).toBeNull();
    expect(desired.databases[0]?.remotes).toEqual([{ name: 'origin', url: 'file:///srv/dolt-remotes/hq' }]);
    expect(desired.server.port).toEqual({ value: 3307, source: 'mayor/daemon.json env.GT_DOLT_PORT' });
    expect(desired.townName).toEqual({ value: 'example-town', source: 'mayor/rigs.d/town.yaml:7:9 metadata.name' });
    expect(desired.daemonConfig.exists).toBe(true);
    expect(desired.sources).toEqual([
      join(REPO, 'examples/town/mayor/daemon.json'),
      join(REPO, 'examples/town/mayor/rigs.d'),
      join(REPO, 'examples/town/mayor/rigs.d/more-rigs.yaml'),
      join(REPO, 'examples/town/mayor/rigs.d/town.yaml'),
      join(REPO, 'examples/town/mayor/rigs.d/wyvern.yaml'),
    ]);
  });

  it('resolves the Town manifest\'s metrics endpoints and replication, loopback unless given', () => {
    const town = [
      'apiVersion: gastown.dev/v1alpha1',
      'kind: Town',
      'spec:',
      '  server:',
      '    metrics: { host: 0.0.0.0, port: 9309, exposeMetrics: true }',
      '  replication:',
      '    role: standby',
      '    remotesapi: { port: 50052 }',
      '    peers:',
      '      - name: primary',
      '        remotesapi: http://10.0.0.5:50051/',
      '        sql: { host: 10.0.0.5, port: 3307 }',
      '  daemon:',
      '    metrics: { port: 9310 }',
      '',
    ].join('\n');
    const root = makeTown({ type: 'daemon-patrol-config', version: 1, env: { GT_DOLT_PORT: '3317' } }, { 'town.yaml': town });
    const { desired, diagnostics } = load({ town: root, cwd: root });
    expect(diagnostics).toEqual([]);
    expect(desired.server.metrics).toEqual({ host: '0.0.0.0', port: 9309 });
    expect(desired.server.cluster).toEqual({
      bootstrapRole: 'standby',
      remotesapi: { host: '127.0.0.1', port: 50052 },
      peers: [{ name: 'primary', remotesapi: 'http://10.0.0.5:50051', sql: { host: '10.0.0.5', port: 3307 } }],
      declaredAt: 'mayor/rigs.d/town.yaml:7:5',
    });
    expect(desired.daemonMetrics).toEqual({ host: '127.0.0.1', port: 9310 });
    expect(desired.server.rootPath).toEqual({ value: join(root, '.dolt-root'), source: "default (gt's: one root per server)" });
  });

  it('a town without a Town manifest declares no metrics and no replication', () => {
    const { desired } = load({ town: makeTown(null), cwd: REPO });
    expect([desired.server.metrics, desired.server.cluster, desired.daemonMetrics]).toEqual([null, null, null]);
  });

  it('accepts daemon.example.json as a town daemon.json', () => {
    const root = makeTown(null);
    copyFileSync(join(REPO, 'daemon.example.json'), join(root, 'mayor', 'daemon.json'));
    const { desired, diagnostics } = load({ town: root, cwd: root, platform: 'darwin' });
    expect(diagnostics).toEqual([]);
    expect(desired.server.supervision.healthCheckIntervalMs).toBe(30_000);
  });

  it('treats a missing daemon.json as an empty one and hq as the only database', () => {
    const root = makeTown(null);
    const { desired, diagnostics } = load({ town: root, cwd: '/' });
    expect(diagnostics).toEqual([]);
    expect(desired.daemonConfig).toEqual({
      path: join(root, 'mayor', 'daemon.json'),
      exists: false,
      raw: {},
      text: null,
      mode: null,
    });
    expect(desired.databases.map((d) => [d.name, d.source])).toEqual([['hq', null]]);
    // no Town document naming it: Gas Town's town.json takes the directory's name, as its install does
    expect(desired.townName).toEqual({ value: basename(root), source: "the town directory's name" });
  });

  it('reads -f files and directories instead of mayor/rigs.d/', () => {
    const root = makeTown(null, { 'ignored.yaml': rig('ignored', 'ig') });
    writeFileSync(join(root, 'elsewhere.yml'), rig('extra', 'ex'));
    const { desired } = load({
      town: root,
      cwd: root,
      files: ['elsewhere.yml', join(REPO, 'examples/town/mayor/rigs.d')],
    });
    expect(desired.databases.map((d) => d.name)).toEqual(['hq', 'extra', 'gastown', 'longeye', 'wyvern']);
  });

  it('accepts a test-prefixed database when the effective port is not 3307', () => {
    const root = makeTown(
      { env: { GT_DOLT_PORT: '3308' } },
      { 'alpha.yaml': rig('alpha', 'al', '  database: testdb_alpha\n') },
    );
    expect(load({ town: root, cwd: root }).desired.databases.map((d) => d.name)).toEqual(['hq', 'testdb_alpha']);
  });

  it('keeps unknown keys of daemon.json in the raw content', () => {
    const root = makeTown({
      future_key: { a: 1 },
      patrols: { new_dog: { enabled: true }, wisp_reaper: { enabled: false, extra: 'x' } },
    });
    expect(load({ town: root, cwd: root }).desired.daemonConfig.raw).toEqual({
      future_key: { a: 1 },
      patrols: { new_dog: { enabled: true }, wisp_reaper: { enabled: false, extra: 'x' } },
    });
  });
});

describe('town root discovery', () => {
  it('uses --town before GT_TOWN_ROOT', () => {
    const a = makeTown(null);
    const b = makeTown(null);
    expect(load({ town: a, env: { GT_TOWN_ROOT: b }, cwd: '/' }).desired.townRoot).toBe(a);
    expect(load({ env: { GT_TOWN_ROOT: b }, cwd: a }).desired.townRoot).toBe(b);
  });

  it('finds the nearest ancestor town, skipping a rig directory whose mayor/ holds only the rig clone', () => {
    const root = makeTown({});
    const deep = join(root, 'wyvern', 'mayor', 'rig', 'src');
    mkdirSync(deep, { recursive: true });
    expect(load({ cwd: deep }).desired.townRoot).toBe(root);
  });

  it('fails with GT-E001 when --town is not a town, or no town is found', () => {
    const notATown = makeTempDir('not-a-town');
    const codeOf = (options: Partial<LoadOptions> & { cwd: string }) => {
      try {
        load(options);
      } catch (error) {
        return (error as ConfigError).diagnostics.map((d) => [d.code, d.location.file, d.message]);
      }
      return [];
    };
    expect(codeOf({ town: notATown, cwd: '/' })).toEqual([
      [
        'GT-E001',
        notATown,
        `--town ${notATown}: not a town root (it has no mayor/ directory); \`gt init ${notATown}\` creates a town config there`,
      ],
    ]);
    expect(codeOf({ env: { GT_TOWN_ROOT: join(notATown, 'nope') }, cwd: '/' })[0]?.[0]).toBe('GT-E001');
    expect(codeOf({ cwd: notATown })[0]?.slice(0, 2)).toEqual(['GT-E001', notATown]);
  });
});

describe('who supervises the server', () => {
  const TOWN_YAML = 'apiVersion: gastown.dev/v1alpha1\nkind: Town\nspec:\n  server:\n    supervisor: gastown\n';

  it('gt by default; a Town manifest\'s spec.server.supervisor, with where it says so', () => {
    expect(load({ town: makeTown({}), cwd: '/' }).desired.server.supervisor).toEqual({ value: 'gt', source: 'default' });
    const root = makeTown({}, { 'town.yaml': TOWN_YAML });
    expect(load({ town: root, cwd: root }).desired.server.supervisor).toEqual({
      value: 'gastown',
      source: 'mayor/rigs.d/town.yaml:5:17 spec.server.supervisor',
    });
  });

  it('patrols.dolt_server.external wins over the manifest', () => {
    const root = makeTown({ patrols: { dolt_server: { external: true } } }, { 'town.yaml': TOWN_YAML });
    expect(load({ town: root, cwd: root }).desired.server.supervisor).toEqual({
      value: 'external',
      source: 'mayor/daemon.json patrols.dolt_server.external',
    });
  });

  it('a supervisor other than gt or gastown is refused with its place', () => {
    const root = makeTown({}, { 'town.yaml': TOWN_YAML.replace('supervisor: gastown', 'supervisor: systemd') });
    expect(() => load({ town: root, cwd: root })).toThrow(/town\.yaml:5:17: error GT-E023/);
  });
});

describe('warnings', () => {
  const warnings = (
    daemon: unknown,
    rigs: Record<string, string> = {},
    extra: (root: string) => void = () => undefined,
  ) => {
    const root = makeTown(daemon, rigs);
    extra(root);
    return load({ town: root, cwd: root }).diagnostics.map((d) => [d.code, d.location.line, d.message]);
  };

  it('GT-W060: a patrol names a database no manifest declares', () => {
    const found = warnings({ patrols: { wisp_reaper: { enabled: true, databases: ['hq', 'ghost'] } } });
    expect(found).toEqual([
      ['GT-W060', 7, 'patrols.wisp_reaper.databases names "ghost", which no manifest declares (declared: hq)'],
    ]);
  });

  it('GT-W060 in a large town names the first ten declared databases and counts the rest', () => {
    const rigs = Object.fromEntries(
      Array.from({ length: 12 }, (_, n) => [`r${n}.yaml`, `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: r${n}\nspec:\n  prefix: p${n}\n`]),
    );
    const [found] = warnings({ patrols: { wisp_reaper: { enabled: true, databases: ['ghost'] } } }, rigs);
    expect(found?.[2]).toBe(
      'patrols.wisp_reaper.databases names "ghost", which no manifest declares (declared: hq, r0, r1, r10, r11, r2, r3, r4, r5, r6 and 3 more)',
    );
  });

  it('GT-W061: enabled patrols that do nothing', () => {
    const found = warnings(
      {
        patrols: {
          jsonl_git_backup: { enabled: true, interval: '15m' },
          dolt_backup: { enabled: true },
          compactor_dog: { enabled: true },
          scheduled_maintenance: { enabled: true },
          dolt_remotes: { enabled: true },
          doctor_dog: { enabled: true },
        },
      },
      { 'wyvern.yaml': rig('wyvern', 'wy') },
      (root) => {
        mkdirSync(join(root, 'settings'));
        writeFileSync(join(root, 'settings', 'config.json'), '{"disabled_patrols": ["doctor_dog"]}');
      },
    );
    expect(found.map(([code, , message]) => [code, String(message).replace(/ but .*/, '')])).toEqual([
      ['GT-W061', 'patrols.jsonl_git_backup is enabled'],
      ['GT-W061', 'patrols.dolt_backup is enabled'],
      ['GT-W061', 'patrols.compactor_dog is enabled'],
      ['GT-W061', 'patrols.scheduled_maintenance is enabled'],
      ['GT-W061', 'patrols.dolt_remotes is enabled'],
      ['GT-W061', 'patrols.doctor_dog is enabled'],
    ]);
    expect(found[0]?.[2]).toContain('has no databases, so it exports nothing');
    expect(found[1]?.[2]).toContain('only on macOS');
    expect(found[5]?.[2]).toContain('disabled_patrols');
  });

  it('GT-W062: dolt_server.port disagrees with env.GT_DOLT_PORT, whether the entry is enabled or not', () => {
    for (const enabled of [true, false]) {
      const found = warnings({ patrols: { dolt_server: { enabled, port: 3309 } }, env: { GT_DOLT_PORT: '3308' } });
      expect(found.map(([code]) => code)).toEqual(['GT-W062']);
    }
  });

  it('GT-W067: a $GT_DOLT_PORT that daemon.json outranks', () => {
    const root = makeTown({ env: { GT_DOLT_PORT: '3308' } });
    const { desired, diagnostics } = load({ town: root, cwd: root, env: { GT_DOLT_PORT: '3399' } });
    expect(desired.server.port).toEqual({ value: 3308, source: 'mayor/daemon.json env.GT_DOLT_PORT' });
    expect(diagnostics.map((d) => [d.code, d.location.file])).toEqual([['GT-W067', '$GT_DOLT_PORT']]);
  });

  it('GT-W063: an unreadable Gas Town runtime file is ignored', () => {
    const found = warnings({}, {}, (root) => {
      mkdirSync(join(root, '.dolt-data'));
      writeFileSync(join(root, '.dolt-data', 'config.yaml'), 'listener: [port: 3308\n');
    });
    expect(found).toEqual([['GT-W063', 1, 'not valid YAML; gt ignores this file']]);
  });

  it('GT-W064: a password in a daemon.json others can read, once per file, pointing at the first secret', () => {
    const secret = { env: { GT_DOLT_PASSWORD: 's3cret' }, patrols: { dolt_server: { enabled: true, password: 'other' } } };
    const found = warnings(secret, {}, (root) => chmodSync(join(root, 'mayor', 'daemon.json'), 0o644));
    expect(found).toHaveLength(1);
    const [code, line, message] = found[0] as [string, number, string];
    expect([code, line]).toEqual(['GT-W064', 3]);
    expect(message).toMatch(/^this file holds a password \(env\.GT_DOLT_PASSWORD\) and is readable by its group and everyone \(mode 0644\); make it private: chmod 600 \/.*\/mayor\/daemon\.json$/);
    expect(message).not.toContain('s3cret');
    expect(warnings(secret, {}, (root) => chmodSync(join(root, 'mayor', 'daemon.json'), 0o600))).toEqual([]);
  });

  it('GT-W064: remote URLs with credentials in a manifest others can read; plain URLs and private files are fine', () => {
    const remotes = (url: string) => `  remotes:\n    - name: origin\n      url: ${url}\n`;
    const withToken = { 'wyvern.yaml': rig('wyvern', 'wy', remotes('https://dolt.example/wyvern?token=abc123')) };
    const found = warnings({}, withToken, (root) => chmodSync(join(root, 'mayor', 'rigs.d', 'wyvern.yaml'), 0o640));
    expect(found).toEqual([
      [
        'GT-W064',
        9,
        expect.stringMatching(/^this file holds credentials in the URL of remote origin and is readable by its group \(mode 0640\); make it private: chmod 600 /),
      ],
    ]);
    expect(found[0]?.[2]).not.toContain('abc123');
    expect(warnings({}, withToken, (root) => chmodSync(join(root, 'mayor', 'rigs.d', 'wyvern.yaml'), 0o600))).toEqual([]);
    const plain = { 'wyvern.yaml': rig('wyvern', 'wy', remotes('https://dolt.example/wyvern')) };
    expect(warnings({}, plain, (root) => chmodSync(join(root, 'mayor', 'rigs.d', 'wyvern.yaml'), 0o644))).toEqual([]);
  });

  it('warnings do not stop loading', () => {
    const root = makeTown({ patrols: { dolt_backup: { enabled: true } } });
    const { desired, diagnostics } = load({ town: root, cwd: root });
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(desired.databases).toHaveLength(1);
  });

  it('an error throws ConfigError carrying the warnings too', () => {
    const root = makeTown({ patrols: { dolt_backup: { enabled: true } } }, { 'hq.yaml': rig('hq', 'hh') });
    expect(() => load({ town: root, cwd: root })).toThrow(ConfigError);
    try {
      load({ town: root, cwd: root });
    } catch (error) {
      expect((error as ConfigError).diagnostics.map((d) => d.code)).toEqual(['GT-W061', 'GT-E043']);
    }
  });
});
