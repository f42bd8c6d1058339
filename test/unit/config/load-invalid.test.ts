import { join } from 'node:path';
import { ConfigError, type Diagnostic } from '../../../src/config/diagnostics.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { FIXTURES, INVALID_CASES } from './invalid-cases.js';

function loadErrors(town: string, files: string[]): Diagnostic[] {
  try {
    loadDesiredState({ town, files, env: {}, cwd: FIXTURES, platform: 'linux' });
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.filter((d) => d.severity === 'error');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('invalid config inputs', () => {
  it('are at least 25 distinct fixture files', () => {
    expect(new Set(INVALID_CASES.map((c) => c.file)).size).toBe(INVALID_CASES.length);
    expect(INVALID_CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(INVALID_CASES)('$name: $code at line $line', ({ town, files, code, file, line, says }) => {
    const errors = loadErrors(town, files);
    expect(errors.map((e) => e.code)).toEqual([code]);
    const [error] = errors as [Diagnostic];
    expect(error.location.file).toBe(join(FIXTURES, file));
    expect(error.location.line).toBe(line);
    expect(error.location.column).toBeGreaterThanOrEqual(1);
    expect(error.message).toContain(says);
  });

  it('reports the errors of every source at once, sorted by file and line', () => {
    const errors = loadErrors('daemon/duration-in-days', [
      join(FIXTURES, 'rigs', 'rig-named-hq.yaml'),
      join(FIXTURES, 'rigs', 'ensure-invalid.yaml'),
    ]);
    expect(errors.map((e) => e.code)).toEqual(['GT-E025', 'GT-E023', 'GT-E043']);
  });

  it('fails with GT-E002 when a -f path does not exist', () => {
    const errors = loadErrors('base-town', ['rigs/no-such-file.yaml']);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'GT-E002',
        location: { file: join(FIXTURES, 'rigs', 'no-such-file.yaml'), line: 1, column: 1 },
      }),
    ]);
  });

  it('fails with GT-E048 on an invalid GT_DOLT_* value in the process environment', () => {
    try {
      loadDesiredState({
        town: 'base-town',
        files: [],
        env: { GT_DOLT_PORT: 'abc', GT_DOLT_LOGLEVEL: 'loud', GT_DOLT_WAIT_TIMEOUT: '0' },
        cwd: FIXTURES,
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const diagnostics = (error as ConfigError).diagnostics;
      expect(diagnostics.map((d) => [d.code, d.location.file])).toEqual([
        ['GT-E048', '$GT_DOLT_LOGLEVEL'],
        ['GT-E048', '$GT_DOLT_PORT'],
        ['GT-E048', '$GT_DOLT_WAIT_TIMEOUT'],
      ]);
      expect(diagnostics[1]?.message).toContain('GT_DOLT_PORT="abc" is not a port number from 1 to 65535');
      expect(diagnostics[2]?.message).toContain('GT_DOLT_WAIT_TIMEOUT="0" is not a number of seconds from 1 to 31536000');
    }
  });
});
