import type mysql from 'mysql2/promise';
import { executeFailover, targetSettings, type FailoverStep } from '../../apply/failover.js';
import type { ClusterPeer, DesiredState, ServerSettings } from '../../config/desired.js';
import { diskYamlCache } from '../../config/yaml-documents.js';
import { connectToServer, dropConnection, withAddress } from '../../lib/connect.js';
import { observe } from '../../observe/observe.js';
import { probeRemotesapi } from '../../observe/peer-reachability.js';
import { decideFailover, type PeerProbe, type TargetProbe } from '../../plan/failover.js';
import type { CommandIO } from '../output.js';
import { runWithDesiredState, withApplierLock } from './run.js';

export interface FailoverCommandOptions {
  to: string;
  force?: boolean;
  /** How long to wait for the new primary's replication to catch up. */
  timeout: number;
  lockTimeout: number;
}

/** The target's role and epoch as it reports them, over SQL with this town's credentials. */
async function probeTarget(local: ServerSettings, peer: ClusterPeer | undefined): Promise<TargetProbe> {
  if (peer?.sql == null) return { error: 'no sql endpoint declared' };
  let connection: mysql.Connection | null = null;
  try {
    connection = await connectToServer(withAddress(local, peer.sql.host, peer.sql.port), { timeoutMs: 3000 });
    const [rows] = await connection.query<mysql.RowDataPacket[]>({
      sql: 'SELECT @@dolt_cluster_role AS role, @@dolt_cluster_role_epoch AS epoch',
      timeout: 3000,
    });
    return { role: String(rows[0]?.role), epoch: Number(rows[0]?.epoch) };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    if (connection !== null) dropConnection(connection);
  }
}

async function probePeers(desired: DesiredState): Promise<PeerProbe[]> {
  const peers = desired.server.cluster?.peers ?? [];
  return Promise.all(peers.map(async (peer) => ({ name: peer.name, unreachable: await probeRemotesapi(peer) })));
}

function stepLine(step: FailoverStep): string {
  return `✓ ${step.step}: ${step.message} (${step.durationMs} ms)\n`;
}

/**
 * `gt dolt failover --to PEER`: the planned role swap, under the applier lock that gt apply and the daemon take.
 * Observes this town as apply does, probes the peers, decides (pure: refuses from a standby, to a peer that is not a
 * standby or does not answer, and while any peer is unreachable unless --force), then swaps the roles and waits
 * until the new primary's replication is caught up. gt never does this by itself.
 */
export async function runFailover(io: CommandIO, options: FailoverCommandOptions): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    await withApplierLock(desired.townRoot, options.lockTimeout, async () => {
      const observed = await observe(desired, { yamlCache: diskYamlCache(io.env) });
      const local = observed.server.state === 'running' ? withAddress(desired.server, observed.server.host, observed.server.port) : desired.server;
      const peer = desired.server.cluster?.peers.find((candidate) => candidate.name === options.to);
      const [peers, target] = await Promise.all([probePeers(desired), probeTarget(local, peer)]);
      const decision = decideFailover({ cluster: desired.server.cluster, to: options.to, local: observed.cluster, peers, target, force: options.force === true });
      if (!decision.go) throw new Error(`failover refused: ${decision.reason}\n${decision.hint}`);
      const json = io.output === 'json';
      const steps = await executeFailover({ local, target: targetSettings(local, decision) }, decision, {
        catchUpTimeoutMs: options.timeout,
        onStep: (step) => {
          if (!json) io.stdout.write(stepLine(step));
        },
      });
      if (json) io.stdout.write(`${JSON.stringify({ version: 1, to: options.to, epoch: decision.epoch, steps }, null, 2)}\n`);
    });
  });
}
