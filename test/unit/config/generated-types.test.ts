import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DIAGNOSTIC_CODES } from '../../../src/config/diagnostic-codes.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('schemas as the single source of truth', () => {
  it('src/config/generated/*.ts are up to date with schemas/ (npm run gen:types)', async () => {
    const result = await execa('node', [join(REPO, 'scripts', 'gen-types.mjs'), '--check'], { reject: false });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('docs/diagnostics.md documents every diagnostic code', () => {
    const doc = readFileSync(join(REPO, 'docs', 'diagnostics.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `(GT-[EW]\d{3})` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(DIAGNOSTIC_CODES));
  });
});
