import { ConfigError, GasTownFileError } from '../config/diagnostics.js';
import { LockTimeoutError } from '../lib/lock.js';
import type { PlanError } from '../plan/types.js';

/**
 * transient: worth retrying with backoff (the server is restarting, another applier holds the lock).
 * terminal: retrying cannot help; the daemon reports it and waits for the next config change.
 */
export type ErrorClass = 'transient' | 'terminal';

/** action: a planned action failed (the reconcile itself ran through). */
export type ErrorKind = 'config' | 'imposter' | 'external-server' | 'lock' | 'connection' | 'sql' | 'action' | 'unexpected';

export interface ClassifiedError {
  class: ErrorClass;
  kind: ErrorKind;
  message: string;
}

/** Socket-level failures: the server is down, restarting or unreachable for now. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
]);

function errorCode(error: Error): string | null {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : null;
}

export function classifyError(error: unknown): ClassifiedError {
  if (!(error instanceof Error)) return { class: 'transient', kind: 'unexpected', message: String(error) };
  const { message } = error;
  // Gas Town or bd may repair their own file: keep looking, unlike the operator's config, which waits for an edit
  if (error instanceof GasTownFileError) return { class: 'transient', kind: 'config', message };
  if (error instanceof ConfigError) return { class: 'terminal', kind: 'config', message };
  if (error instanceof LockTimeoutError) return { class: 'transient', kind: 'lock', message };
  const code = errorCode(error);
  if (code !== null && CONNECTION_CODES.has(code)) return { class: 'transient', kind: 'connection', message };
  if ('sqlState' in error) return { class: 'transient', kind: 'sql', message };
  // Unknown failures are retried with backoff: a daemon that gives up on a surprise needs a human for nothing.
  return { class: 'transient', kind: 'unexpected', message };
}

/** A plan error: an imposter on the port is terminal; an external server that is down may come back. */
export function classifyPlanError(error: PlanError): ClassifiedError {
  return error.code === 'imposter'
    ? { class: 'terminal', kind: 'imposter', message: error.message }
    : { class: 'transient', kind: 'external-server', message: error.message };
}
