import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/env.js';
import { runGt } from '../../helpers/gt.js';
import { makeTown, type TestTown } from '../../helpers/town.js';

/**
 * The parsed-YAML cache (GT_CACHE_DIR) as gt runs it: a second process reads what the first one parsed, and must
 * report exactly what a fresh parse reports — the same findings at the same file:line:col.
 */

let town: TestTown;
let cacheDir: string;

const shardDir = () => join(cacheDir, 'parsed-yaml-v1');
const shards = () => readdirSync(shardDir()).map((name) => join(shardDir(), name));
const validate = () => runGt(['validate', '--town', town.root], { env: { GT_CACHE_DIR: cacheDir } });

beforeEach(async () => {
  cacheDir = join(makeTempDir('cache'), 'gt');
  // Two rigs with one prefix (an error at the later file's prefix) and a remote with a token in its URL.
  town = await makeTown([
    { name: 'wyvern', prefix: 'wy', remotes: [{ name: 'origin', url: 'https://gtop:s3cret-token@dolt.example/town/wyvern' }] },
    { name: 'longeye', prefix: 'wy' },
  ]);
});

it('a second run reads the cache and reports the same findings at the same places', async () => {
  const first = await validate();
  expect(first.exitCode).toBe(1);
  expect(first.stdout).toMatch(/wyvern\.yaml:6:11: error GT-E041: prefix "wy" is already declared at \S+longeye\.yaml:6:11/);
  expect(shards().length).toBeGreaterThan(0);

  const second = await validate();
  expect(second).toEqual(first);
});

it('reads an edited manifest anew', async () => {
  expect((await validate()).exitCode).toBe(1);
  town.writeRig({ name: 'longeye', prefix: 'lo' });
  const fixed = await validate();
  expect(fixed.stdout).toContain('is valid');
  expect(fixed.exitCode).toBe(0);
});

it('is private to the user: its files hold remote URLs with their credentials', async () => {
  await validate();
  expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  expect(statSync(shardDir()).mode & 0o777).toBe(0o700);
  const files = shards();
  expect(files.some((file) => readFileSync(file, 'utf8').includes('s3cret-token'))).toBe(true);
  for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
});

it('ignores a damaged cache file and writes a good one in its place', async () => {
  const first = await validate();
  for (const file of shards()) writeFileSync(file, '{"format": 1, "entries": {"x": [{"value": 1');
  expect(await validate()).toEqual(first);
  for (const file of shards()) expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
});

it('works the same where no cache can be written', async () => {
  const first = await validate();
  const blocked = join(makeTempDir('cache'), 'a-file');
  writeFileSync(blocked, 'not a directory\n');
  const uncached = await runGt(['validate', '--town', town.root], { env: { GT_CACHE_DIR: blocked } });
  expect(uncached).toEqual(first);
});
