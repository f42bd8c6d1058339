import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerLabel } from '../../../src/cli/database-owner.js';
import { parseLockTimeout } from '../../../src/cli/global-options.js';
import { gtInvocation } from '../../../src/cli/invocation.js';
import { formatDiagnosticForCli, gtCommand, printError, shellQuote } from '../../../src/cli/output.js';
import { makeTempDir } from '../../helpers/env.js';

function captured(): { write: (chunk: string | Uint8Array) => void; text: () => string } {
  const parts: string[] = [];
  return { write: (chunk) => void parts.push(String(chunk)), text: () => parts.join('') };
}

describe('printError', () => {
  it('prefixes every line with gt: once, also a line quoted from another gt', () => {
    const stderr = captured();
    printError(stderr, 'gt daemon (PID 17974) exited during startup:\ngt: gt daemon is already running for this town (PID 1)');
    expect(stderr.text()).toBe(
      'gt: gt daemon (PID 17974) exited during startup:\ngt: gt daemon is already running for this town (PID 1)\n',
    );
  });
});

describe('formatDiagnosticForCli', () => {
  const diagnostic = (file: string) => ({ severity: 'error' as const, code: 'GT-E001', message: 'no town found', location: { file, line: 1, column: 1 } });

  it('prints the place relative to cwd', () => {
    expect(formatDiagnosticForCli(diagnostic('/town/mayor/daemon.json'), '/town')).toBe('mayor/daemon.json:1:1: error GT-E001: no town found');
  });

  it('prints no empty place for a diagnostic about the working directory itself', () => {
    expect(formatDiagnosticForCli(diagnostic('/'), '/')).toBe('error GT-E001: no town found');
  });
});

describe('shell quoting of hints', () => {
  it.each([
    ['/srv/town', '/srv/town'],
    ['/tmp/town with spaces', "'/tmp/town with spaces'"],
    ["it's", "'it'\\''s'"],
  ])('%s is printed as %s', (argument, quoted) => {
    expect(shellQuote(argument)).toBe(quoted);
  });

  it('a suggested command starts with how gt was run', () => {
    expect(gtCommand({ invocation: 'npx gt' }, ['validate', '--town', 'a b'])).toBe("npx gt validate --town 'a b'");
  });
});

describe('gtInvocation', () => {
  const dir = makeTempDir('invocation');
  const script = join(dir, 'pkg', 'bin', 'gt.js');
  mkdirSync(join(dir, 'pkg', 'bin'), { recursive: true });
  writeFileSync(script, '');
  mkdirSync(join(dir, 'linked'));
  symlinkSync(script, join(dir, 'linked', 'gt'));
  mkdirSync(join(dir, 'other'));
  writeFileSync(join(dir, 'other', 'gt'), '');

  it('is gt when the gt on PATH is this script', () => {
    expect(gtInvocation(script, { PATH: join(dir, 'linked') })).toBe('gt');
  });

  it('is node SCRIPT when PATH has no gt, or another program named gt (e.g. Gas Town\'s)', () => {
    expect(gtInvocation(script, { PATH: '/nonexistent' })).toBe(`node ${script}`);
    expect(gtInvocation(script, { PATH: `${join(dir, 'other')}:${join(dir, 'linked')}` })).toBe(`node ${script}`);
  });

  it('is npx gt under npx', () => {
    expect(gtInvocation(script, { npm_command: 'exec', PATH: '' })).toBe('npx gt');
  });
});

describe('parseLockTimeout', () => {
  it.each([
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['0', 0],
    ['30', 30_000],
    ['0.3', 300],
  ])('%s is %d ms', (text, ms) => {
    expect(parseLockTimeout(text)).toBe(ms);
  });

  it.each(['', ' ', 'abc', '-1s', '7d'])('rejects %j', (text) => {
    expect(() => parseLockTimeout(text)).toThrow('expected a duration such as 500ms, 30s or 5m');
  });
});

describe('ownerLabel', () => {
  it('is town for hq, rig NAME for a rig, unmanaged for an undeclared database', () => {
    expect(ownerLabel({ managed: true, rig: 'hq' })).toBe('town');
    expect(ownerLabel({ managed: true, rig: 'wyvern' })).toBe('rig wyvern');
    expect(ownerLabel({ managed: false, rig: null })).toBe('unmanaged');
  });
});
