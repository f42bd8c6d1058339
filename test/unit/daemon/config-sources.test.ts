import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDaemonFile } from '../../../src/config/daemon-file.js';
import { daemonConfigText, plannedFill, writeDaemonConfig } from '../../../src/config/daemon-file-writer.js';
import { configFileHashes, configFiles, configSources, fingerprintOf, isConfigPath, withOwnWrite } from '../../../src/daemon/config-sources.js';
import { makeTempDir } from '../../helpers/env.js';

describe('configSources and isConfigPath', () => {
  test('by default: mayor/daemon.json and the manifests in mayor/rigs.d/', () => {
    const sources = configSources('/t', [], '/anywhere');
    expect(sources).toEqual({ daemonJson: '/t/mayor/daemon.json', manifestDirs: ['/t/mayor/rigs.d'], manifestFiles: [] });
    expect(isConfigPath(sources, '/t/mayor/daemon.json')).toBe(true);
    expect(isConfigPath(sources, '/t/mayor/rigs.d/wyvern.yaml')).toBe(true);
    expect(isConfigPath(sources, '/t/mayor/rigs.d/wyvern.yml')).toBe(true);
    expect(isConfigPath(sources, '/t/mayor/rigs.d')).toBe(true);
  });

  test("editors' temp files, other files and nested directories are not config", () => {
    const sources = configSources('/t', [], '/');
    for (const path of [
      '/t/mayor/.daemon.json.tmp.12.ab',
      '/t/mayor/daemon.json~',
      '/t/mayor/rigs.d/.wyvern.yaml.swp',
      '/t/mayor/rigs.d/.hidden.yaml',
      '/t/mayor/rigs.d/README.md',
      '/t/mayor/rigs.d/sub/x.yaml',
      '/t/mayor/town.json',
    ]) {
      expect([path, isConfigPath(sources, path)]).toEqual([path, false]);
    }
  });

  test('-f paths replace rigs.d/: directories and files, relative to cwd', () => {
    const sources = configSources('/t', ['gitops/rigs', '/abs/one.yaml'], '/work');
    expect(sources.manifestDirs).toEqual(['/work/gitops/rigs']);
    expect(sources.manifestFiles).toEqual(['/abs/one.yaml']);
    expect(isConfigPath(sources, '/work/gitops/rigs/a.yaml')).toBe(true);
    expect(isConfigPath(sources, '/abs/one.yaml')).toBe(true);
    expect(isConfigPath(sources, '/abs/two.yaml')).toBe(false);
    expect(isConfigPath(sources, '/t/mayor/rigs.d/a.yaml')).toBe(false);
  });
});

describe("the daemon's own write of the lifecycle defaults", () => {
  /** A town whose daemon.json lacks the defaults; the hashes as a reconcile reads them, and what gt writes then. */
  function townBeforeOwnWrite() {
    const root = makeTempDir('sources');
    mkdirSync(join(root, 'mayor', 'rigs.d'), { recursive: true });
    writeFileSync(join(root, 'mayor', 'daemon.json'), '{"type": "daemon-patrol-config", "version": 1}\n');
    writeFileSync(join(root, 'mayor', 'rigs.d', 'wyvern.yaml'), 'apiVersion: gt.gastown.io/v1\nkind: Rig\nmetadata:\n  name: wyvern\n');
    const sources = configSources(root, [], root);
    const read = configFileHashes(sources);
    const loaded = readDaemonFile(sources.daemonJson).file;
    const planned = { ...plannedFill(loaded), settings: [] };
    const ownWrite = fingerprintOf(withOwnWrite(read, sources.daemonJson, daemonConfigText(loaded, planned)?.text ?? ''));
    expect(writeDaemonConfig(loaded.path, planned).filled.length).toBe(9);
    return { root, sources, read, ownWrite };
  }

  test('is known for what it is: the files afterwards have the fingerprint it predicts', () => {
    const { sources, read, ownWrite } = townBeforeOwnWrite();
    expect(fingerprintOf(configFileHashes(sources))).toBe(ownWrite);
    expect(ownWrite).not.toBe(fingerprintOf(read));
  });

  test('an operator edit made meanwhile, to a manifest or to daemon.json, still differs from it', () => {
    const manifest = townBeforeOwnWrite();
    writeFileSync(join(manifest.root, 'mayor', 'rigs.d', 'kestrel.yaml'), 'apiVersion: gt.gastown.io/v1\nkind: Rig\nmetadata:\n  name: kestrel\n');
    expect(fingerprintOf(configFileHashes(manifest.sources))).not.toBe(manifest.ownWrite);

    const daemonJson = townBeforeOwnWrite();
    writeFileSync(daemonJson.sources.daemonJson, '{"type": "daemon-patrol-config", "version": 1, "env": {"GT_DOLT_PORT": "4001"}}\n');
    expect(fingerprintOf(configFileHashes(daemonJson.sources))).not.toBe(daemonJson.ownWrite);
  });
});

describe('configFiles', () => {
  test('a symlink to a regular manifest is watched like the file (as the loader reads it); links to devices and dangling links are not', () => {
    const root = makeTempDir('sources');
    const rigs = join(root, 'mayor', 'rigs.d');
    mkdirSync(rigs, { recursive: true });
    writeFileSync(join(root, 'outside.yaml'), 'kind: Rig\n');
    writeFileSync(join(rigs, 'plain.yaml'), 'kind: Rig\n');
    symlinkSync(join(root, 'outside.yaml'), join(rigs, 'linked.yaml'));
    symlinkSync('/dev/zero', join(rigs, 'zero.yaml'));
    symlinkSync(join(root, 'gone.yaml'), join(rigs, 'dangling.yaml'));
    const files = configFiles(configSources(root, [], root));
    expect(files).toEqual([join(root, 'mayor', 'daemon.json'), join(rigs, 'linked.yaml'), join(rigs, 'plain.yaml')]);
    expect(configFileHashes(configSources(root, [], root)).has(join(rigs, 'linked.yaml'))).toBe(true);
  });
});
