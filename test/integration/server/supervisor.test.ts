import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIFECYCLE_DEFAULTS } from '../../../src/config/lifecycle.js';
import { isProcessAlive } from '../../../src/lib/process.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { killDaemon, readStatus, runDaemon, waitFor, type RunningDaemon } from '../../helpers/daemon.js';
import { queryOn } from '../../helpers/dolt-server.js';
import { runGt } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/**
 * Exactly one program supervises the town's Dolt server (docs/configuration.md, "Who supervises the server"): gt by
 * default, Gas Town's daemon when the Town manifest says `spec.server.supervisor: gastown`. gt converges Gas Town's
 * `patrols.dolt_server.enabled` to the rule with a text edit of daemon.json, and never starts, stops, restarts or
 * configures a server Gas Town's daemon supervises.
 */

interface PlanJson {
  actions: { id: string; verb: string; code: string; before: unknown; after: unknown; reason: string }[];
  blocked: { id: string; verb: string; code: string; reason: string; hint: string }[];
  notes: string[];
}

interface SupervisorJson {
  by: string;
  source: string;
  restartsCrashedServer: boolean | null;
}

let town: TestTown;
let daemon: RunningDaemon | undefined;
const serverPids = new Set<number>();
const gt = (...args: string[]) => runGt([...args, '--town', town.root]);
const daemonJson = (): string => readFileSync(townPaths(town.root).daemonJson, 'utf8');
const townYaml = (): string => join(townPaths(town.root).rigsDir, 'town.yaml');

/** Gas Town's daemon.json as an operator keeps it: 4-space indent, a key of their own, every lifecycle patrol, dolt_server on. */
function operatorDaemonJson(port: number, enabled: boolean): string {
  const patrols = Object.entries(LIFECYCLE_DEFAULTS).map(([key, value]) => `        "${key}": ${JSON.stringify(value)},`);
  return [
    '{',
    '    "x_operator_note": "kept by gt",',
    '    "type": "daemon-patrol-config",',
    '    "version": 1,',
    '    "patrols": {',
    ...patrols,
    `        "dolt_server": {"enabled": ${enabled}, "port": ${port}, "data_dir": "${townPaths(town.root).dataDir}", "log_file": "${townPaths(town.root).doltLog}", "custom_unknown": 1}`,
    '    },',
    `    "env": {"GT_DOLT_PORT": "${port}"}`,
    '}',
    '',
  ].join('\n');
}

async function planOf(): Promise<PlanJson> {
  return JSON.parse((await gt('diff', '-o', 'json')).stdout) as PlanJson;
}

function rememberServer(): number {
  const pid = town.serverPid();
  if (pid === null) throw new Error('no server pid');
  serverPids.add(pid);
  return pid;
}

beforeAll(async () => {
  town = await makeTown([{ name: 'wyvern', ignore: ['wisps'] }]);
  writeFileSync(townPaths(town.root).daemonJson, operatorDaemonJson(town.port, true));
});

afterAll(async () => {
  await killDaemon(daemon?.pid);
  await killStarted(serverPids);
});

describe('gt supervises (the default)', () => {
  it("diff shows Gas Town's dolt_server turned off, with the reason", async () => {
    const plan = await planOf();
    expect(plan.actions.find((action) => action.id === 'daemon-config/patrols.dolt_server.enabled')).toMatchObject({
      verb: 'update',
      code: 'second-supervisor',
      before: true,
      after: false,
    });
    const text = await gt('diff');
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain('  ~ update  daemon-config/patrols.dolt_server.enabled\n      true → false\n');
    expect(text.stdout).toContain('both would rewrite .dolt-data/config.yaml from their own templates and restart the server');
  });

  it('apply turns it off with a one-token edit, starts the server, and then nothing differs', async () => {
    const before = daemonJson();
    const apply = await gt('apply');
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain('daemon-config/patrols.dolt_server.enabled ... done');
    expect(daemonJson()).toBe(before.replace('"dolt_server": {"enabled": true,', '"dolt_server": {"enabled": false,'));
    rememberServer();
    expect((await gt('diff')).exitCode).toBe(0);
  });

  it('gt status and gt dolt status say gt supervises, and that nothing restarts a crashed server without gt\'s daemon', async () => {
    const status = await gt('status');
    expect(status.stdout).toContain("          Supervisor: gt, but gt's daemon is not running: nothing restarts a crashed server");
    const json = JSON.parse((await gt('status', '-o', 'json')).stdout) as { server: { supervisor: SupervisorJson } };
    expect(json.server.supervisor).toEqual({ by: 'gt', source: 'default', restartsCrashedServer: false });
    const dolt = await gt('dolt', 'status');
    expect(dolt.stdout).toContain("  Supervisor: gt, but gt's daemon is not running");
    const doltJson = JSON.parse((await gt('dolt', 'status', '-o', 'json')).stdout) as { server: { supervisor: SupervisorJson } };
    expect(doltJson.server.supervisor.by).toBe('gt');
  });
});

describe("Gas Town's daemon supervises (spec.server.supervisor: gastown)", () => {
  const SUPERVISOR_AT = 'mayor/rigs.d/town.yaml:5:17 spec.server.supervisor';

  beforeAll(() => {
    writeFileSync(townYaml(), 'apiVersion: gastown.dev/v1alpha1\nkind: Town\nspec:\n  server:\n    supervisor: gastown\n');
  });

  it("apply turns Gas Town's dolt_server on and leaves the running server alone", async () => {
    const pid = town.serverPid();
    const plan = await planOf();
    expect(plan.actions.map((action) => [action.id, action.code, action.before, action.after])).toEqual([
      ['daemon-config/patrols.dolt_server.enabled', 'supervisor-disabled', false, true],
    ]);
    expect(plan.notes).toContain(
      `Gas Town's daemon supervises the server (supervisor from ${SUPERVISOR_AT}): gt never starts, stops or restarts it ` +
        'and does not write .dolt-data/config.yaml; gt converges the databases while it runs',
    );
    expect((await gt('apply')).exitCode).toBe(0);
    expect(daemonJson()).toContain('"dolt_server": {"enabled": true,');
    expect(daemonJson()).toContain('"x_operator_note": "kept by gt"');
    expect(town.serverPid()).toBe(pid);
  });

  it("config.yaml in Gas Town's daemon's template is not gt's to rewrite: no restart", async () => {
    const pid = town.serverPid();
    const configYaml = townPaths(town.root).serverConfigYaml;
    const gasTowns = readFileSync(configYaml, 'utf8').replace(/read_timeout_millis: \d+/, 'read_timeout_millis: 30000');
    writeFileSync(configYaml, gasTowns);
    const diff = await gt('diff');
    expect(diff.exitCode).toBe(0);
    expect(diff.stdout).toContain("Note: Gas Town's daemon supervises the server");
    expect((await gt('apply')).exitCode).toBe(0);
    expect(readFileSync(configYaml, 'utf8')).toBe(gasTowns);
    expect(town.serverPid()).toBe(pid);
  });

  it('gt dolt stop refuses, and gt status names the supervisor', async () => {
    const stop = await gt('dolt', 'stop');
    expect(stop.exitCode).toBe(2);
    expect(stop.stderr).toContain("is supervised by Gas Town's daemon");
    expect(stop.stderr).toContain('gt does not stop it');
    expect(isProcessAlive(town.serverPid() ?? -1)).toBe(true);
    const json = JSON.parse((await gt('status', '-o', 'json')).stdout) as { server: { supervisor: SupervisorJson } };
    expect(json.server.supervisor).toEqual({ by: 'gastown', source: SUPERVISOR_AT, restartsCrashedServer: null });
    expect((await gt('dolt', 'status')).stdout).toContain(`  Supervisor: Gas Town's daemon (from ${SUPERVISOR_AT})`);
  });

  it("with the server down, neither apply, gt dolt start nor gt's daemon starts it: the start is blocked with what to do", async () => {
    await town.stopServer();
    const apply = await gt('apply');
    expect(apply.exitCode).toBe(1);
    expect(apply.stdout).toContain('  ! start   server\n');
    expect(apply.stdout).toContain("→ start Gas Town's daemon");
    const plan = await planOf();
    expect(plan.actions).toEqual([]);
    expect(plan.blocked).toEqual([expect.objectContaining({ id: 'server', verb: 'start', code: 'supervised-by-gastown' })]);
    const start = await gt('dolt', 'start');
    expect(start.exitCode).toBe(2);
    expect(start.stderr).toContain("is supervised by Gas Town's daemon");

    daemon = await runDaemon(town.root, ['--health-interval', '300ms', '--resync-interval', '10m']);
    const status = await waitFor('a health check of the stopped server', () => {
      const current = readStatus(town.root);
      return current?.server?.state === 'stopped' && current.health === 'Degraded' ? current : undefined;
    });
    expect(status.server).toMatchObject({ state: 'stopped', supervisor: 'gastown' });
    expect(status.supervision.nextRestartAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // several health checks
    await expect(queryOn(town.port, 'SELECT 1')).rejects.toThrow();
    expect(await daemon.stop()).toBe(0);
    daemon = undefined;
  });

  it('back to gt: apply turns dolt_server off again and starts the server', async () => {
    rmSync(townYaml());
    const apply = await gt('apply');
    expect(apply.exitCode).toBe(0);
    expect(daemonJson()).toContain('"dolt_server": {"enabled": false,');
    rememberServer();
    expect(await queryOn(town.port, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect((await gt('diff')).exitCode).toBe(0);
  });

  it("with gt's daemon running, gt status says a crashed server is restarted", async () => {
    daemon = await runDaemon(town.root, ['--resync-interval', '10m']);
    const json = JSON.parse((await gt('status', '-o', 'json')).stdout) as { server: { supervisor: SupervisorJson } };
    expect(json.server.supervisor).toEqual({ by: 'gt', source: 'default', restartsCrashedServer: true });
    expect((await gt('status')).stdout).toContain("          Supervisor: gt's daemon (running): a crashed server is restarted\n");
    expect(await daemon.stop()).toBe(0);
    daemon = undefined;
  });
});
