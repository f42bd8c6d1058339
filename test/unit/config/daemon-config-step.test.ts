import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executePlan } from '../../../src/apply/execute.js';
import { readDaemonFile } from '../../../src/config/daemon-file.js';
import { loadDesiredState } from '../../../src/config/load.js';
import { planDaemonConfig } from '../../../src/plan/plan-daemon-config.js';
import type { Plan } from '../../../src/plan/types.js';
import { makeTempDir } from '../../helpers/env.js';

const PAST = new Date('2024-01-01T00:00:00Z');

/** A town whose daemon.json lacks every lifecycle patrol but handler; the plan apply would review for it. */
function plannedTown() {
  const root = makeTempDir('daemon-config-step');
  mkdirSync(join(root, 'mayor'));
  const path = join(root, 'mayor', 'daemon.json');
  writeFileSync(path, '{\n  "type": "daemon-patrol-config",\n  "patrols": {"handler": {"enabled": true}}\n}\n');
  const desired = loadDesiredState({ town: root, files: [], env: {}, cwd: root, platform: 'darwin' }).desired;
  const plan: Plan = { actions: planDaemonConfig(root, readDaemonFile(path).file), blocked: [], unmanaged: [], notes: [], errors: [] };
  return { path, desired, plan };
}

describe("apply's daemon-config step writes what the plan listed, into the file the plan was made from", () => {
  it('unchanged file: fills exactly the planned patrols', async () => {
    const { path, desired, plan } = plannedTown();
    const results = await executePlan(plan, desired);
    expect(results.map((r) => r.status)).toEqual(plan.actions.map(() => 'done'));
    const patrols = Object.keys((JSON.parse(readFileSync(path, 'utf8')) as { patrols: object }).patrols);
    expect(patrols).toEqual(['handler', ...plan.actions.map((a) => (a.kind === 'daemon-config' && a.verb === 'write' ? a.patrol : ''))]);
  });

  it('file edited between plan and execute: the step fails, the file stays as edited and later steps are skipped', async () => {
    const { path, desired, plan } = plannedTown();
    const edited = '{\n  "type": "daemon-patrol-config",\n  "patrols": {"handler": {"enabled": true}, "wisp_reaper": {"enabled": false}}\n}\n';
    writeFileSync(path, edited);
    utimesSync(path, PAST, PAST);
    const serverStart: Plan['actions'][number] = {
      kind: 'server',
      id: 'server',
      verb: 'start',
      code: 'server-stopped',
      before: { state: 'stopped', host: '127.0.0.1', port: 1 },
      after: { state: 'running', host: '127.0.0.1', port: 1 },
      reason: 'test',
      destructive: false,
      needsRestart: false,
    };
    const results = await executePlan({ ...plan, actions: [...plan.actions, serverStart] }, desired);
    expect(results.filter((r) => r.action.kind === 'daemon-config').map((r) => r.status)).toEqual(plan.actions.map(() => 'failed'));
    expect(results[0]?.message).toContain('was edited after the plan was made');
    expect(results.at(-1)).toMatchObject({ action: { kind: 'server' }, status: 'skipped' });
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(statSync(path).mtime).toEqual(PAST);
  });
});
