#!/usr/bin/env node
// Generates src/config/generated/*.ts from schemas/*.schema.json: the schemas are the single source of truth for
// validation and for the TypeScript types. `node scripts/gen-types.mjs --check` exits 1 when a generated file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFromFile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = [
  { schema: 'daemon.schema.json', output: 'daemon-config.ts' },
  { schema: 'rig.schema.json', output: 'rig-manifest.ts' },
  { schema: 'town.schema.json', output: 'town-manifest.ts' },
];

async function generate({ schema, output }) {
  const banner = `/* Generated from schemas/${schema} by scripts/gen-types.mjs. Do not edit: run \`npm run gen:types\`. */`;
  const text = await compileFromFile(join(root, 'schemas', schema), {
    cwd: join(root, 'schemas'),
    bannerComment: banner,
    style: { singleQuote: true, printWidth: 120 },
  });
  return { path: join(root, 'src', 'config', 'generated', output), text };
}

const check = process.argv.includes('--check');
const stale = [];
for (const target of TARGETS) {
  const { path, text } = await generate(target);
  let current = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing: stale
  }
  if (current === text) continue;
  if (check) stale.push(path);
  else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale.length > 0) {
  console.error(`stale generated types (run \`npm run gen:types\`):\n${stale.map((p) => `  ${p}`).join('\n')}`);
  process.exitCode = 1;
}
