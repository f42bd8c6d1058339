import { ConfigError } from '../../../src/config/diagnostics.js';
import { classifyError, classifyPlanError } from '../../../src/daemon/classify-error.js';
import { LockTimeoutError } from '../../../src/lib/lock.js';

function withCode(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('classifyError', () => {
  test('invalid config is terminal', () => {
    const error = new ConfigError([{ severity: 'error', code: 'GT-E010', message: 'bad', location: { file: 'a.yaml', line: 3, column: 1 } }]);
    expect(classifyError(error)).toMatchObject({ class: 'terminal', kind: 'config' });
  });

  test('lock timeouts, connection and SQL errors are transient', () => {
    expect(classifyError(new LockTimeoutError('/t/daemon/gt.lock', null, 1000))).toMatchObject({ class: 'transient', kind: 'lock' });
    expect(classifyError(withCode('connect ECONNREFUSED', { code: 'ECONNREFUSED' }))).toMatchObject({ class: 'transient', kind: 'connection' });
    expect(classifyError(withCode('lost', { code: 'PROTOCOL_CONNECTION_LOST' }))).toMatchObject({ class: 'transient', kind: 'connection' });
    expect(classifyError(withCode('read only', { code: 'ER_UNKNOWN', sqlState: 'HY000' }))).toMatchObject({ class: 'transient', kind: 'sql' });
  });

  test('anything unexpected is retried with backoff rather than given up on', () => {
    expect(classifyError(new Error('surprise'))).toMatchObject({ class: 'transient', kind: 'unexpected', message: 'surprise' });
    expect(classifyError('a string')).toMatchObject({ class: 'transient', kind: 'unexpected', message: 'a string' });
  });
});

describe('classifyPlanError', () => {
  test('an imposter is terminal; an unreachable external server is transient', () => {
    expect(classifyPlanError({ code: 'imposter', message: 'm' })).toMatchObject({ class: 'terminal', kind: 'imposter' });
    expect(classifyPlanError({ code: 'external-server-unreachable', message: 'm' })).toMatchObject({ class: 'transient', kind: 'external-server' });
  });
});
