import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesiredState } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function warningsFor(daemonJson: string) {
  const root = makeTempDir('remotes-interval');
  mkdirSync(join(root, 'mayor'));
  writeFileSync(join(root, 'mayor', 'daemon.json'), daemonJson);
  return loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'darwin' }).diagnostics;
}

describe('patrols.dolt_remotes.interval, which no value satisfies both Gas Town readers', () => {
  it('is warned about at its key (GT-W066), saying to leave it out', () => {
    const warnings = warningsFor('{\n  "patrols": {\n    "dolt_remotes": {"enabled": false, "interval": 900000000000}\n  }\n}\n');
    expect(warnings.map((w) => `${w.code} ${w.location.line}:${w.location.column}`)).toEqual(['GT-W066 3:40']);
    expect(warnings[0]?.message).toContain('leave it out');
  });

  it('is not warned about when left out', () => {
    expect(warningsFor('{\n  "patrols": {\n    "dolt_remotes": {"enabled": false}\n  }\n}\n')).toEqual([]);
  });

  it('is left out of daemon.example.json and examples/town', () => {
    for (const file of ['daemon.example.json', 'examples/town/mayor/daemon.json']) {
      const { patrols } = JSON.parse(readFileSync(join(REPO, file), 'utf8')) as { patrols: { dolt_remotes: object } };
      expect(patrols.dolt_remotes).not.toHaveProperty('interval');
    }
  });
});
