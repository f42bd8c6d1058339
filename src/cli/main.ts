import { gtInvocation } from './invocation.js';
import { runGt } from './program.js';

process.exitCode = await runGt(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  invocation: gtInvocation(process.argv[1], process.env),
});
