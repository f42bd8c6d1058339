// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/, which bin/gt.js runs. Every `gt` command is a
// fresh Node process, and resolving, reading and compiling some 400 module files (mysql2 alone is 150) cost about
// 100 ms of each one; bundled, they are a few files. Commands keep loading lazily: dynamic imports become chunks.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build that requires its own files at run time; its ESM build bundles.
  mainFields: ['module', 'main'],
  // CommonJS dependencies (mysql2, winston) call require() for Node's built-ins; ESM has none, so give them one.
  banner: { js: "import { createRequire as gtCreateRequire } from 'node:module'; const require = gtCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
