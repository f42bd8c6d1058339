import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isProcessAlive } from '../../../src/lib/process.js';
import { townPaths } from '../../../src/lib/town-layout.js';
import { freePort, queryOn } from '../../helpers/dolt-server.js';
import { runGt, type GtResult } from '../../helpers/gt.js';
import { killStarted } from '../../helpers/town-server.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/**
 * A shell whose $GT_DOLT_PORT differs from the town's declared port (docs/configuration.md, "Effective server
 * settings"): gt ranks the declared sources first, so no gt command run from that shell moves the server, and after
 * any sequence of gt commands config.yaml (what Gas Town reads first), daemon.json and the running server agree —
 * for Gas Town's commands with the shell variable set and without it.
 */

let town: TestTown;
let shellPort: number;
const serverPids = new Set<number>();
const gt = (args: string[], shell: boolean): Promise<GtResult> =>
  runGt([...args, '--town', town.root], { env: shell ? { GT_DOLT_PORT: String(shellPort) } : {} });

function readDaemonJson(): { env?: Record<string, string> } & Record<string, unknown> {
  return JSON.parse(readFileSync(townPaths(town.root).daemonJson, 'utf8')) as { env?: Record<string, string> };
}

function configYamlPort(): number | undefined {
  const config = parse(readFileSync(townPaths(town.root).serverConfigYaml, 'utf8')) as { listener?: { port?: number } };
  return config.listener?.port;
}

/**
 * The port Gas Town's own commands use (its doltserver.DefaultConfig): with GT_DOLT_PORT in their environment,
 * config.yaml's listener.port first and the variable only without it; without the variable, daemon.json's
 * env.GT_DOLT_PORT first, then config.yaml; 3307 last.
 */
function gasTownPort(shell: number | null): number {
  const yamlPort = configYamlPort();
  if (shell !== null) return yamlPort ?? shell;
  const declared = readDaemonJson().env?.GT_DOLT_PORT;
  return declared !== undefined ? Number(declared) : (yamlPort ?? 3307);
}

/** The server answers on `port`, nothing on the shell's port, and gt, config.yaml and Gas Town (either shell) agree. */
async function expectAllOn(port: number, pid: number): Promise<void> {
  expect(town.serverPid()).toBe(pid);
  expect(isProcessAlive(pid)).toBe(true);
  expect(await queryOn(port, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  await expect(queryOn(shellPort, 'SELECT 1')).rejects.toThrow();
  expect(configYamlPort()).toBe(port);
  expect({ withShellVariable: gasTownPort(shellPort), without: gasTownPort(null) }).toEqual({ withShellVariable: port, without: port });
}

function setDeclaredPort(port: number | null): void {
  const daemon = readDaemonJson();
  if (port === null) delete daemon.env;
  else daemon.env = { GT_DOLT_PORT: String(port) };
  writeFileSync(townPaths(town.root).daemonJson, `${JSON.stringify(daemon, null, 2)}\n`);
}

beforeAll(async () => {
  town = await makeTown([{ name: 'wyvern', ignore: ['wisps'] }]);
  shellPort = await freePort();
  expect((await gt(['apply'], false)).exitCode).toBe(0);
  serverPids.add(town.serverPid() as number);
});

afterAll(async () => {
  await killStarted(serverPids);
});

describe('$GT_DOLT_PORT in the shell differs from daemon.json', () => {
  const commands: [string[], number][] = [
    [['validate'], 0],
    [['diff'], 0],
    [['diff', '--explain'], 0],
    [['apply'], 0],
    [['status'], 0],
    [['dolt', 'status'], 0],
    [['dolt', 'list'], 0],
    [['dolt', 'start'], 0],
    [['apply'], 0],
  ];

  it('no gt command moves the server, each warns that the variable is outranked, and both programs agree after each', async () => {
    const pid = town.serverPid() as number;
    for (const [args, exitCode] of commands) {
      const result = await gt(args, true);
      expect({ command: args.join(' '), exitCode: result.exitCode }).toEqual({ command: args.join(' '), exitCode });
      // validate prints its diagnostics on stdout, the other commands their warnings on stderr
      expect(`${result.stdout}${result.stderr}`).toContain(
        `$GT_DOLT_PORT:1:1: warning GT-W067: GT_DOLT_PORT=${shellPort} in gt's environment is not used`,
      );
      await expectAllOn(town.port, pid);
    }
    const explain = await gt(['diff', '--explain'], true);
    expect(explain.stdout).toMatch(new RegExp(`port +${town.port} +← mayor/daemon\\.json env\\.GT_DOLT_PORT`));
  });

  it('a port changed in daemon.json moves the server there, whichever shell applies it', async () => {
    const moved = await freePort();
    setDeclaredPort(moved);
    const apply = await gt(['apply'], true);
    expect(apply.exitCode).toBe(0);
    const pid = town.serverPid() as number;
    serverPids.add(pid);
    await expectAllOn(moved, pid);
    expect((await gt(['diff'], false)).exitCode).toBe(0);
    expect((await gt(['diff'], true)).exitCode).toBe(0);
  });

  it('a port only config.yaml holds stays there: the shell variable ranks below it', async () => {
    const pid = town.serverPid() as number;
    const port = configYamlPort() as number;
    setDeclaredPort(null);
    for (const args of [['diff'], ['apply'], ['dolt', 'status']]) {
      const result = await gt(args, true);
      expect({ command: args.join(' '), exitCode: result.exitCode }).toEqual({ command: args.join(' '), exitCode: 0 });
      expect(result.stderr).toContain('(from .dolt-data/config.yaml listener.port)');
      await expectAllOn(port, pid);
    }
    expect((await gt(['diff'], false)).exitCode).toBe(0);
  });
});
