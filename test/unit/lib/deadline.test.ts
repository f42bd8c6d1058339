import { hungServerMsFrom, withDeadline } from '../../../src/lib/deadline.js';

describe('hungServerMsFrom', () => {
  it('is 20 s unless GT_HUNG_SERVER_MS says otherwise', () => {
    expect(hungServerMsFrom({})).toBe(20_000);
    expect(hungServerMsFrom({ GT_HUNG_SERVER_MS: '' })).toBe(20_000);
    expect(hungServerMsFrom({ GT_HUNG_SERVER_MS: '2000' })).toBe(2000);
  });

  it.each(['0', '-5', '1.5', '2s', 'soon'])('refuses GT_HUNG_SERVER_MS=%s, naming the variable and the value', (text) => {
    expect(() => hungServerMsFrom({ GT_HUNG_SERVER_MS: text })).toThrow(
      `GT_HUNG_SERVER_MS must be a positive whole number of milliseconds, got "${text}"`,
    );
  });
});

describe('withDeadline', () => {
  it('settles as the work does when it finishes in time', async () => {
    await expect(withDeadline(Promise.resolve('done'), 1000, () => new Error('late'))).resolves.toBe('done');
  });

  it('rejects with what expire returns once the deadline passes', async () => {
    const never = new Promise<string>(() => undefined);
    await expect(withDeadline(never, 20, () => new Error('no answer within 20 ms'))).rejects.toThrow('no answer within 20 ms');
  });
});
