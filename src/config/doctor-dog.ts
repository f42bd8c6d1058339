import { parseGoDuration } from '../lib/go-duration.js';
import { isJsonObject } from '../lib/json-value.js';

/** Gas Town's doctor_dog interval when daemon.json sets none (or one Go cannot parse, or not above zero). */
export const DEFAULT_DOCTOR_INTERVAL_MS = 5 * 60_000;

/** Whether, and how often, the daemon runs gt doctor's checks. */
export interface DoctorSchedule {
  enabled: boolean;
  intervalMs: number;
  /** Why it does not run, when it does not. */
  reason: string | null;
}

/**
 * `patrols.doctor_dog` read as Gas Town's daemon reads it: it runs only with `"enabled": true` (an absent entry is
 * disabled) and when `settings/config.json` does not list it in `disabled_patrols`; `interval` is a Go duration,
 * 5m when empty, invalid or not positive. With `takenOver` (the lifecycle executor is gt, whose plan turns Gas Town's
 * doctor_dog off) gt's daemon runs the checks itself on that interval, whatever `enabled` says. Pure.
 */
export function doctorSchedule(daemonJson: Readonly<Record<string, unknown>>, disabledPatrols: readonly string[], takenOver = false): DoctorSchedule {
  const entry = isJsonObject(daemonJson.patrols) ? daemonJson.patrols.doctor_dog : undefined;
  const text = isJsonObject(entry) && typeof entry.interval === 'string' ? entry.interval : '';
  const nanos = text === '' ? null : parseGoDuration(text);
  const intervalMs = nanos !== null && nanos > 0 ? nanos / 1e6 : DEFAULT_DOCTOR_INTERVAL_MS;
  if (takenOver) return { enabled: true, intervalMs, reason: null };
  if (!isJsonObject(entry) || entry.enabled !== true) {
    return { enabled: false, intervalMs, reason: 'patrols.doctor_dog is not enabled in mayor/daemon.json' };
  }
  if (disabledPatrols.includes('doctor_dog')) {
    return { enabled: false, intervalMs, reason: 'settings/config.json lists doctor_dog in disabled_patrols' };
  }
  return { enabled: true, intervalMs, reason: null };
}
