import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import winston from 'winston';
import { maskUrlsInText } from '../lib/mask.js';
import { townPaths } from '../lib/town-layout.js';

export interface DaemonLogger {
  logger: winston.Logger;
  /** Flushes the log file and ends the logger. */
  close(): Promise<void>;
}

/** Every string in a log entry with URL credentials masked: SQL errors and plan reasons may quote a remote URL. */
function masked(value: unknown): unknown {
  if (typeof value === 'string') return maskUrlsInText(value);
  if (Array.isArray(value)) return value.map(masked);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, masked(inner)]));
  }
  return value;
}

const maskSecrets = winston.format((info) => {
  for (const key of Object.keys(info)) info[key] = masked(info[key]);
  return info;
});

const humanLine = winston.format.printf((info) => {
  const time = String(info.timestamp).slice(11, 23);
  return `${time} ${info.level.padEnd(5)} ${String(info.message)}`;
});

/**
 * The daemon's logger: JSON lines (with a timestamp) appended to `<town>/daemon/gt-reconciler.log`, and on the
 * console human-readable lines when it is a terminal, JSON lines when it is not (a service manager's journal).
 */
export function createDaemonLogger(options: { townRoot: string; level: string; console: 'text' | 'json' }): DaemonLogger {
  const logFile = townPaths(options.townRoot).reconcilerLog;
  mkdirSync(dirname(logFile), { recursive: true });
  const file = new winston.transports.File({
    filename: logFile,
    format: winston.format.json(),
    options: { flags: 'a', mode: 0o600 },
  });
  const consoleTransport = new winston.transports.Console({
    format: options.console === 'text' ? humanLine : winston.format.json(),
  });
  const logger = winston.createLogger({
    level: options.level,
    format: winston.format.combine(maskSecrets(), winston.format.timestamp()),
    transports: [file, consoleTransport],
  });
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        // 'finish' on the file transport: everything logged so far is written to the file.
        file.once('finish', () => resolve());
        logger.end();
      }),
  };
}
