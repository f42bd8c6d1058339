import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { isProcessAlive, signalProcess, waitForExit } from '../src/lib/process.js';
import { gtBin, gtEnv } from './run-process.js';
import type { BenchTown } from './town.js';

/** The fields of the daemon's JSON log lines the bench reads (event 'reconcile' ends every reconcile). */
export interface DaemonLogLine {
  level?: string;
  message?: string;
  event?: string;
  triggers?: string[];
  result?: string;
  actions?: { done: number; failed: number; remaining: number };
}

interface Waiter {
  matches: (line: DaemonLogLine) => boolean;
  resolve: (seen: { line: DaemonLogLine; at: number }) => void;
  reject: (error: Error) => void;
}

/** `gt daemon run` on a town as a child process, its JSON log lines read as they come. */
export class DaemonUnderTest {
  private waiters = new Set<Waiter>();
  private stderrTail: string[] = [];
  private exited: string | null = null;

  private constructor(private readonly child: ChildProcessByStdio<null, Readable, Readable>) {
    createInterface({ input: child.stdout }).on('line', (text) => this.onLine(text));
    createInterface({ input: child.stderr }).on('line', (text) => {
      this.stderrTail = [...this.stderrTail.slice(-19), text];
    });
    child.once('exit', (code, signal) => {
      this.exited = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
      const error = new Error(`gt daemon run exited (${this.exited}):\n${this.stderrTail.join('\n')}`);
      for (const waiter of this.waiters) waiter.reject(error);
      this.waiters.clear();
    });
  }

  /** Starts the daemon (no periodic resync during the bench) and waits until its start-up reconcile has converged. */
  static async start(town: BenchTown): Promise<DaemonUnderTest> {
    const child = spawn(process.execPath, [gtBin, '--town', town.root, 'daemon', 'run', '--resync-interval', '24h'], {
      env: gtEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const daemon = new DaemonUnderTest(child);
    try {
      const { line } = await daemon.nextReconcile('startup', 300_000);
      if (line.result !== 'converged') throw new Error(`the daemon's start-up reconcile did not converge: ${String(line.message)}`);
    } catch (error) {
      await daemon.stop();
      throw error;
    }
    return daemon;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('gt daemon run has no pid');
    return this.child.pid;
  }

  /**
   * Resolves with the next reconcile the trigger started (and `accept` accepts), and when its log line arrived
   * (performance.now()). Register before causing the reconcile: earlier lines are not looked at.
   */
  nextReconcile(trigger: string, timeoutMs: number, accept: (line: DaemonLogLine) => boolean = () => true): Promise<{ line: DaemonLogLine; at: number }> {
    if (this.exited !== null) return Promise.reject(new Error(`gt daemon run has exited (${this.exited})`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches: (line) => line.event === 'reconcile' && (line.triggers ?? []).includes(trigger) && accept(line),
        resolve: (seen) => {
          clearTimeout(timer);
          resolve(seen);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no '${trigger}' reconcile within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The daemon's peak resident set (VmHWM) and current one (VmRSS), in MB (10^6 bytes, as the target is stated). */
  memoryMB(): { peak: number; current: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const megabytes = (field: string): number => {
      const kib = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      if (!Number.isFinite(kib)) throw new Error(`no ${field} in /proc/${this.pid}/status`);
      return Math.round((kib * 1024) / 1e5) / 10;
    };
    return { peak: megabytes('VmHWM'), current: megabytes('VmRSS') };
  }

  /** SIGTERM (the daemon finishes what it does; the server keeps running), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.exited !== null || !isProcessAlive(pid)) return;
    signalProcess(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 30_000))) signalProcess(pid, 'SIGKILL');
  }

  private onLine(text: string): void {
    let line: DaemonLogLine;
    try {
      line = JSON.parse(text) as DaemonLogLine;
    } catch {
      return; // not a log line
    }
    const at = performance.now();
    for (const waiter of this.waiters) {
      if (!waiter.matches(line)) continue;
      this.waiters.delete(waiter);
      waiter.resolve({ line, at });
    }
  }
}
