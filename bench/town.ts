import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, terminateProcess } from '../src/lib/process.js';
import { freePort } from '../test/helpers/dolt-server.js';
import { rigYaml, type RigSpec } from '../test/helpers/town.js';
import { runGtOk, type TimedRun } from './run-process.js';
import { townPaths } from '../src/lib/town-layout.js';

/** The town shape of the issue: every rig with one remote and two ignore patterns, one manifest file per rig. */
export class BenchTown {
  private constructor(
    readonly root: string,
    readonly port: number,
    readonly rigs: RigSpec[],
  ) {}

  /** A town of `rigCount` rigs in a new directory under `parent`, its server on a free port (never 3307), not started. */
  static async create(parent: string, label: string, rigCount: number): Promise<BenchTown> {
    const root = mkdtempSync(join(parent, `${label}-`));
    const port = await freePort();
    mkdirSync(townPaths(root).rigsDir, { recursive: true });
    const daemon = { type: 'daemon-patrol-config', version: 1, env: { GT_DOLT_PORT: String(port) } };
    writeFileSync(townPaths(root).daemonJson, `${JSON.stringify(daemon, null, 2)}\n`);
    const width = String(rigCount).length;
    const rigs = Array.from({ length: rigCount }, (_, i): RigSpec => {
      const name = `rig${String(i + 1).padStart(width, '0')}`;
      return {
        name,
        prefix: `r${String(i + 1).padStart(width, '0')}`,
        remotes: [{ name: 'origin', url: `file://${join(root, 'remotes', name)}` }],
        ignore: ['wisps', 'wisp_*'],
      };
    });
    const town = new BenchTown(root, port, rigs);
    for (const rig of rigs) town.writeRig(rig);
    return town;
  }

  /** Every database the town serves: the town database hq and one per rig. */
  get databases(): string[] {
    return ['hq', ...this.rigs.map((rig) => rig.name)];
  }

  manifestPath(rig: RigSpec): string {
    return join(townPaths(this.root).rigsDir, `${rig.name}.yaml`);
  }

  writeRig(rig: RigSpec): void {
    writeFileSync(this.manifestPath(rig), rigYaml(rig));
  }

  /** A one-rig change an operator would make: one more ignore pattern in rig number `index` (modulo the rig count). */
  addIgnorePattern(index: number, pattern: string): RigSpec {
    const rig = this.rigs[index % this.rigs.length] as RigSpec;
    rig.ignore = [...(rig.ignore ?? []), pattern];
    this.writeRig(rig);
    return rig;
  }

  /** `gt apply` until converged (it starts the server): the state B1, B2, B4 and B5 start from. */
  async converge(): Promise<TimedRun> {
    return runGtOk(['--town', this.root, 'apply']);
  }

  /** The pid gt recorded for the server it started, or null. */
  serverPid(): number | null {
    try {
      const pid = Number(readFileSync(townPaths(this.root).doltPid, 'utf8').trim().split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  /**
   * Waits until the server has been idle for a second (under 2 % of a core), at most `limitMs`, and returns how long it
   * waited: after a large create Dolt works on in the background (auto GC), and that time would be counted as gt's.
   */
  async settle(limitMs = 120_000): Promise<number> {
    const pid = this.serverPid();
    if (pid === null) return 0;
    const started = Date.now();
    let last = cpuTicks(pid);
    while (Date.now() - started < limitMs) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = cpuTicks(pid);
      if (now === null || last === null || now - last <= 2) break; // 100 ticks a second: 2 % of a core
      last = now;
    }
    return Date.now() - started;
  }

  async stopServer(): Promise<void> {
    const pid = this.serverPid();
    if (pid !== null && isProcessAlive(pid)) await terminateProcess(pid, 15_000);
  }
}

/** User plus system CPU time of a process in clock ticks (/proc/<pid>/stat fields 14 and 15), or null when it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
