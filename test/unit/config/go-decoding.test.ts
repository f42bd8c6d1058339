import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDaemonFile } from '../../../src/config/daemon-file.js';
import { plannedFill, writeDaemonConfig } from '../../../src/config/daemon-file-writer.js';
import { ConfigError, type Diagnostic } from '../../../src/config/diagnostics.js';
import { LIFECYCLE_DEFAULTS } from '../../../src/config/lifecycle.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { planDaemonConfig } from '../../../src/plan/plan-daemon-config.js';
import { makeTempDir } from '../../helpers/env.js';

/** A town whose mayor/daemon.json is `text`; returns the town root. */
function town(text: string): string {
  const root = makeTempDir('go-decoding');
  mkdirSync(join(root, 'mayor'));
  writeFileSync(join(root, 'mayor', 'daemon.json'), text);
  return root;
}

/**
 * A daemon.json with every lifecycle patrol on a line of its own (disabled, so no warning fires), `entries` replacing
 * or adding lines (`"key": value`), and `topLevel` lines before patrols.
 */
function daemonJson(entries: Record<string, string>, topLevel = ''): string {
  const keys = [...new Set([...Object.keys(LIFECYCLE_DEFAULTS), ...Object.keys(entries)])];
  const lines = keys.map((key) => `    ${entries[key] ?? `"${key}": {"enabled": false}`}`);
  return `{\n  "type": "daemon-patrol-config",${topLevel}\n  "patrols": {\n${lines.join(',\n')}\n  }\n}\n`;
}

/** line:column (1-based) where `needle` starts in the town's daemon.json. */
function at(root: string, needle: string): string {
  const text = readFileSync(join(root, 'mayor', 'daemon.json'), 'utf8');
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
}

/** What `gt validate` and `gt diff` get from the loader: its errors (thrown) and warnings. */
function load(root: string): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  try {
    const { diagnostics } = loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'darwin' });
    return { errors: [], warnings: diagnostics };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      errors: error.diagnostics.filter((d) => d.severity === 'error'),
      warnings: error.diagnostics.filter((d) => d.severity === 'warning'),
    };
  }
}

const where = (d: Diagnostic) => `${d.code} ${d.location.line}:${d.location.column}`;

describe('daemon.json as Gas Town decodes it (Go encoding/json)', () => {
  describe('keys Go folds onto a struct field are refused at the key, with the spelling to use', () => {
    it.each([
      ['wisp_reaper', '"Wisp_Reaper": {"enabled": false}', '"Wisp_Reaper"', 'key "Wisp_Reaper" in patrols', '"wisp_reaper"'],
      ['wisp_reaper', '"wisp_reaper": {"Enabled": false}', '"Enabled"', 'key "Enabled" in patrols.wisp_reaper', '"enabled"'],
      ['handler', '"HANDLER": {"enabled": true}', '"HANDLER"', 'key "HANDLER" in patrols', '"handler"'],
      // U+017F LATIN SMALL LETTER LONG S folds onto s, U+212A KELVIN SIGN onto k
      ['wisp_reaper', '"wi\u017fp_reaper": {"enabled": false}', '"wi\u017fp', 'key "wi\u017fp_reaper" in patrols', '"wisp_reaper"'],
      ['compactor_dog', '"compactor_dog": {"enabled": false, "\u212aeep_recent": 5}', '"\u212aeep', 'in patrols.compactor_dog', '"keep_recent"'],
    ])('%s: %s', (key, entry, needle, says, spelling) => {
      const root = town(daemonJson({ [key]: entry }));
      const { errors } = load(root);
      expect(errors.map(where)).toEqual([`GT-E032 ${at(root, needle)}`]);
      expect(errors[0]?.message).toContain(says);
      expect(errors[0]?.message).toContain(`spell it ${spelling}`);
    });

    it('a key that folds onto no field stays an unknown key, kept as it is', () => {
      const root = town(daemonJson({ wisp_reaper: '"wisp_reaper": {"enabled": false, "\u212aeep": 1, "Wisp": 2}' }));
      expect(load(root).errors).toEqual([]);
    });

    it('top-level keys fold too ("Patrols"), and a folded duplicate says to keep one', () => {
      const root = town('{\n  "patrols": {"handler": {"enabled": true}},\n  "Patrols": {}\n}\n');
      const { errors } = load(root);
      expect(errors.map(where)).toEqual(['GT-E032 3:3']);
      expect(errors[0]?.message).toContain('keep only one of the two "patrols" entries');
    });

    it("a folded key with a wrong type is also reported as that field's type mistake", () => {
      const root = town(daemonJson({ wisp_reaper: '"wisp_reaper": {"ENABLED": "no"}' }));
      const { errors } = load(root);
      expect(errors.map(where)).toEqual([`GT-E032 ${at(root, '"ENABLED"')}`, `GT-E022 ${at(root, '"no"')}`]);
      expect(errors[1]?.message).toContain('patrols.wisp_reaper.enabled must be true or false, not a string "no"');
    });

    it('"Env" folds onto env, whose keys (a Go map) do not fold: its value is checked as env\'s', () => {
      const root = town(daemonJson({}, '\n  "Env": {"GT_DOLT_PORT": 3308},'));
      const { errors } = load(root);
      expect(errors.map(where)).toEqual([`GT-E032 ${at(root, '"Env"')}`, `GT-E022 ${at(root, '3308')}`]);
      expect(errors[1]?.message).toContain('env.GT_DOLT_PORT must be a string, not a number 3308');
    });

    it('env keys in another case are other variables, not errors (a Go map matches keys exactly)', () => {
      expect(load(town(daemonJson({}, '\n  "env": {"gt_dolt_port": "3308"},'))).errors).toEqual([]);
    });
  });

  describe('numbers Go cannot decode into an integer or duration field are refused at the number', () => {
    it.each([
      ['compactor_dog', '"threshold": 1e3', '1e3', 'GT-E022', 'write 1000'],
      ['compactor_dog', '"threshold": 2000.0', '2000.0', 'GT-E022', 'write 2000'],
      ['compactor_dog', '"keep_recent": 1.0', '1.0', 'GT-E022', 'write 1'],
      ['dolt_remotes', '"interval": 5e9', '5e9', 'GT-E022', 'write 5000000000'],
      ['compactor_dog', '"threshold": 9223372036854775808', '9223', 'GT-E024', 'beyond a Go int (64-bit)'],
      ['compactor_dog', '"threshold": -1e19', '-1e19', 'GT-E024', 'beyond a Go int (64-bit)'],
      ['doctor_dog', '"latency_alert_ms": 1e400', '1e400', 'GT-E024', 'beyond the range of a Go float64'],
    ])('%s.%s', (key, field, needle, code, says) => {
      const root = town(daemonJson({ [key]: `"${key}": {"enabled": false, ${field}}` }));
      const { errors } = load(root);
      expect(errors.map(where)).toEqual([`${code} ${at(root, needle)}`]);
      expect(errors[0]?.message).toContain(says);
      expect(errors[0]?.message).toContain('Gas Town would fail to load the whole file');
    });

    it('integer literals within int64, -0 included, and any number in a float64 field are fine', () => {
      const root = town(
        daemonJson({
          dolt_remotes: '"dolt_remotes": {"enabled": false, "interval": -0}',
          restart_tracker: '"restart_tracker": {"crash_loop_count": 9223372036854775807, "backoff_multiplier": 1.5e0}',
        }),
      );
      expect(load(root).errors).toEqual([]);
    });
  });

  it('-0 in a file that needs a fill: the loader accepts it, diff plans the fill and the writer writes it', () => {
    const root = town('{\n  "patrols": {\n    "compactor_dog": {"enabled": true, "threshold": -0, "interval": "24h"}\n  }\n}\n');
    expect(load(root).errors).toEqual([]);
    const file = readDaemonFile(join(root, 'mayor', 'daemon.json')).file;
    const planned = planDaemonConfig(root, file).map((action) => action.patrol);
    expect(planned).toEqual(Object.keys(LIFECYCLE_DEFAULTS).filter((key) => key !== 'compactor_dog'));
    expect(writeDaemonConfig(file.path, { ...plannedFill(file), settings: [] }).filled).toEqual(planned);
    const written = readFileSync(join(root, 'mayor', 'daemon.json'), 'utf8');
    expect(written).toContain('"threshold": -0');
    expect(Object.keys((JSON.parse(written) as { patrols: object }).patrols).sort()).toEqual(Object.keys(LIFECYCLE_DEFAULTS).sort());
  });

  it('"interval": "" asks for the patrol\'s default: accepted for Go-duration and maintenance intervals', () => {
    const root = town(
      daemonJson({
        wisp_reaper: '"wisp_reaper": {"enabled": false, "interval": "", "max_age": ""}',
        scheduled_maintenance: '"scheduled_maintenance": {"enabled": false, "interval": ""}',
      }),
    );
    expect(load(root).errors).toEqual([]);
  });

  describe('null: unset where the Go field is a pointer, list or map; refused where Go ignores it', () => {
    it.each([
      ['jsonl_git_backup', '{"enabled": false, "scrub": null, "databases": null, "spike_threshold": null}'],
      ['scheduled_maintenance', '{"enabled": false, "threshold": null}'],
      ['main_branch_test', '{"enabled": false, "rigs": null}'],
      ['refinery', 'null'],
    ])('accepted: %s %s', (key, value) => {
      expect(load(town(daemonJson({ [key]: `"${key}": ${value}` }))).errors).toEqual([]);
    });

    it.each([
      ['compactor_dog', '{"enabled": false, "threshold": null}', 'patrols.compactor_dog.threshold must be an integer, not null'],
      ['dolt_backup', '{"enabled": null}', 'patrols.dolt_backup.enabled must be true or false, not null'],
      ['doctor_dog', '{"enabled": false, "interval": null}', 'patrols.doctor_dog.interval must be a string, not null'],
    ])('refused: %s %s', (key, value, says) => {
      const root = town(daemonJson({ [key]: `"${key}": ${value}` }));
      const { errors } = load(root);
      expect(errors.map(where)).toEqual([`GT-E022 ${at(root, 'null')}`]);
      expect(errors[0]?.message).toContain(says);
      expect(errors[0]?.message).toContain('leave the key out');
    });
  });
});
