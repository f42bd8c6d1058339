import { configSources, isConfigPath } from '../../../src/daemon/config-sources.js';

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
