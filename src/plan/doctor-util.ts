import type { CheckOutcome, DoctorCheck, Finding } from './doctor-types.js';

/** The worst level among the findings, as a check's status (info is ok). */
export function checkStatus(findings: readonly Finding[]): 'ok' | 'warning' | 'error' {
  if (findings.some((finding) => finding.level === 'error')) return 'error';
  return findings.some((finding) => finding.level === 'warning') ? 'warning' : 'ok';
}

/** A check that plans no fix. */
export function noFixes(check: DoctorCheck): CheckOutcome {
  return { check, actions: [], blocked: [] };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `1 town, 2 foreign`: how many of each value, in the order of `order`. */
export function countBy<T extends string>(values: readonly T[], order: readonly T[]): string {
  const counts = new Map<T, number>();
  for (const value of order) if (values.includes(value)) counts.set(value, values.filter((other) => other === value).length);
  return [...counts].map(([value, count]) => `${count} ${value}`).join(', ');
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
