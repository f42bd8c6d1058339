import { flattenServerConfig, renderServerConfigYaml, serverConfigSettings } from '../../../src/config/server-config-yaml.js';
import { parseYamlDocuments } from '../../../src/config/yaml-documents.js';
import { clusterSettings, serverSettings } from '../plan/fixtures.js';

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
    ['a metrics endpoint', serverSettings({ metrics: { host: '127.0.0.1', port: 9309 } })],
    ['a metrics endpoint on every address', serverSettings({ metrics: { host: '::', port: 9309 } })],
    ['cluster replication', serverSettings({ cluster: clusterSettings() })],
    [
      'a standby with two peers',
      serverSettings({
        cluster: clusterSettings({
          bootstrapRole: 'standby',
          peers: [
            { name: 'primary', remotesapi: 'http://10.0.0.5:50051', sql: null },
            { name: 'standby_2', remotesapi: 'https://dolt-b.internal:50053', sql: null },
          ],
        }),
      }),
    ],
  ])('are what parsing the rendered file gives (%s)', (_case, server) => {
    const { documents, diagnostics } = parseYamlDocuments('/t/config.yaml', renderServerConfigYaml(server));
    expect(diagnostics).toEqual([]);
    expect(flattenServerConfig(documents[0]?.value)).toEqual(serverConfigSettings(server));
  });

  test('cluster replication: each peer is a standby remote whose template names the database', () => {
    const text = renderServerConfigYaml(serverSettings({ cluster: clusterSettings(), metrics: { host: '127.0.0.1', port: 9309 } }));
    expect(text).toContain(
      [
        'metrics:',
        '  host: 127.0.0.1',
        '  port: 9309',
        '',
        'cluster:',
        '  standby_remotes:',
        '    - name: standby1',
        '      remote_url_template: "http://127.0.0.1:50052/{database}"',
        '  bootstrap_role: primary',
        '  bootstrap_epoch: 1',
        '  remotesapi:',
        '    address: 127.0.0.1',
        '    port: 50051',
      ].join('\n'),
    );
  });

  test('a file that is not a map has no settings', () => {
    expect(flattenServerConfig(['listener'])).toBeNull();
    expect(flattenServerConfig('port: 1')).toBeNull();
  });
});
