import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/** Set by global-setup.ts: the dolt binary, a prepared DOLT_ROOT_PATH and this run's temp root. */
export function testEnv(): { doltBin: string; doltRootPath: string; runRoot: string } {
  const doltBin = process.env.GT_DOLT_BIN;
  const doltRootPath = process.env.DOLT_ROOT_PATH;
  const runRoot = process.env.GT_TEST_RUN_ROOT;
  if (!doltBin || !doltRootPath || !runRoot) {
    throw new Error('test environment not prepared: run the tests with `npm test` (jest globalSetup)');
  }
  return { doltBin, doltRootPath, runRoot };
}

/** A fresh directory under this run's temp root; the global teardown sweeps processes running from it. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(testEnv().runRoot, `${prefix}-`));
}
