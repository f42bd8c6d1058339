import { createServer, type Server } from 'node:http';
import type { MetricsListener } from '../config/desired.js';
import type { DaemonMetrics } from './metrics.js';

function sameListener(a: MetricsListener | null, b: MetricsListener | null): boolean {
  return a?.host === b?.host && a?.port === b?.port;
}

/**
 * Serves the daemon's metrics on the endpoint the Town manifest declares (spec.daemon.metrics): `GET /metrics`, and
 * 404 for anything else. Follows the config: binds when it is declared, moves when it changes, closes when removed.
 */
export class MetricsServer {
  private server: Server | null = null;
  private bound: MetricsListener | null = null;

  constructor(private readonly metrics: DaemonMetrics) {}

  /** Listens where `listener` says (nowhere when null); throws when the address cannot be bound. */
  async follow(listener: MetricsListener | null): Promise<void> {
    if (sameListener(listener, this.bound)) return;
    await this.close();
    if (listener === null) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: the metrics are at GET /metrics\n');
        return;
      }
      this.metrics
        .exposition()
        .then(({ contentType, text }) => response.writeHead(200, { 'Content-Type': contentType }).end(text))
        .catch((error: Error) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error.message}\n`));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listener.port, listener.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.unref(); // the daemon's loop, not this endpoint, keeps the process alive
    this.server = server;
    this.bound = listener;
  }

  /** Where it listens now; null when it does not. */
  listening(): MetricsListener | null {
    return this.bound;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.bound = null;
    if (server === null) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
