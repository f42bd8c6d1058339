import type { Resolved, ServerSettings } from '../config/desired.js';
import { maskSecret } from '../lib/mask.js';
import { painter } from '../lib/paint.js';

/** One server setting as `gt diff --explain` shows it: its effective value and the config source that won. */
export interface ExplainRow {
  setting: string;
  /** Display form; the password is masked. */
  value: string;
  source: string;
}

type ResolvedKey = { [K in keyof ServerSettings]: ServerSettings[K] extends Resolved<unknown> ? K : never }[keyof ServerSettings];

const LABELS: Record<ResolvedKey, string> = {
  port: 'port',
  host: 'host',
  user: 'user',
  password: 'password',
  dataDir: 'data dir',
  rootPath: 'dolt root (DOLT_ROOT_PATH)',
  logFile: 'log file',
  logLevel: 'log level',
  maxConnections: 'max connections',
  readTimeoutMillis: 'read timeout (ms)',
  writeTimeoutMillis: 'write timeout (ms)',
  waitTimeoutSeconds: 'wait timeout (s)',
  external: 'external',
  supervisor: 'supervisor',
};

/** Every resolved server setting with its provenance; restart supervision carries none and is not listed. */
export function explainServerSettings(server: ServerSettings): ExplainRow[] {
  return (Object.keys(LABELS) as ResolvedKey[]).map((key) => {
    const { value, source } = server[key];
    const shown = key === 'password' ? maskSecret(String(value)) || '(empty)' : String(value);
    return { setting: LABELS[key], value: shown, source };
  });
}

export function renderExplainText(server: ServerSettings, color: boolean): string {
  const paint = painter(color);
  const rows = explainServerSettings(server);
  const settingWidth = Math.max(...rows.map((row) => row.setting.length));
  const valueWidth = Math.max(...rows.map((row) => row.value.length));
  const lines = rows.map(
    (row) => `  ${row.setting.padEnd(settingWidth)}  ${row.value.padEnd(valueWidth)}  ${paint('dim', `← ${row.source}`)}`,
  );
  return `${['Effective server settings, and the config source that won each:', ...lines].join('\n')}\n`;
}
