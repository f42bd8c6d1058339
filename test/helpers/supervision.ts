import type { Supervision } from '../../src/config/desired.js';

/**
 * The supervision settings of the test towns and plan fixtures, whose tests do not exercise supervision: the
 * resolver's fallbacks for an unset dolt_server, except a 5 s first restart delay (the resolver's is 0).
 */
export function testSupervision(): Supervision {
  return {
    restartDelayMs: 5000,
    maxRestartDelayMs: 300_000,
    restartWindowMs: 600_000,
    maxRestartsInWindow: 5,
    healthyResetMs: 300_000,
    healthCheckIntervalMs: 30_000,
  };
}
