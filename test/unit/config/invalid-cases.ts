import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/config/, absolute. */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'config');

/** One invalid input: the town and -f paths to load, and the single error it must produce. */
export interface InvalidCase {
  name: string;
  town: string;
  files: string[];
  code: string;
  /** Fixture file the error points into, relative to FIXTURES. */
  file: string;
  line: number;
  /** A piece of the message that says what is wrong or what is allowed. */
  says: string;
}

function daemonCase(name: string, code: string, line: number, says: string): InvalidCase {
  return {
    name: `daemon.json: ${name}`,
    town: join('daemon', name),
    files: [],
    code,
    file: join('daemon', name, 'mayor', 'daemon.json'),
    line,
    says,
  };
}

function rigCase(name: string, code: string, line: number, says: string, file = name): InvalidCase {
  return {
    name: `manifest: ${name}`,
    town: 'base-town',
    files: [join('rigs', name)],
    code,
    file: join('rigs', file),
    line,
    says,
  };
}

export const INVALID_CASES: InvalidCase[] = [
  daemonCase('daemon-json-directory', 'GT-E003', 1, 'is a directory, but Gas Town and gt read daemon.json as a JSON file: move it aside'),
  daemonCase('trailing-comma', 'GT-E010', 3, 'trailing comma'),
  daemonCase('comment', 'GT-E010', 2, 'comments are not allowed'),
  daemonCase('empty-file', 'GT-E010', 1, 'expected a value'),
  daemonCase('duplicate-key', 'GT-E011', 5, 'duplicate key "wisp_reaper" (first at line 3)'),
  daemonCase('not-an-object', 'GT-E022', 1, 'the document must be an object'),
  daemonCase('enabled-not-boolean', 'GT-E022', 4, 'patrols.doctor_dog.enabled must be true or false'),
  daemonCase('env-value-not-string', 'GT-E022', 4, 'env.GT_DOLT_WAIT_TIMEOUT must be a string'),
  daemonCase('threshold-fraction', 'GT-E022', 5, 'patrols.compactor_dog.threshold must be an integer'),
  daemonCase('unknown-type', 'GT-E023', 2, 'allowed values: "daemon-patrol-config", ""'),
  daemonCase('compactor-mode', 'GT-E023', 3, 'allowed values: "flatten", "surgical"'),
  daemonCase('version-2', 'GT-E024', 3, 'version is 2; it must be <= 1'),
  daemonCase('spike-threshold-zero', 'GT-E024', 5, 'spike_threshold is 0; it must be > 0'),
  daemonCase('duration-in-days', 'GT-E025', 5, '"168h" for 7 days'),
  daemonCase('maintenance-interval', 'GT-E025', 6, 'use "daily", "weekly", "monthly" or a Go duration'),
  daemonCase('string-in-nanoseconds', 'GT-E026', 6, 'write 5000000000 for "5s"'),
  daemonCase('remotes-interval-string', 'GT-E026', 3, 'write 900000000000 for "15m"'),
  daemonCase('window-out-of-range', 'GT-E027', 5, '"HH:MM" from 00:00 to 23:59'),
  daemonCase('env-port-out-of-range', 'GT-E047', 3, 'use a port from 1024 to 65535'),
  daemonCase('env-port-not-a-number', 'GT-E047', 3, 'use a port number from 1024 to 65535'),
  daemonCase('env-wait-timeout-too-long', 'GT-E049', 3, 'use a number of seconds from 1 to 31536000'),
  rigCase('yaml-syntax.yaml', 'GT-E012', 8, 'invalid YAML'),
  rigCase('duplicate-key.yaml', 'GT-E013', 7, 'duplicate key "prefix" (first at line 6)'),
  rigCase('merge-key.yaml', 'GT-E017', 6, 'merge keys ("<<") are not supported in manifests: write the keys out in full'),
  rigCase('no-kind.yaml', 'GT-E014', 1, '`kind: Rig` or `kind: Town`'),
  rigCase('not-a-mapping.yaml', 'GT-E014', 1, 'not a manifest'),
  rigCase('unknown-kind.yaml', 'GT-E015', 2, 'unknown kind "Rigg"; allowed kinds: Rig, Town'),
  rigCase('two-towns.yaml', 'GT-E016', 7, 'a town has at most one'),
  rigCase(
    'unknown-key.yaml',
    'GT-E020',
    7,
    'unknown key "remote" in spec; allowed keys: prefix, database, ensure, protect, remotes, backups, ignore, lifecycle',
  ),
  rigCase('missing-prefix.yaml', 'GT-E021', 5, 'spec is missing the required key "prefix"'),
  rigCase('protect-not-boolean.yaml', 'GT-E022', 7, 'spec.protect must be true or false'),
  rigCase('ensure-invalid.yaml', 'GT-E023', 7, 'allowed values: "present", "absent"'),
  rigCase('api-version.yaml', 'GT-E023', 1, 'apiVersion must be "gastown.dev/v1alpha1"'),
  rigCase('name-not-identifier.yaml', 'GT-E028', 4, 'e.g. "my_rig"'),
  rigCase('name-too-long.yaml', 'GT-E028', 4, 'at most 64 characters'),
  rigCase('prefix-trailing-hyphen.yaml', 'GT-E029', 6, 'write "wy"'),
  rigCase('remote-name-invalid.yaml', 'GT-E030', 8, 'a remote name uses only letters, digits'),
  rigCase('ignore-duplicate.yaml', 'GT-E031', 7, 'spec.ignore lists "wisps" twice'),
  rigCase('ignore-system-tables.yaml', 'GT-E050', 9, 'ignore pattern "dolt_*": it matches dolt_ignore itself'),
  rigCase('duplicate-name', 'GT-E040', 5, 'rig name "wyvern" is already declared at', join('duplicate-name', 'b.yaml')),
  rigCase('duplicate-prefix', 'GT-E041', 6, 'prefix "wy" is already declared at', join('duplicate-prefix', 'b.yaml')),
  rigCase(
    'duplicate-database',
    'GT-E042',
    7,
    'database "wyvern" is already declared at',
    join('duplicate-database', 'b.yaml'),
  ),
  rigCase('rig-named-hq.yaml', 'GT-E043', 4, 'a rig cannot be named "hq"'),
  rigCase('database-hq.yaml', 'GT-E043', 7, 'a rig cannot use the database "hq"'),
  rigCase('prefix-hq.yaml', 'GT-E043', 6, 'the prefix "hq-cv" belongs to the town'),
  rigCase('remote-scheme.yaml', 'GT-E044', 9, 'uses the scheme ftp://'),
  rigCase('remote-relative-file.yaml', 'GT-E044', 9, 'needs an absolute path'),
  rigCase('duplicate-remote.yaml', 'GT-E045', 10, 'remote name "origin" is already declared at'),
  rigCase('test-database-on-3307.yaml', 'GT-E046', 7, 'the production port 3307'),
  rigCase('lifecycle-duration-days.yaml', 'GT-E025', 9, '"24h" for 1 days'),
  rigCase('lifecycle-duration-zero.yaml', 'GT-E024', 9, 'spec.lifecycle.decay.interval is "0s"; it must be longer than 0'),
  rigCase('lifecycle-window-format.yaml', 'GT-E027', 10, 'use a local time window "HH:MM-HH:MM"'),
  rigCase('lifecycle-window-empty.yaml', 'GT-E027', 10, 'it starts where it ends, so it is never open'),
  rigCase('lifecycle-threshold-zero.yaml', 'GT-E024', 10, 'spec.lifecycle.compaction.threshold is 0; it must be >= 1'),
  rigCase('sync-push-interval-zero.yaml', 'GT-E024', 11, 'spec.remotes.0.pushInterval is "0s"; it must be longer than 0'),
  rigCase('backup-duplicate-name.yaml', 'GT-E071', 10, 'backup name "local" is already declared as spec.backups[0]'),
  rigCase('backup-url-relative.yaml', 'GT-E070', 9, 'a file:// URL needs an absolute path'),
  rigCase('lifecycle-keep-recent.yaml', 'GT-E051', 11, 'make keepRecent less than threshold'),
  rigCase('lifecycle-mode.yaml', 'GT-E023', 9, 'allowed values: "off", "flatten", "surgical"'),
  rigCase('lifecycle-executor-in-rig.yaml', 'GT-E020', 8, 'unknown key "executor" in spec.lifecycle; allowed keys: decay, compaction'),
  rigCase('replication-role.yaml', 'GT-E023', 5, 'allowed values: "primary", "standby"'),
  rigCase('metrics-not-loopback.yaml', 'GT-E055', 6, 'or add exposeMetrics: true to spec.server.metrics'),
  rigCase('peer-url-path.yaml', 'GT-E056', 9, 'has more than a scheme, a host and a port'),
  rigCase('peer-duplicate.yaml', 'GT-E057', 10, 'peer name "standby1" is already declared at'),
  rigCase('remote-named-like-peer.yaml', 'GT-E058', 7, 'Dolt adds a remote of that name to every database'),
  rigCase('listeners-one-port.yaml', 'GT-E059', 8, 'port 9309 is already spec.server.metrics'),
];
