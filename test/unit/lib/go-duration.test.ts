import { parseGoDuration } from '../../../src/lib/go-duration.js';

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['30m', 1_800_000_000_000],
    ['1h30m', 5_400_000_000_000],
    ['168h', 604_800_000_000_000],
    ['1.5h', 5_400_000_000_000],
    ['.5s', 500_000_000],
    ['-5s', -5_000_000_000],
    ['250ms', 250_000_000],
    ['5µs', 5000],
    ['10us', 10_000],
    ['7ns', 7],
  ])('%s is %d ns', (text, nanos) => {
    expect(parseGoDuration(text)).toBe(nanos);
  });

  it.each(['7d', '', '5', 'h', '1e3s', '1h 2m', '00:00', '00', '3000000h', 'daily'])(
    'rejects %j as Go does',
    (text) => {
      expect(parseGoDuration(text)).toBeNull();
    },
  );
});
