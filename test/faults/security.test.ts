/**
 * The server listens on loopback unless configured otherwise; secrets (the SQL password, tokens in remote URLs) never
 * appear in what gt prints or writes, and the files that could hold one are readable by their owner only.
 */
import { chmodSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killDaemon, readStatus, runDaemon, waitFor, type RunningDaemon } from '../helpers/daemon.js';
import { runGt, type GtResult } from '../helpers/gt.js';
import { makeTown, type TestTown } from '../helpers/town.js';
import { CRASH, useAppliedTown } from './support/gt-process.js';

const PASSWORD = 'Pw-9f8e7d6c5b4a';
const TOKEN = 'tok-0a1b2c3d4e5f';
const QUERY_TOKEN = 'qtok-6a7b8c9d';
const SECRETS = [PASSWORD, TOKEN, QUERY_TOKEN];

interface Listener {
  address: string;
  port: number;
  inode: string;
}

/** Listening TCP sockets (IPv4 and IPv6) from /proc/net/tcp{,6}: address in hex as the kernel writes it. */
function listeners(): Listener[] {
  const found: Listener[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [address = '', port = ''] = (fields[1] ?? '').split(':');
      if (fields[3] === '0A') found.push({ address, port: parseInt(port, 16), inode: fields[9] ?? '' });
    }
  }
  return found;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // closed while we looked
    }
  }
  return inodes;
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) expect({ where, leaks: text.includes(secret) }).toEqual({ where, leaks: false });
}

function expectClean(name: string, result: GtResult): void {
  expect(`${result.stdout}${result.stderr}`).not.toMatch(CRASH);
  expectNoSecret(name, `${result.stdout}\n${result.stderr}`);
}

describe('network exposure', () => {
  const appliedTown = useAppliedTown([{ name: 'wyvern' }]);

  it('the server listens on 127.0.0.1 only, and on no other port', () => {
    const town = appliedTown();
    const pid = town.serverPid() as number;
    const mine = socketInodes(pid);
    const serverListeners = listeners().filter((listener) => mine.has(listener.inode));
    expect(serverListeners).toEqual([{ address: '0100007F', port: town.port, inode: expect.any(String) as unknown as string }]);
    expect(readFileSync(join(town.root, '.dolt-data', 'config.yaml'), 'utf8')).toMatch(/^ {2}host: 127\.0\.0\.1$/m);
  });

  it('another listen address only when configured, and shown before it is applied', async () => {
    const town = appliedTown();
    const daemonJson = join(town.root, 'mayor', 'daemon.json');
    const config = JSON.parse(readFileSync(daemonJson, 'utf8')) as { env: Record<string, string> };
    config.env.GT_DOLT_HOST = '0.0.0.0';
    writeFileSync(daemonJson, JSON.stringify(config, null, 2));
    const diff = await runGt(['diff', '--town', town.root]);
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toMatch(/restart server[^]*listener\.host: "127\.0\.0\.1" → "0\.0\.0\.0"/);
  });
});

describe('secrets', () => {
  let town: TestTown;
  let daemon: RunningDaemon | undefined;

  beforeAll(async () => {
    town = await makeTown([{ name: 'wyvern' }]);
    expect((await runGt(['apply', '--town', town.root])).exitCode).toBe(0);
    // a SQL user with a password, as a town whose server is not open to root without one
    await town.query(`CREATE USER 'gtop'@'%' IDENTIFIED BY '${PASSWORD}'`);
    await town.query("GRANT ALL ON *.* TO 'gtop'@'%' WITH GRANT OPTION");
    const daemonJson = join(town.root, 'mayor', 'daemon.json');
    const config = JSON.parse(readFileSync(daemonJson, 'utf8')) as { env: Record<string, string> };
    config.env.GT_DOLT_USER = 'gtop';
    config.env.GT_DOLT_PASSWORD = PASSWORD;
    writeFileSync(daemonJson, JSON.stringify(config, null, 2));
    chmodSync(daemonJson, 0o600);
    town.writeRig({
      name: 'wyvern',
      remotes: [
        { name: 'origin', url: `https://gtop:${TOKEN}@dolt.example/town/wyvern` },
        { name: 'backup', url: `https://dolt.example/town/wyvern-backup?token=${QUERY_TOKEN}` },
        // passes validation, but Dolt refuses the port: its error quotes the URL, credentials and all
        { name: 'broken', url: `https://gtop:${TOKEN}@dolt.example:x1/town/wyvern` },
      ],
    });
  });

  afterAll(async () => {
    await killDaemon(daemon?.pid);
    await town.stopServer();
  });

  it('never appear in plans, apply reports, status or validate output', async () => {
    const args = ['--town', town.root];
    const diffText = await runGt(['diff', '--explain', ...args]);
    expect(diffText.exitCode).toBe(1);
    expect(diffText.stdout).toContain('https://gtop:***@dolt.example/town/wyvern');
    expectClean('gt diff --explain', diffText);
    expectClean('gt diff -o json --explain', await runGt(['diff', '-o', 'json', '--explain', ...args]));

    const apply = await runGt(['apply', ...args]);
    expectClean('gt apply', apply);
    expect(apply.stdout).toMatch(/create +remote\/wyvern\/broken \.\.\. FAILED .*https:\/\/gtop:\*\*\*@dolt\.example:x1/);

    town.writeRig({ name: 'wyvern', remotes: [{ name: 'origin', url: `https://gtop:${TOKEN}@dolt.example/town/renamed` }] });
    const applyJson = await runGt(['apply', '-o', 'json', ...args]);
    expectClean('gt apply -o json', applyJson);
    expect(applyJson.exitCode).toBe(0);
    expect(await town.query('SELECT url FROM dolt_remotes', 'wyvern')).toEqual([{ url: `https://gtop:${TOKEN}@dolt.example/town/renamed` }]);

    expectClean('gt status', await runGt(['status', ...args]));
    expectClean('gt status -o json', await runGt(['status', '-o', 'json', ...args]));
    expectClean('gt validate -o json', await runGt(['validate', '-o', 'json', ...args]));
  });

  it("an operator's config file holding a secret that others can read gets a warning, and gt leaves its mode alone", async () => {
    const daemonJson = join(town.root, 'mayor', 'daemon.json');
    const manifest = join(town.root, 'mayor', 'rigs.d', 'wyvern.yaml');
    chmodSync(daemonJson, 0o644);
    chmodSync(manifest, 0o644);
    try {
      const validate = await runGt(['validate', '--town', town.root]);
      expectClean('gt validate', validate);
      expect(validate.exitCode).toBe(0);
      const output = validate.stdout + validate.stderr;
      expect(output).toMatch(/mayor\/daemon\.json:\d+:\d+: warning GT-W064: this file holds a password \(env\.GT_DOLT_PASSWORD\)[^\n]*chmod 600 /);
      expect(output).toMatch(/mayor\/rigs\.d\/wyvern\.yaml:\d+:\d+: warning GT-W064: this file holds credentials in the URL of remote origin/);
      expect([mode(daemonJson), mode(manifest)]).toEqual(['644', '644']);
    } finally {
      chmodSync(daemonJson, 0o600);
      chmodSync(manifest, 0o600);
    }
    const quiet = await runGt(['validate', '--town', town.root]);
    expect(quiet.stdout + quiet.stderr).not.toContain('GT-W064');
  });

  it('never appear in the daemon log, status file or state files, and those are owner-only', async () => {
    town.writeRig({
      name: 'wyvern',
      remotes: [
        { name: 'origin', url: `https://gtop:${TOKEN}@dolt.example/town/renamed` },
        { name: 'broken', url: `https://gtop:${TOKEN}@dolt.example:x1/town/wyvern?token=${QUERY_TOKEN}` },
      ],
    });
    daemon = await runDaemon(town.root, ['--resync-interval', '10m']);
    await waitFor('a reconcile that tried the broken remote', () => readStatus(town.root)?.lastReconcile?.actions.failed);
    expectClean('gt daemon status', await runGt(['daemon', 'status', '--town', town.root]));
    await daemon.stop();

    const files = {
      log: join(town.root, 'daemon', 'gt-reconciler.log'),
      status: join(town.root, 'daemon', 'gt-reconciler-status.json'),
      serverConfig: join(town.root, '.dolt-data', 'config.yaml'),
      serverLog: join(town.root, 'daemon', 'dolt.log'),
    };
    const log = readFileSync(files.log, 'utf8');
    expect(log).toContain('***');
    expectNoSecret('daemon log', log);
    expectNoSecret('daemon status file', readFileSync(files.status, 'utf8'));
    expectNoSecret('config.yaml', readFileSync(files.serverConfig, 'utf8'));
    expectNoSecret('dolt-state.json', readFileSync(join(town.root, 'daemon', 'dolt-state.json'), 'utf8'));
    // Dolt's own log quotes refused URLs verbatim; gt cannot mask it, so it keeps it owner-only
    for (const [name, path] of Object.entries(files)) expect({ name, mode: mode(path) }).toEqual({ name, mode: '600' });
    expect(mode(join(town.root, 'mayor', 'daemon.json'))).toBe('600');
  });
});
