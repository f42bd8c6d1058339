import { diagnostic, wholeFile } from './diagnostic-codes.js';
import type { Diagnostic } from './diagnostics.js';

/** Dolt log levels (`log_level` in the server's config.yaml). */
const DOLT_LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'fatal'] as const;

type Parser<T> = (text: string) => T | null;

const port: Parser<number> = (text) =>
  /^[0-9]+$/.test(text) && Number(text) >= 1 && Number(text) <= 65535 ? Number(text) : null;
const nonEmpty: Parser<string> = (text) => (text === '' ? null : text);
const anyText: Parser<string> = (text) => text;
const integer: Parser<number> = (text) => (/^-?[0-9]+$/.test(text) ? Number(text) : null);
const logLevel: Parser<string> = (text) => ((DOLT_LOG_LEVELS as readonly string[]).includes(text) ? text : null);

/** Dolt refuses a wait_timeout outside 1..31536000 seconds (365 days) at startup and exits. */
const MAX_WAIT_TIMEOUT_SECONDS = 31_536_000;
const waitTimeout: Parser<number> = (text) => {
  const seconds = integer(text);
  return seconds !== null && (seconds < 0 || (seconds >= 1 && seconds <= MAX_WAIT_TIMEOUT_SECONDS)) ? seconds : null;
};

/** Gas Town's GT_DOLT_* variables (Gas Town's `doltserver.DefaultConfig`), the values they take and what a bad value looks like. */
export const SERVER_ENV = {
  GT_DOLT_PORT: { parse: port, expected: 'a port number from 1 to 65535' },
  GT_DOLT_HOST: { parse: nonEmpty, expected: 'a host name or address' },
  GT_DOLT_USER: { parse: nonEmpty, expected: 'a user name' },
  GT_DOLT_PASSWORD: { parse: anyText, expected: 'a password' },
  GT_DOLT_LOGLEVEL: { parse: logLevel, expected: `one of ${DOLT_LOG_LEVELS.join(', ')}` },
  GT_DOLT_WAIT_TIMEOUT: {
    parse: waitTimeout,
    expected: `a number of seconds from 1 to ${MAX_WAIT_TIMEOUT_SECONDS} (365 days; Dolt refuses others), or negative to leave it unset`,
  },
} as const;

export type ServerEnvName = keyof typeof SERVER_ENV;

/** The parsed value of a GT_DOLT_* variable, or undefined when it is unset or invalid. */
export function serverEnvValue<N extends ServerEnvName>(
  vars: Readonly<Record<string, string | undefined>>,
  name: N,
): NonNullable<ReturnType<(typeof SERVER_ENV)[N]['parse']>> | undefined {
  const text = vars[name];
  if (text === undefined) return undefined;
  const parsed = SERVER_ENV[name].parse(text);
  return (parsed ?? undefined) as NonNullable<ReturnType<(typeof SERVER_ENV)[N]['parse']>> | undefined;
}

/** Invalid GT_DOLT_* values in the process environment: an error, since they would otherwise be ignored silently. */
export function checkServerEnvironment(env: NodeJS.ProcessEnv): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [name, spec] of Object.entries(SERVER_ENV)) {
    const text = env[name];
    if (text !== undefined && spec.parse(text) === null) {
      found.push(
        diagnostic(
          'GT-E048',
          wholeFile(`$${name}`),
          `environment variable ${name}=${JSON.stringify(text)} is not ${spec.expected}; fix or unset it`,
        ),
      );
    }
  }
  return found;
}
