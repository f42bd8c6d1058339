// One compaction in a process of its own, so a fault test can kill -9 it between two steps. The request is the
// first argument (JSON, without the clock and callbacks). It prints `step <name>` as each step finishes; after
// the step PAUSE_AFTER names it prints `paused` and waits to be killed. It runs the built engine (npm test builds).
import { compactDatabase } from '../../../dist/lifecycle/compaction/engine.js';

const request = JSON.parse(process.argv[2]);
const pauseAfter = process.env.PAUSE_AFTER;

const outcome = await compactDatabase({
  ...request,
  now: () => new Date(),
  onStep: async (step) => {
    process.stdout.write(`step ${step}\n`);
    if (step === pauseAfter) {
      process.stdout.write('paused\n');
      await new Promise(() => setInterval(() => undefined, 60_000));
    }
  },
});
process.stdout.write(`outcome ${JSON.stringify(outcome)}\n`);
