import { withAddress } from '../../lib/connect.js';
import { diskYamlCache } from '../../config/yaml-documents.js';
import { observe } from '../../observe/observe.js';
import { diskUsage } from '../../observe/disk-usage.js';
import { readServerMetrics } from '../../observe/server-metrics.js';
import { plan } from '../../plan/plan.js';
import { readDaemonStatus } from '../../daemon/status-file.js';
import type { CommandIO } from '../output.js';
import { runWithDesiredState } from './run.js';
import { scrapedConnections } from '../replication-report.js';
import { doltStatus, renderDoltStatusText } from './status-report.js';

/** `gt dolt status`: the server, its databases and their rigs, resource metrics, drift. Works with the server down. */
export async function runStatus(io: CommandIO): Promise<number> {
  return runWithDesiredState(io, async (desired) => {
    const observed = await observe(desired, { yamlCache: diskYamlCache(io.env) });
    const metrics = observed.server.state === 'running' ? await readServerMetrics(withAddress(desired.server, observed.server.host, observed.server.port)) : null;
    const status = doltStatus(desired, observed, plan(desired, observed, { prune: false, force: false }), {
      metrics,
      endpointConnections: await scrapedConnections(desired, observed),
      diskUsageBytes: diskUsage(desired.server.dataDir.value),
      gtDaemonRunning: readDaemonStatus(desired.townRoot).running,
    });
    io.stdout.write(
      io.output === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderDoltStatusText(status, io.color, io.invocation),
    );
  });
}
