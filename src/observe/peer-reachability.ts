import { connect } from 'node:net';
import type { ClusterPeer } from '../config/desired.js';

/** Null when the peer's remotesapi accepts a TCP connection within `timeoutMs`; else why it does not. */
export function probeRemotesapi(peer: Pick<ClusterPeer, 'remotesapi'>, timeoutMs = 2000): Promise<string | null> {
  const url = new URL(peer.remotesapi);
  const port = Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (problem: string | null): void => {
      socket.destroy();
      resolve(problem);
    };
    socket.once('connect', () => done(null));
    socket.once('timeout', () => done(`${host}:${port} did not answer within ${timeoutMs / 1000} s`));
    socket.once('error', (error) => done(`${host}:${port}: ${error.message}`));
  });
}
