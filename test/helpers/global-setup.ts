import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Provisions the pinned Dolt once per run, a private DOLT_ROOT_PATH and a private gt cache (nothing of a test run
 * lands in the user's ~/.cache/gt); workers inherit the environment. gt never runs a bd the machine may have:
 * GT_BD_BIN names a file that does not exist, as on a machine without bd, unless a test points it at the stub bd.
 */
export default function globalSetup(): void {
  const runRoot = realpathSync(mkdtempSync(join(tmpdir(), 'gt-test-')));
  const doltRootPath = join(runRoot, 'dolt-root');
  const doltBin = execFileSync('bash', ['scripts/ensure-dolt.sh', '--quiet', '--root-path', doltRootPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  process.env.GT_TEST_RUN_ROOT = runRoot;
  process.env.GT_DOLT_BIN = doltBin;
  process.env.DOLT_ROOT_PATH = doltRootPath;
  process.env.DOLT_DISABLE_EVENT_FLUSH = '1';
  process.env.GT_CACHE_DIR = join(runRoot, 'gt-cache');
  process.env.GT_BD_BIN = join(runRoot, 'no-bd-in-tests');
}
