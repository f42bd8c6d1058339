/**
 * Go's time.ParseDuration: a sequence of decimal numbers, each with an optional fraction and a unit
 * (ns, us, µs, ms, s, m, h), optionally signed; "0" needs no unit. "7d" is not a Go duration.
 */

const NANOS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const MAX_INT64 = 9_223_372_036_854_775_807;
const TERM = /([0-9]*)(?:\.([0-9]*))?([^0-9.]+)/y;

/** Nanoseconds, or null when Go would reject the string. */
export function parseGoDuration(text: string): number | null {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let total = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < rest.length) {
    const match = TERM.exec(rest);
    if (match === null) return null;
    const [, whole = '', fraction, unit = ''] = match;
    const perUnit = NANOS_PER_UNIT[unit];
    if (perUnit === undefined || (whole === '' && (fraction === undefined || fraction === ''))) return null;
    total += Number(`${whole || '0'}.${fraction ?? ''}0`) * perUnit;
  }
  if (total > MAX_INT64) return null;
  return sign * Math.round(total);
}
