import { readFileSync } from 'node:fs';

/**
 * Self time of a V8 CPU profile (`node --cpu-prof`) by module and by function, the heaviest first:
 *   node --cpu-prof --cpu-prof-dir=prof bin/gt.js diff && node dist-bench/bench/cpuprofile-summary.js prof/*.cpuprofile
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package> for dependencies, the path inside the repository for gt's own code. */
function moduleOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName || 'native'})`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency) return `node_modules/${dependency[1]}`;
  return url.replace(/^file:\/\/.*?\/(dist|src|bench|test)\//, '$1/');
}

function top(totals: Map<string, number>, count: number): string {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${(micros / 1000).toFixed(1).padStart(9)} ms  ${name}`)
    .join('\n');
}

export function summarize(profile: CpuProfile, count = 25): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    const micros = profile.timeDeltas[i] ?? 0;
    if (frame === undefined) return;
    total += micros;
    const module = moduleOf(frame.url, frame.functionName);
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
    const name = `${frame.functionName || '(anonymous)'}  ${module}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  });
  return `${(total / 1000).toFixed(0)} ms sampled\n\nself time by module\n${top(byModule, count)}\n\nself time by function\n${top(byFunction, count)}\n`;
}

for (const file of process.argv.slice(2)) {
  process.stdout.write(`${file}\n${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)}\n`);
}
