import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { EXIT, gtCommand, printError, runCommand, type CommandIO, type Session } from './output.js';
import { townPaths } from '../lib/town-layout.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gtBin = join(packageRoot, 'bin', 'gt.js');

interface DemoOptions {
  keep?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Copies examples/town into `dir`, pointing its remotes into `dir/remotes` and its server at a free port, so the
 * demo never touches /srv or a real town's port 3307.
 */
async function scaffoldDemoTown(dir: string, port: number): Promise<void> {
  const { applyEdits, modify } = await import('jsonc-parser');
  cpSync(join(packageRoot, 'examples', 'town'), dir, { recursive: true });
  const { rigsDir, daemonJson: daemonPath } = townPaths(dir);
  for (const file of readdirSync(rigsDir)) {
    const path = join(rigsDir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('file:///srv/', `file://${dir}/remotes/`));
  }
  let text = readFileSync(daemonPath, 'utf8').replaceAll('/srv/gt', dir);
  for (const path of [['env', 'GT_DOLT_PORT'], ['patrols', 'dolt_server', 'port']]) {
    const value = path[0] === 'env' ? String(port) : port;
    text = applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  writeFileSync(daemonPath, text);
}

/** Runs `gt ARGS` as the operator would, showing the command line first and its output as it comes. */
async function step(io: CommandIO, args: string[]): Promise<number> {
  const { execa } = await import('execa');
  io.stdout.write(`\n$ ${gtCommand(io, args)}\n`);
  const child = execa('node', [gtBin, ...args], { stdin: 'ignore', reject: false, env: { FORCE_COLOR: io.color ? '1' : undefined } });
  child.stdout?.on('data', (chunk: Buffer) => io.stdout.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => io.stderr.write(chunk));
  const result = await child;
  io.stdout.write(`(exit ${result.exitCode})\n`);
  return result.exitCode ?? EXIT.error;
}

/** Stops the demo's server, or says how to stop it when --keep leaves it running. */
async function finishDemo(io: CommandIO, dir: string, keep: boolean): Promise<void> {
  if (keep) {
    io.stdout.write(`\nThe demo server keeps running. Stop it with: ${gtCommand(io, ['dolt', 'stop', '--town', dir])}\n`);
    return;
  }
  const { loadDesiredState } = await import('../config/load.js');
  const { stopServer } = await import('../apply/server-control.js');
  const { desired } = loadDesiredState({ town: dir, files: [], env: io.env, cwd: process.cwd() });
  const { stopped } = await stopServer(dir, desired.server, { drainMs: 0 });
  if (stopped) io.stdout.write(`\nStopped the demo server. Keep it running next time with: ${gtCommand(io, ['demo', '--keep'])}\n`);
}

/** A demo town from examples/, validated, planned, applied, checked and shown; exit 2 when a step went otherwise. */
async function runDemo(io: CommandIO, dirArgument: string | undefined, options: DemoOptions): Promise<number> {
  const dir = dirArgument ? resolve(dirArgument) : mkdtempSync(join(tmpdir(), 'gt-demo-'));
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    printError(io.stderr, `${dir} is not empty; give the demo an empty or new directory`);
    return EXIT.error;
  }
  const port = await freePort();
  await scaffoldDemoTown(dir, port);
  io.stdout.write(`Demo town in ${dir} (Dolt on 127.0.0.1:${port}), made from examples/town.\n`);
  const town = ['--town', dir];
  const failures: string[] = [];
  const expect = async (args: string[], wanted: number): Promise<void> => {
    if ((await step(io, [...args, ...town])) !== wanted) failures.push(`gt ${args.join(' ')}`);
  };
  try {
    await expect(['validate'], EXIT.ok);
    await expect(['diff'], EXIT.differences);
    await expect(['apply'], EXIT.ok);
    await expect(['diff'], EXIT.ok);
    await expect(['status'], EXIT.ok);
  } finally {
    await finishDemo(io, dir, options.keep === true);
  }
  if (failures.length > 0) {
    printError(io.stderr, `the demo did not go as expected: ${failures.join(', ')}`);
    return EXIT.error;
  }
  io.stdout.write('Demo complete: the town was planned, converged, and a second diff found nothing to do.\n');
  return EXIT.ok;
}

/** `gt demo [DIR]`: a demo town from examples/, validated, planned, applied, checked and shown. */
export function registerDemoCommand(program: Command, session: Session): void {
  program
    .command('demo')
    .description('set up a demo town from examples/ on a free port and converge it (stops its server at the end)')
    .argument('[dir]', 'where to create the demo town (default: a new temp dir; must be empty if it exists)')
    .option('--keep', 'leave the demo server running')
    .action(runCommand(session, (io, dir: string | undefined, options: DemoOptions) => runDemo(io, dir, options)));
}
