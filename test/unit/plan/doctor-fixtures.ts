/** Builders of what gt doctor observes, for the pure checks' tests: plain data, no I/O. */
import type { DoctorObservation } from '../../../src/observe/doctor-observation.js';
import type { DoltServerProcess } from '../../../src/observe/dolt-process-facts.js';
import type { DoctorOptions } from '../../../src/plan/doctor-types.js';
import { running, TOWN } from './fixtures.js';

export const DATA_DIR = `${TOWN}/.dolt-data`;
export const STARTED = Date.parse('2026-01-01T00:00:00Z');

/** The town's own server, as gt starts it: `--config <data dir>/config.yaml`, running in the data dir. */
export function townProcess(overrides: Partial<DoltServerProcess> = {}): DoltServerProcess {
  return {
    pid: 4242,
    command: `dolt sql-server --config ${DATA_DIR}/config.yaml`,
    cwd: DATA_DIR,
    cwdDeleted: false,
    dataDir: { path: DATA_DIR, from: `data_dir in ${DATA_DIR}/config.yaml` },
    dataDirTown: TOWN,
    ports: [3317],
    startedAtMs: STARTED,
    deletedDataFiles: [],
    residentBytes: 100 * 1024 * 1024,
    ...overrides,
  };
}

/** A server bd started by itself: `dolt sql-server -H 127.0.0.1 -P PORT` in `<dir>`, serving its working directory. */
export function bdProcess(pid: number, dir: string, port: number): DoltServerProcess {
  return townProcess({
    pid,
    command: `dolt sql-server -H 127.0.0.1 -P ${port}`,
    cwd: dir,
    dataDir: { path: dir, from: 'its working directory' },
    dataDirTown: null,
    ports: [port],
  });
}

/** A healthy town: its server runs and serves hq, nothing else runs, no stale file, small sizes. */
export function healthyObservation(overrides: Partial<DoctorObservation> = {}): DoctorObservation {
  return {
    townRoot: TOWN,
    dataDir: DATA_DIR,
    server: running(),
    processes: { source: 'proc', list: [townProcess()] },
    served: ['hq'],
    lastCommits: {},
    onDisk: ['hq'],
    incomplete: [],
    files: { portFiles: [], metadataPorts: [], doltPid: { path: `${TOWN}/daemon/dolt.pid`, pid: 4242, alive: true, command: ['dolt', 'sql-server'] }, doltStateRunning: null, daemonPid: null, bdPids: [] },
    usage: {
      dataDirBytes: 10_000,
      databases: [{ name: 'hq', bytes: 8_000, journalBytes: 2_000, lastWrittenAt: '2026-01-01T00:00:00.000Z' }],
      hidden: [],
      filesystem: { freeBytes: 50 * 2 ** 30, totalBytes: 100 * 2 ** 30 },
      daemonDirBytes: 1_000,
      daemonDir: [{ name: 'dolt.log', bytes: 1_000 }],
    },
    ...overrides,
  };
}

export const CHECK_ONLY: DoctorOptions = { stopServers: false, force: false, graceMs: 30_000, gt: 'gt' };
export const STOP_SERVERS: DoctorOptions = { ...CHECK_ONLY, stopServers: true };
