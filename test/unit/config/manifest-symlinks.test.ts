import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Diagnostic } from '../../../src/config/diagnostics.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { makeTempDir } from '../../helpers/env.js';

const RIG = (name: string, prefix: string) =>
  `apiVersion: gastown.dev/v1alpha1\nkind: Rig\nmetadata:\n  name: ${name}\nspec:\n  prefix: ${prefix}\n`;

/** A town with one plain manifest in mayor/rigs.d/ and a valid manifest outside the town. */
function town(): { root: string; rigsD: string; outside: string } {
  const root = makeTempDir('symlinks');
  const rigsD = join(root, 'mayor', 'rigs.d');
  mkdirSync(rigsD, { recursive: true });
  writeFileSync(join(rigsD, 'base.yaml'), RIG('base', 'ba'));
  const outside = join(makeTempDir('symlinks-outside'), 'o.yaml');
  writeFileSync(outside, RIG('outsider', 'ou'));
  return { root, rigsD, outside };
}

function load(root: string): { databases: string[]; diagnostics: Diagnostic[] } {
  try {
    const { desired, diagnostics } = loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'darwin' });
    return { databases: desired.databases.map((d) => d.name), diagnostics };
  } catch (error) {
    if (error instanceof ConfigError) return { databases: [], diagnostics: error.diagnostics };
    throw error;
  }
}

describe('symlinks in mayor/rigs.d/', () => {
  it('a symlink to a regular manifest file is read like the file (as -f reads it)', () => {
    const { root, rigsD, outside } = town();
    symlinkSync(outside, join(rigsD, 'h7.yaml'));
    const { databases, diagnostics } = load(root);
    expect(databases).toEqual(['hq', 'base', 'outsider']);
    expect(diagnostics.filter((d) => d.code === 'GT-W065')).toEqual([]);
  });

  it.each([
    ['a dangling symlink', (dir: string) => symlinkSync(join(dir, 'gone.yaml'), join(dir, 'h7.yaml')), 'which does not exist'],
    ['a symlink to a device', (dir: string) => symlinkSync('/dev/zero', join(dir, 'h7.yaml')), 'which is a device'],
    ['a symlink to a directory', (dir: string) => symlinkSync(dir, join(dir, 'h7.yaml')), 'which is a directory'],
    ['a symlink loop', (dir: string) => symlinkSync(join(dir, 'h7.yaml'), join(dir, 'h7.yaml')), 'leads back to itself'],
    ['a directory named like a manifest', (dir: string) => mkdirSync(join(dir, 'h7.yaml')), 'is a directory, not a manifest file'],
  ])('%s is skipped with a warning naming its path', (_what, make, says) => {
    const { root, rigsD } = town();
    make(rigsD);
    const { databases, diagnostics } = load(root);
    expect(databases).toEqual(['hq', 'base']);
    const skipped = diagnostics.filter((d) => d.code === 'GT-W065');
    expect(skipped).toEqual([expect.objectContaining({ severity: 'warning', location: { file: join(rigsD, 'h7.yaml'), line: 1, column: 1 } })]);
    expect(skipped[0]?.message).toContain(`${join(rigsD, 'h7.yaml')} is skipped`);
    expect(skipped[0]?.message).toContain(says);
  });
});
