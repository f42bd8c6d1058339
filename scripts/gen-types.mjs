#!/usr/bin/env node
// Generates src/config/generated/*.ts from schemas/*.schema.json: the schemas are the single source of truth for
// validation and for the TypeScript types. `node scripts/gen-types.mjs --check` exits 1 when a generated file is stale.
//   *-manifest.ts, daemon-config.ts   the TypeScript types (json-schema-to-typescript)
//   validators.ts                      the ajv validators, compiled to code here so that gt does not compile the schemas
//                                      at every start (ajv standalone code; src/config/schema-validation.ts uses them)
//   daemon-go-shape.ts                 daemon.json's shape as Gas Town's Go structs decode it (src/config/go-decoding.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
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

/** The validated schemas, exported by these names; schema-validation.ts reads their errors with these options. */
const VALIDATED = ['daemon', 'rig', 'town'];
const AJV_OPTIONS = { allErrors: true, verbose: true, allowUnionTypes: true, code: { source: true, esm: true, lines: true } };

function generateValidators() {
  const ajv = new Ajv(AJV_OPTIONS);
  const ids = {};
  for (const name of VALIDATED) {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', `${name}.schema.json`), 'utf8'));
    ajv.addSchema(schema);
    ids[name] = schema.$id;
  }
  // ajv's ESM code still require()s its runtime helpers (e.g. ucs2length): import them instead.
  const imports = new Map();
  const code = standaloneCode(ajv, ids)
    .replace(/^"use strict";\n/, '')
    .replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)/g, (_, module) => {
      const local = `runtime_${module.split('/').pop().replace(/\W/g, '_')}`;
      imports.set(local, `${module}.js`);
      return local;
    });
  const text = [
    `/* Generated from schemas/{${VALIDATED.join(',')}}.schema.json by scripts/gen-types.mjs (ajv standalone code). Do not edit: run \`npm run gen:types\`. */`,
    '// @ts-nocheck',
    ...[...imports].map(([local, module]) => `import ${local} from '${module}';`),
    code,
  ].join('\n');
  return { path: join(root, 'src', 'config', 'generated', 'validators.ts'), text: `${text.trimEnd()}\n` };
}

/**
 * The Go type behind each daemon.json schema node, as encoding/json treats it: an object whose additionalProperties is
 * a schema is a Go map (keys match exactly); any other object is a struct (keys match fields ignoring case); integer
 * and number are Go int and float64 fields.
 */
function goShape(node, root) {
  const schema = node.$ref === undefined ? node : root.definitions[node.$ref.replace('#/definitions/', '')];
  const types = [schema.type].flat().filter((type) => type !== 'null');
  if (types.includes('object')) {
    if (typeof schema.additionalProperties === 'object') return { map: goShape(schema.additionalProperties, root) };
    const fields = Object.entries(schema.properties ?? {}).map(([key, value]) => [key, goShape(value, root)]);
    return { struct: Object.fromEntries(fields) };
  }
  if (types.includes('array')) return { list: goShape(schema.items, root) };
  if (types.includes('integer')) return 'int';
  if (types.includes('number')) return 'float';
  return 'scalar';
}

function generateGoShape() {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'daemon.schema.json'), 'utf8'));
  const text = [
    '/* Generated from schemas/daemon.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */',
    '',
    '/** A daemon.json node as Gas Town\'s Go encoding/json decodes it. */',
    "export type GoShape = 'int' | 'float' | 'scalar' | { struct: Record<string, GoShape> } | { map: GoShape } | { list: GoShape };",
    '',
    `export const DAEMON_GO_SHAPE: GoShape = ${JSON.stringify(goShape(schema, schema), null, 2)};`,
  ].join('\n');
  return { path: join(root, 'src', 'config', 'generated', 'daemon-go-shape.ts'), text: `${text}\n` };
}

const check = process.argv.includes('--check');
const stale = [];
for (const { path, text } of [...(await Promise.all(TARGETS.map(generate))), generateValidators(), generateGoShape()]) {
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
  console.error(`stale generated files (run \`npm run gen:types\`):\n${stale.map((p) => `  ${p}`).join('\n')}`);
  process.exitCode = 1;
}
