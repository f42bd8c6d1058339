import type { MetricsListener } from '../config/desired.js';
import { isWildcardAddress } from '../lib/connect.js';

/** What gt reads from Dolt's metrics endpoint. */
export interface DoltMetrics {
  /** dss_concurrent_connections: client connections open now. */
  connections: number;
}

/** The URL of an endpoint that listens on `listener` (a wildcard address is reached over loopback). */
export function metricsUrl(listener: MetricsListener): string {
  const host = isWildcardAddress(listener.host) ? '127.0.0.1' : listener.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listener.port}/metrics`;
}

/** The value of an unlabelled sample in Prometheus' text format; null when the text has none. */
export function sampleValue(text: string, name: string): number | null {
  for (const line of text.split('\n')) {
    const [metric, value] = line.trim().split(/\s+/);
    if (metric === name && value !== undefined && Number.isFinite(Number(value))) return Number(value);
  }
  return null;
}

/** Scrapes Dolt's endpoint once; an error says why it could not (not listening, no such metric). */
export async function scrapeDoltMetrics(listener: MetricsListener, timeoutMs = 3000): Promise<DoltMetrics | { error: string }> {
  const url = metricsUrl(listener);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { error: `${url} answered HTTP ${response.status}` };
    const connections = sampleValue(await response.text(), 'dss_concurrent_connections');
    return connections === null ? { error: `${url} serves no dss_concurrent_connections` } : { connections };
  } catch (error) {
    return { error: `${url}: ${(error as Error).message}` };
  }
}
