import { flattenServerConfig, renderServerConfigYaml, serverConfigSettings } from '../../../src/config/server-config-yaml.js';
import { parseYamlDocuments } from '../../../src/config/yaml-documents.js';
import { serverSettings } from '../plan/fixtures.js';

const given = <T>(value: T) => ({ value, source: 'test' });

describe('config.yaml settings without a parser', () => {
  test.each([
    ['the defaults', serverSettings()],
    ['a wildcard IPv4 host', serverSettings({ host: given('0.0.0.0') })],
    ['a wildcard IPv6 host', serverSettings({ host: given('::') })],
    ['a host name', serverSettings({ host: given('dolt.internal.example') })],
    ['a host YAML would read as a number', serverSettings({ host: given('1e3') })],
    ['a data dir with spaces and quotes', serverSettings({ dataDir: given('/srv/my "town"/.dolt-data') })],
    ['a wait timeout', serverSettings({ waitTimeoutSeconds: given(3600), logLevel: given('debug'), port: given(4406) })],
  ])('are what parsing the rendered file gives (%s)', (_case, server) => {
    const { documents, diagnostics } = parseYamlDocuments('/t/config.yaml', renderServerConfigYaml(server));
    expect(diagnostics).toEqual([]);
    expect(flattenServerConfig(documents[0]?.value)).toEqual(serverConfigSettings(server));
  });

  test('a file that is not a map has no settings', () => {
    expect(flattenServerConfig(['listener'])).toBeNull();
    expect(flattenServerConfig('port: 1')).toBeNull();
  });
});
