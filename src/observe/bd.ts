import { execa } from 'execa';
import { findOnPath, isExecutableFile } from '../lib/executable.js';
import type { BdSource, ObservedBd } from './observed.js';

/** `bd version` prints at once (it opens no database); a bd that takes longer is not one gt can rely on. */
const VERSION_TIMEOUT_MS = 10_000;

/** The version in `bd version`'s output: "bd version 1.0.0 (72170267)" → "1.0.0". */
export function parseBdVersion(output: string): string | null {
  return /\bbd version v?(\d+\.\d+\.\d+)/.exec(output)?.[1] ?? null;
}

function locate(env: NodeJS.ProcessEnv): { path: string; source: BdSource } | { source: BdSource; reason: string } {
  const configured = env.GT_BD_BIN;
  if (configured !== undefined && configured !== '') {
    return isExecutableFile(configured)
      ? { path: configured, source: 'GT_BD_BIN' }
      : { source: 'GT_BD_BIN', reason: `GT_BD_BIN is ${configured}, which is not an executable file` };
  }
  const onPath = findOnPath('bd', env);
  return onPath === null ? { source: 'PATH', reason: 'no bd on PATH' } : { path: onPath, source: 'PATH' };
}

/** What `bd version` says, run in `cwd` with bd's server auto-start off (it starts none, but nothing must). */
async function askVersion(path: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ version: string } | { reason: string }> {
  const result = await execa(path, ['version'], {
    cwd,
    env: { ...env, BEADS_DOLT_AUTO_START: '0' },
    reject: false,
    stdin: 'ignore',
    timeout: VERSION_TIMEOUT_MS,
  });
  if (result.exitCode !== 0) {
    const why = result.timedOut ? `did not answer within ${VERSION_TIMEOUT_MS / 1000} s` : `exited ${result.exitCode ?? 'on a signal'}`;
    return { reason: `\`${path} version\` ${why}: ${String(result.stderr).trim() || '(no output)'}` };
  }
  const version = parseBdVersion(String(result.stdout));
  return version === null ? { reason: `\`${path} version\` printed "${String(result.stdout).trim()}", which names no version` } : { version };
}

/** The bd gt would run (GT_BD_BIN, else `bd` on PATH) and its version. */
export async function observeBd(townRoot: string, env: NodeJS.ProcessEnv): Promise<ObservedBd> {
  const found = locate(env);
  if (!('path' in found)) return { state: 'unavailable', ...found };
  const asked = await askVersion(found.path, townRoot, env);
  return 'version' in asked ? { state: 'found', ...found, version: asked.version } : { state: 'unavailable', source: found.source, reason: asked.reason };
}
