import { ConfigError } from '../../../src/config/diagnostics.js';
import { fingerprintOf } from '../../../src/daemon/config-sources.js';
import { actionLogRecord, interpretCycle, type CycleContext } from '../../../src/daemon/cycle-outcome.js';
import type { StatusError } from '../../../src/daemon/status-file.js';
import { planDaemonConfig } from '../../../src/plan/plan-daemon-config.js';
import { missingDaemonFile, TOWN } from '../plan/fixtures.js';
import { desiredWith, report, serverResult } from './loop-fakes.js';

const START = Date.parse('2026-01-01T00:00:00Z');
const DAEMON_JSON = `${TOWN}/mayor/daemon.json`;
const hashes = new Map([[DAEMON_JSON, 'abc']]);

function context(previousError: StatusError | null = null): CycleContext {
  return { triggers: ['file'], startedAt: START, now: START + 250, hashes, daemonJson: DAEMON_JSON, previous: { resources: [], lastError: previousError } };
}

const configError = new ConfigError([
  { severity: 'error', code: 'GT-E010', message: 'expected a double-quoted key', location: { file: DAEMON_JSON, line: 3, column: 16 } },
] as ConstructorParameters<typeof ConfigError>[0]);

describe('interpretCycle', () => {
  test('a converged reconcile: converged, no error, nothing for the policy, an info line with its counts', () => {
    const learned = interpretCycle({ kind: 'reconciled', desired: desiredWith(), report: report([], {}, 120) }, context());
    expect(learned.lastReconcile).toEqual({
      startedAt: new Date(START).toISOString(),
      durationMs: 120,
      triggers: ['file'],
      result: 'converged',
      actions: { done: 0, failed: 0, skipped: 0, remaining: 0, blocked: 0 },
    });
    expect(learned.lastError).toBeNull();
    expect(learned.policyOutcome).toEqual({ crashRestarts: 0, failedResources: [], error: null });
    expect(learned.ownWriteFingerprint).toBeNull();
    expect(learned.log).toMatchObject({ level: 'info', fields: { event: 'reconcile', result: 'converged', configHash: fingerprintOf(hashes) } });
  });

  test('a failed server start: out of sync, a transient action error naming it, a warn line, one crash restart', () => {
    const learned = interpretCycle(
      { kind: 'reconciled', desired: desiredWith(), report: report([serverResult('server-stopped', 'failed', 'bind: cannot assign')], { actions: [] }) },
      context(),
    );
    expect(learned.lastReconcile.result).toBe('out-of-sync');
    expect(learned.lastError).toMatchObject({ class: 'transient', kind: 'action', message: 'server: bind: cannot assign' });
    expect(learned.policyOutcome.crashRestarts).toBe(1);
    expect(learned.log.level).toBe('warn');
  });

  test('a planned restart (config.yaml changed, databases to load) is no crash restart; a hung server replaced is one', () => {
    const planned = [serverResult('server-config-changed', 'failed', 'bind'), serverResult('databases-not-served', 'done')];
    const outcome = (results: typeof planned) => interpretCycle({ kind: 'reconciled', desired: desiredWith(), report: report(results) }, context()).policyOutcome;
    expect(outcome(planned).crashRestarts).toBe(0);
    expect(outcome([serverResult('server-unhealthy', 'done')]).crashRestarts).toBe(1);
    expect(outcome([serverResult('server-stopped', 'skipped')]).crashRestarts).toBe(0);
  });

  test("the daemon's startup start of a stopped server is no crash restart", () => {
    const startup = { ...context(), triggers: ['startup' as const] };
    const learned = interpretCycle({ kind: 'reconciled', desired: desiredWith(), report: report([serverResult('server-stopped', 'done')]) }, startup);
    expect(learned.policyOutcome.crashRestarts).toBe(0);
  });

  test('out of sync without a new error keeps the previous one', () => {
    const previous: StatusError = { at: 'T0', class: 'transient', kind: 'lock', message: 'held', locations: [] };
    const blocked = report([], { blocked: [{ id: 'database/old' } as never] });
    const learned = interpretCycle({ kind: 'reconciled', desired: desiredWith(), report: blocked }, context(previous));
    expect(learned.lastReconcile.result).toBe('out-of-sync');
    expect(learned.lastError).toBe(previous);
  });

  test('a config error: result error, terminal config error with file:line:col, conditions kept, an error line', () => {
    const learned = interpretCycle({ kind: 'config-error', error: configError }, context());
    expect(learned.lastReconcile).toMatchObject({ result: 'error', durationMs: 250, actions: { done: 0 } });
    expect(learned.lastError).toMatchObject({ class: 'terminal', kind: 'config', locations: [{ file: DAEMON_JSON, line: 3, column: 16 }] });
    expect(learned.policyOutcome.error).toMatchObject({ class: 'terminal', kind: 'config' });
    expect(learned.unmanaged).toBeNull();
    expect(learned.log).toMatchObject({ level: 'error', fields: { event: 'config-error', result: 'error', durationMs: 250 } });
    expect(learned.log.message).toContain(`${DAEMON_JSON}:3:16`);
  });

  test('a reconcile that threw part-way counts the steps that finished', () => {
    const stepCounts = { done: 2, failed: 0, skipped: 0, remaining: 0, blocked: 0 };
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const learned = interpretCycle({ kind: 'threw', error, stepCounts }, context());
    expect(learned.lastReconcile).toMatchObject({ result: 'error', actions: stepCounts });
    expect(learned.lastError).toMatchObject({ class: 'transient', kind: 'connection' });
    expect(learned.log.fields).toMatchObject({ event: 'reconcile', error: { kind: 'connection' } });
  });

  test("the daemon's own write of the lifecycle defaults is acknowledged with daemon.json as gt wrote it", () => {
    const desired = { ...desiredWith(), daemonConfig: missingDaemonFile() };
    const writes = planDaemonConfig(TOWN, desired.daemonConfig).map((action) => ({ action, status: 'done' as const, durationMs: 3, message: null }));
    const learned = interpretCycle({ kind: 'reconciled', desired, report: report(writes) }, context());
    expect(learned.ownWriteFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(learned.ownWriteFingerprint).not.toBe(fingerprintOf(hashes));
  });
});

describe('actionLogRecord', () => {
  test('a done action: info, with its resource, verb, code, status and duration as fields and no error', () => {
    const record = actionLogRecord(serverResult('server-stopped', 'done'));
    expect(record.level).toBe('info');
    expect(record.fields).toEqual({ event: 'action', id: 'server', kind: 'server', verb: 'start', code: 'server-stopped', status: 'done', durationMs: 40 });
  });

  test('a failed action: warn, and its error as a field', () => {
    const record = actionLogRecord(serverResult('server-config-changed', 'failed', 'bind: cannot assign requested address'));
    expect(record).toMatchObject({ level: 'warn', fields: { verb: 'restart', status: 'failed', error: 'bind: cannot assign requested address' } });
  });
});
