import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDaemonFile } from '../../../src/config/daemon-file.js';
import { daemonConfigText, plannedFill, writeDaemonConfig, type PlannedFill } from '../../../src/config/daemon-file-writer.js';
import { ConfigError } from '../../../src/config/diagnostics.js';
import { LIFECYCLE_DEFAULTS } from '../../../src/config/lifecycle.js';
import type { JsonValue } from '../../../src/lib/json-value.js';
import { makeTempDir } from '../../helpers/env.js';

const NINE = Object.keys(LIFECYCLE_DEFAULTS);

/** A daemon.json with `text` (null: none), its mtime set in the past so a rewrite is visible. */
function daemonFile(text: string | null, mode = 0o644): string {
  const mayor = join(makeTempDir('lifecycle'), 'mayor');
  mkdirSync(mayor);
  const path = join(mayor, 'daemon.json');
  if (text !== null) {
    writeFileSync(path, text);
    chmodSync(path, mode);
    utimesSync(path, new Date('2024-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
  }
  return path;
}

/** The daemon.json step of a plan that only fills the lifecycle defaults; returns the keys filled. */
function writeLifecycleDefaults(path: string, fill: PlannedFill): string[] {
  return writeDaemonConfig(path, { ...fill, settings: [] }).filled;
}

/** Plans the fill from the file as it is, then writes it (what apply does). */
function ensure(path: string): string[] {
  return writeLifecycleDefaults(path, plannedFill(readDaemonFile(path).file));
}

const parsed = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as { patrols: Record<string, unknown> } & Record<string, unknown>;

describe('writeDaemonConfig: EnsureLifecycleDefaults on disk', () => {
  it('no patrols: adds all nine lifecycle entries and keeps the other keys first', () => {
    const path = daemonFile('{\n  "type": "daemon-patrol-config",\n  "version": 1\n}\n');
    expect(ensure(path)).toEqual(NINE);
    const content = parsed(path);
    expect(Object.keys(content)).toEqual(['type', 'version', 'patrols']);
    expect(content.patrols).toEqual(LIFECYCLE_DEFAULTS);
    expect(
      readFileSync(path, 'utf8').startsWith(
        '{\n  "type": "daemon-patrol-config",\n  "version": 1,\n  "patrols": {\n    "handler": {\n',
      ),
    ).toBe(true);
  });

  it('some patrols: fills only the missing ones and leaves the present ones as they are', () => {
    const path = daemonFile(
      JSON.stringify(
        { patrols: { wisp_reaper: { enabled: true, interval: '2h' }, deacon: { enabled: true } } },
        null,
        2,
      ),
    );
    expect(ensure(path)).toEqual(NINE.filter((k) => k !== 'wisp_reaper'));
    const { patrols } = parsed(path);
    expect(patrols.wisp_reaper).toEqual({ enabled: true, interval: '2h' });
    expect(patrols.deacon).toEqual({ enabled: true });
    expect(Object.keys(patrols)).toEqual(['wisp_reaper', 'deacon', ...NINE.filter((k) => k !== 'wisp_reaper')]);
  });

  it('an explicit {"enabled": false} entry is never touched', () => {
    const path = daemonFile(JSON.stringify({ patrols: { dolt_backup: { enabled: false } } }));
    expect(ensure(path)).not.toContain('dolt_backup');
    expect(parsed(path).patrols.dolt_backup).toEqual({ enabled: false });
  });

  it('an empty {} entry counts as configured and stays empty', () => {
    const path = daemonFile(JSON.stringify({ patrols: { doctor_dog: {} } }));
    expect(ensure(path)).not.toContain('doctor_dog');
    expect(parsed(path).patrols.doctor_dog).toEqual({});
  });

  it('null entries and a null patrols object are refilled', () => {
    const path = daemonFile('{"patrols": {"handler": null, "wisp_reaper": null, "doctor_dog": {}}}');
    expect(ensure(path)).toEqual(NINE.filter((k) => k !== 'doctor_dog'));
    expect(parsed(path).patrols.handler).toEqual({ enabled: true });
    expect(parsed(path).patrols.wisp_reaper).toEqual(LIFECYCLE_DEFAULTS.wisp_reaper);

    const nullPatrols = daemonFile('{"type": "daemon-patrol-config", "patrols": null}');
    expect(ensure(nullPatrols)).toEqual(NINE);
    expect(parsed(nullPatrols).patrols).toEqual(LIFECYCLE_DEFAULTS);
  });

  it('keeps unknown keys, key order and the formatting of everything it does not fill, byte for byte', () => {
    const head = '{\n    "zzz_future": {"keep": [1,2,3]},\n    "type": "daemon-patrol-config",\n';
    const tail = '    "env": {"GT_DOLT_PORT": "3308", "CUSTOM": "x"}\n}';
    const original = `${head}    "patrols": {\n        "new_dog": {"enabled": true, "knob": 7},\n        "wisp_reaper": {"enabled": false, "extra": "y"}\n    },\n${tail}`;
    const path = daemonFile(original);
    ensure(path);
    const after = readFileSync(path, 'utf8');
    expect(
      after.startsWith(
        `${head}    "patrols": {\n        "new_dog": {"enabled": true, "knob": 7},\n        "wisp_reaper": {"enabled": false, "extra": "y"},\n`,
      ),
    ).toBe(true);
    expect(after.endsWith(`    },\n${tail}`)).toBe(true);
    expect(after).toContain('\n        "handler": {\n            "enabled": true\n        },\n');
    const content = parsed(path);
    expect(Object.keys(content)).toEqual(['zzz_future', 'type', 'patrols', 'env']);
    expect(content.patrols.new_dog).toEqual({ enabled: true, knob: 7 });
  });

  it.each([
    ['an empty object', '{}'],
    ['an empty patrols object', '{\n  "patrols": {}\n}\n'],
    ['a one-line file', '{"type":"daemon-patrol-config","patrols":{"deacon":{"enabled":true}}}'],
    ['tab indentation', '{\n\t"patrols": {\n\t\t"deacon": {"enabled": true}\n\t}\n}\n'],
    ['CRLF line endings', '{\r\n  "patrols": {\r\n    "deacon": {"enabled": true}\r\n  }\r\n}\r\n'],
  ])('fills %s into valid JSON with the same content as the pure function', (_shape, text) => {
    const path = daemonFile(text);
    ensure(path);
    const after = readFileSync(path, 'utf8');
    const before = JSON.parse(text) as Record<string, unknown>;
    expect(JSON.parse(after)).toEqual({ ...before, patrols: { ...(before.patrols as object), ...LIFECYCLE_DEFAULTS } });
    if (text.includes('\r\n')) expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    if (text.includes('\t')) expect(after).toContain('\n\t\t"handler": {\n\t\t\t"enabled": true\n\t\t}');
  });

  it('keeps the file mode', () => {
    const path = daemonFile('{"version": 1}', 0o600);
    ensure(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a second run writes nothing: content and mtime unchanged', () => {
    const path = daemonFile('{"version": 1}');
    expect(ensure(path)).toEqual(NINE);
    const past = new Date('2024-06-01T00:00:00Z');
    utimesSync(path, past, past);
    const content = readFileSync(path, 'utf8');
    expect(ensure(path)).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(statSync(path).mtime).toEqual(past);
  });

  it('a missing file becomes Gas Town default file (2-space JSON)', () => {
    const path = daemonFile(null);
    expect(ensure(path)).toEqual(NINE);
    expect(readFileSync(path, 'utf8')).toBe(
      `${JSON.stringify({ type: 'daemon-patrol-config', version: 1, patrols: LIFECYCLE_DEFAULTS }, null, 2)}\n`,
    );
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('refuses broken JSON with its line and column, leaving the file byte-identical', () => {
    const broken = '{\n  "type": "daemon-patrol-config",\n  "patrols": {"wisp_reaper": {"enabled": true},}\n}\n';
    const path = daemonFile(broken);
    const before = statSync(path).mtimeMs;
    let thrown: unknown;
    try {
      ensure(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).diagnostics).toEqual([
      expect.objectContaining({ code: 'GT-E010', location: { file: path, line: 3, column: 47 } }),
    ]);
    expect((thrown as Error).message).toContain(`${path}:3:47: error GT-E010: trailing comma`);
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('refuses a file that broke after it was loaded', () => {
    const path = daemonFile('{"version": 1}');
    const loaded = readDaemonFile(path).file;
    writeFileSync(path, '{"version": 1');
    expect(() => writeLifecycleDefaults(path, plannedFill(loaded))).toThrow(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1');
  });

  it.each([
    ['edited', '{"version": 1}', '{"version": 1, "patrols": {"handler": {"enabled": false}}}', 'was edited after the plan was made'],
    ['created', null, '{"version": 1}', 'was created after the plan was made'],
    ['removed', '{"version": 1}', null, 'was removed after the plan was made'],
  ])('refuses a file %s between plan and write, writing nothing', (_change, planned, now, says) => {
    const path = daemonFile(planned);
    const plan = plannedFill(readDaemonFile(path).file);
    if (now === null) rmSync(path);
    else {
      writeFileSync(path, now);
      utimesSync(path, new Date('2024-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
    }
    expect(() => writeLifecycleDefaults(path, plan)).toThrow(says);
    if (now === null) expect(existsSync(path)).toBe(false);
    else {
      expect(readFileSync(path, 'utf8')).toBe(now);
      expect(statSync(path).mtime).toEqual(new Date('2024-01-01T00:00:00Z'));
    }
  });

  it('refuses a file Gas Town could not unmarshal (a string in a nanosecond field)', () => {
    const text = '{"patrols": {"dolt_server": {"restart_delay": "5s"}}}';
    const path = daemonFile(text);
    expect(() => ensure(path)).toThrow(/GT-E026/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('writeDaemonConfig: settings at a JSON path, with the fill in the same write', () => {
  const ENABLED = ['patrols', 'dolt_server', 'enabled'];

  /** Plans the write of `settings` (and the fill) from the file as it is, then writes it. */
  function write(path: string, settings: { path: string[]; value: JsonValue }[]) {
    return writeDaemonConfig(path, { ...plannedFill(readDaemonFile(path).file), settings });
  }

  it('changes only the value, keeping every other byte: formatting, key order, unknown keys', () => {
    const before = [
      '{',
      '    "x_operator_note": "keep me",',
      '    "type": "daemon-patrol-config",',
      `    "patrols": ${JSON.stringify(LIFECYCLE_DEFAULTS).slice(0, -1)},`,
      '        "dolt_server": {"enabled": true, "port": 13417, "custom_unknown": {"a": [1, 2]}}',
      '    },',
      '    "env": {"GT_DOLT_PORT": "13417"}',
      '}',
    ].join('\n');
    const path = daemonFile(before, 0o600);
    expect(write(path, [{ path: ENABLED, value: false }])).toEqual({ filled: [], set: ['patrols.dolt_server.enabled'] });
    expect(readFileSync(path, 'utf8')).toBe(before.replace('"enabled": true, "port": 13417', '"enabled": false, "port": 13417'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('fills the missing patrols and sets the setting in one write', () => {
    const path = daemonFile('{\n  "type": "daemon-patrol-config",\n  "patrols": {\n    "dolt_server": {"enabled": true}\n  }\n}\n');
    const result = write(path, [{ path: ENABLED, value: false }]);
    expect(result).toEqual({ filled: NINE, set: ['patrols.dolt_server.enabled'] });
    expect(parsed(path).patrols).toEqual({ dolt_server: { enabled: false }, ...LIFECYCLE_DEFAULTS });
    expect(readFileSync(path, 'utf8')).toContain('    "dolt_server": {"enabled": false},\n    "handler": {\n');
  });

  it.each([
    ['a missing entry', '{\n  "patrols": {"handler": {"enabled": true}}\n}\n'],
    ['a null entry', '{\n  "patrols": {"handler": {"enabled": true}, "dolt_server": null}\n}\n'],
    ['null patrols', '{\n  "version": 1,\n  "patrols": null\n}\n'],
  ])('creates the objects on the way when the setting lands in %s', (_case, text) => {
    const path = daemonFile(text);
    write(path, [
      { path: ENABLED, value: true },
      { path: ['patrols', 'dolt_server', 'port'], value: 13417 },
    ]);
    const after = readFileSync(path, 'utf8');
    expect(parsed(path).patrols.dolt_server).toEqual({ enabled: true, port: 13417 });
    expect(after).toContain('"dolt_server": {\n      "enabled": true,\n      "port": 13417\n    }');
  });

  it('a missing file: Gas Town\'s default file, then the settings', () => {
    const path = daemonFile(null);
    expect(write(path, [{ path: ENABLED, value: true }])).toEqual({ filled: NINE, set: ['patrols.dolt_server.enabled'] });
    expect(parsed(path)).toEqual({ type: 'daemon-patrol-config', version: 1, patrols: { ...LIFECYCLE_DEFAULTS, dolt_server: { enabled: true } } });
  });

  it('refuses a file edited since the plan, naming the planned settings, writing nothing', () => {
    const path = daemonFile(JSON.stringify({ patrols: { ...LIFECYCLE_DEFAULTS, dolt_server: { enabled: true } } }));
    const planned = { ...plannedFill(readDaemonFile(path).file), settings: [{ path: ENABLED, value: false }] };
    const edited = JSON.stringify({ patrols: { ...LIFECYCLE_DEFAULTS, dolt_server: { enabled: true, port: 1 } } });
    writeFileSync(path, edited);
    expect(() => writeDaemonConfig(path, planned)).toThrow(/was edited after the plan was made, so the planned write of patrols\.dolt_server\.enabled/);
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });

  it('the pure text is what the writer writes (the daemon knows its own write by it)', () => {
    const path = daemonFile('{"patrols": {"dolt_server": {"enabled": true}}}');
    const file = readDaemonFile(path).file;
    const planned = { ...plannedFill(file), settings: [{ path: ENABLED, value: false }] };
    const text = daemonConfigText(file, planned)?.text;
    writeDaemonConfig(path, planned);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
