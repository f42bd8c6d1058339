import { diagnose } from '../../../src/plan/doctor.js';
import { classifyServer } from '../../../src/plan/doctor-servers.js';
import type { CheckId, DoctorCheck, DoctorReport, StopServerFix } from '../../../src/plan/doctor-types.js';
import { doctorDocument, renderDoctorText } from '../../../src/plan/render-doctor.js';
import { parseDocument } from '../../helpers/json-schemas.js';
import { bdProcess, CHECK_ONLY, DATA_DIR, healthyObservation, STARTED, STOP_SERVERS, townProcess } from './doctor-fixtures.js';
import { desiredTown, hq, rig, serverSettings, stopped, TOWN } from './fixtures.js';

const TOWN_ID = { root: TOWN, dataDir: DATA_DIR, serverPid: 4242 };

function check(report: DoctorReport, id: CheckId): DoctorCheck {
  const found = report.checks.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
}

describe('a Dolt server is classified by the directory it serves, never by its name or port alone', () => {
  test("the town's server: the pid gt reaches on the port, serving <town>/.dolt-data", () => {
    expect(classifyServer(townProcess(), TOWN_ID).class).toBe('town');
  });

  test('another server on the same data dir is a duplicate, whatever port it listens on', () => {
    const second = townProcess({ pid: 5000, ports: [41000], command: `dolt sql-server --data-dir ${DATA_DIR} -P 41000` });
    expect(classifyServer(second, TOWN_ID)).toMatchObject({ class: 'duplicate', because: expect.stringContaining("the town's server is PID 4242") });
    expect(classifyServer(townProcess(), { ...TOWN_ID, serverPid: null })).toMatchObject({ class: 'duplicate', because: expect.stringContaining('no running server of its own') });
  });

  test('a server bd started under a rig (its working directory <town>/<rig>/.beads/dolt) is a rogue', () => {
    const rogue = bdProcess(5001, `${TOWN}/wyvern/.beads/dolt`, 39537);
    expect(classifyServer(rogue, TOWN_ID)).toMatchObject({ class: 'rogue', because: expect.stringContaining('wyvern/.beads/dolt inside the town') });
  });

  test('a server running inside the town but serving a directory elsewhere is a rogue too', () => {
    const server = townProcess({ pid: 5002, cwd: `${TOWN}/scratch`, dataDir: { path: '/var/tmp/data', from: '--data-dir /var/tmp/data' }, dataDirTown: null });
    expect(classifyServer(server, TOWN_ID)).toMatchObject({ class: 'rogue', because: 'runs in scratch inside the town' });
  });

  test('another town’s server is foreign, even on this town’s port or inside this town’s directory', () => {
    const other = townProcess({ pid: 6000, cwd: '/srv/other/.dolt-data', dataDir: { path: '/srv/other/.dolt-data', from: '--config' }, dataDirTown: '/srv/other' });
    expect(classifyServer(other, TOWN_ID).class).toBe('foreign');
    const nested = townProcess({ pid: 6001, cwd: `${TOWN}/sub/.dolt-data`, dataDir: { path: `${TOWN}/sub/.dolt-data`, from: '--config' }, dataDirTown: `${TOWN}/sub` });
    expect(classifyServer(nested, TOWN_ID)).toMatchObject({ class: 'foreign', because: expect.stringContaining("another town's data dir") });
    const outside = townProcess({ pid: 6002, cwd: '/tmp/x', dataDir: { path: '/tmp/x', from: 'its working directory' }, dataDirTown: null });
    expect(classifyServer(outside, TOWN_ID)).toMatchObject({ class: 'foreign', because: 'serves /tmp/x, outside this town' });
  });

  test('a server gt cannot inspect (another user’s) is foreign: never touched', () => {
    const unreadable = townProcess({ pid: 6003, cwd: null, dataDir: null, dataDirTown: null });
    expect(classifyServer(unreadable, TOWN_ID).class).toBe('foreign');
  });

  test("the town's server holding deleted data files open, or running in a deleted directory, serves a stale snapshot", () => {
    const stale = townProcess({ deletedDataFiles: [`${DATA_DIR}/hq/.dolt/noms/vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv`] });
    expect(classifyServer(stale, TOWN_ID)).toMatchObject({ class: 'stale-snapshot', because: expect.stringContaining('1 deleted data file open') });
    expect(classifyServer(townProcess({ cwdDeleted: true }), TOWN_ID)).toMatchObject({ class: 'stale-snapshot', because: expect.stringContaining('deleted directory') });
  });
});

describe('gt doctor: servers', () => {
  const four = healthyObservation({
    processes: {
      source: 'proc',
      list: [
        townProcess(),
        bdProcess(5001, `${TOWN}/wyvern/.beads/dolt`, 39537),
        townProcess({ pid: 5000, ports: [41000], startedAtMs: STARTED + 1000 }),
        townProcess({ pid: 6000, cwd: '/srv/other/.dolt-data', dataDir: { path: '/srv/other/.dolt-data', from: '--config' }, dataDirTown: '/srv/other', ports: [3318] }),
      ],
    },
  });

  test('exactly one of each class; a duplicate is an error, a rogue a warning, town and foreign are info', () => {
    const report = diagnose(desiredTown(), four, CHECK_ONLY);
    const servers = check(report, 'server-processes');
    expect(servers.status).toBe('error');
    expect(servers.summary).toBe('4 Dolt servers: 1 town, 1 duplicate, 1 rogue, 1 foreign');
    expect(servers.findings.map((finding) => [finding.details.pid, finding.details.class, finding.level])).toEqual([
      [4242, 'town', 'info'],
      [5000, 'duplicate', 'error'],
      [5001, 'rogue', 'warning'],
      [6000, 'foreign', 'info'],
    ]);
    expect(report.status).toBe('error');
  });

  test('without --stop-servers the stops are blocked, each with the flag that allows it; nothing else is planned for servers', () => {
    const report = diagnose(desiredTown(), four, CHECK_ONLY);
    expect(report.plan.actions).toEqual([]);
    expect(report.plan.blocked).toEqual([
      { id: 'process/5000', check: 'server-processes', reason: expect.stringMatching(/^duplicate: /), hint: 'pass --stop-servers (with --fix) to stop it' },
      { id: 'process/5001', check: 'server-processes', reason: expect.stringMatching(/^rogue: /), hint: 'pass --stop-servers (with --fix) to stop it' },
    ]);
  });

  test('with --stop-servers: exactly the duplicate and the rogue, with the identity to check again before signalling; SIGKILL only with --force', () => {
    const stops = diagnose(desiredTown(), four, STOP_SERVERS).plan.actions as StopServerFix[];
    expect(stops.map((stop) => [stop.pid, stop.class, stop.startedAtMs, stop.cwd, stop.kill, stop.townServer])).toEqual([
      [5000, 'duplicate', STARTED + 1000, DATA_DIR, false, false],
      [5001, 'rogue', STARTED, `${TOWN}/wyvern/.beads/dolt`, false, false],
    ]);
    const forced = diagnose(desiredTown(), four, { ...STOP_SERVERS, force: true }).plan.actions as StopServerFix[];
    expect(forced.every((stop) => stop.kill && stop.graceMs === 30_000)).toBe(true);
  });

  test('a server whose start time gt cannot read is never signalled: blocked with what to do', () => {
    const observation = healthyObservation({ processes: { source: 'proc', list: [townProcess(), bdProcess(5001, `${TOWN}/x/.beads/dolt`, 1)] } });
    const unknown = { ...observation, processes: { source: 'proc' as const, list: [townProcess(), { ...bdProcess(5001, `${TOWN}/x/.beads/dolt`, 1), startedAtMs: null }] } };
    const report = diagnose(desiredTown(), unknown, STOP_SERVERS);
    expect(report.plan.actions).toEqual([]);
    expect(report.plan.blocked[0]?.hint).toContain('stop it yourself (kill 5001)');
  });

  test("a stale-snapshot town server is stopped with --stop-servers, its pid file tidied, and the reason says who starts it again", () => {
    const stale = healthyObservation({ processes: { source: 'proc', list: [townProcess({ deletedDataFiles: ['x/.dolt/noms/LOCK'] })] } });
    const report = diagnose(desiredTown(), stale, STOP_SERVERS);
    expect(check(report, 'server-processes').status).toBe('error');
    expect(report.plan.actions).toEqual([expect.objectContaining({ kind: 'stop-server', pid: 4242, class: 'stale-snapshot', townServer: true, reason: expect.stringContaining('gt apply (or the daemon) then starts it again') })]);
  });

  test("the town's server: running is ok, stopped a warning with how to start it, an imposter on the port an error", () => {
    expect(check(diagnose(desiredTown(), healthyObservation(), CHECK_ONLY), 'town-server')).toMatchObject({ status: 'ok', fix: null });
    const down = diagnose(desiredTown(), healthyObservation({ server: stopped(), processes: { source: 'proc', list: [] } }), { ...CHECK_ONLY, gt: 'npx gt' });
    expect(check(down, 'town-server')).toMatchObject({ status: 'warning', fix: 'npx gt apply (or npx gt dolt start) starts it' });
    const imposter = healthyObservation({ server: { state: 'imposter', port: 3317, pid: 77, command: 'nc -l 3317', reason: 'port 3317 is held by PID 77' } });
    expect(check(diagnose(desiredTown(), imposter, CHECK_ONLY), 'town-server')).toMatchObject({ status: 'error', summary: 'port 3317 is held by PID 77' });
  });

  test('processes that cannot be listed: the check is skipped (it counts as ok) and says why', () => {
    const report = diagnose(desiredTown(), healthyObservation({ processes: { source: 'lsof', error: 'spawn lsof ENOENT' } }), CHECK_ONLY);
    expect(check(report, 'server-processes')).toMatchObject({ status: 'skipped', summary: 'cannot list processes (spawn lsof ENOENT)' });
    expect(report.status).toBe('ok');
  });
});

describe('gt doctor: databases', () => {
  const desired = desiredTown([hq(), rig('wyvern')]);

  test('served but declared nowhere, with size and last commit; system databases (dolt_cluster too) and test names are not in it', () => {
    const observation = healthyObservation({
      served: ['dolt_cluster', 'hq', 'information_schema', 'mysql', 'scratch', 'testdb_1', 'wyvern'],
      onDisk: ['hq', 'scratch', 'testdb_1', 'wyvern'],
      lastCommits: { scratch: '2026-11-01T10:00:00.000Z' },
      usage: { ...healthyObservation().usage, databases: [{ name: 'scratch', bytes: 12 * 1024 * 1024, journalBytes: 0, lastWrittenAt: null }] },
    });
    const undeclared = check(diagnose(desired, observation, CHECK_ONLY), 'undeclared-databases');
    expect(undeclared).toMatchObject({ status: 'warning', summary: '1 database: scratch' });
    expect(undeclared.findings[0]).toMatchObject({ message: 'served, declared nowhere (12 MiB, last commit 2026-11-01T10:00:00.000Z)', details: { bytes: 12 * 1024 * 1024 } });
    expect(undeclared.fix).toContain('gt doctor never drops a database');
    const report = diagnose(desired, observation, CHECK_ONLY);
    expect(JSON.stringify(report)).not.toMatch(/dolt_cluster|information_schema|"mysql"/);
  });

  test('on disk but not served: a warning with when it was last written', () => {
    const observation = healthyObservation({ served: ['hq'], onDisk: ['hq', 'copied'], usage: { ...healthyObservation().usage, databases: [{ name: 'copied', bytes: 2048, journalBytes: 0, lastWrittenAt: '2026-10-01T00:00:00.000Z' }] } });
    const unserved = check(diagnose(desired, observation, CHECK_ONLY), 'unserved-databases');
    expect(unserved).toMatchObject({ status: 'warning', findings: [expect.objectContaining({ subject: 'copied', message: 'on disk, not served (2.0 KiB, last written 2026-10-01T00:00:00.000Z)' })] });
  });

  test('test names, served or only on disk, unless a manifest declares them; no fix drops them', () => {
    const observation = healthyObservation({ served: ['hq', 'beads_pt_9'], onDisk: ['hq', 'beads_pt_9', 'doctest_x'] });
    const report = diagnose(desired, observation, CHECK_ONLY);
    expect(check(report, 'test-databases')).toMatchObject({ status: 'warning', summary: '2 databases: beads_pt_9, doctest_x' });
    expect(report.plan.actions).toEqual([]);
    const declared = diagnose(desiredTown([hq(), rig('doctest_x')]), healthyObservation({ served: ['hq', 'doctest_x'], onDisk: ['hq', 'doctest_x'] }), CHECK_ONLY);
    expect(check(declared, 'test-databases').status).toBe('ok');
  });

  test('with the server down what it serves is unknown: those two checks are skipped, the test names on disk still checked', () => {
    const report = diagnose(desired, healthyObservation({ server: stopped(), served: null, onDisk: ['hq', 'testdb_7'] }), CHECK_ONLY);
    expect(check(report, 'undeclared-databases').status).toBe('skipped');
    expect(check(report, 'unserved-databases').status).toBe('skipped');
    expect(check(report, 'test-databases').summary).toBe('1 database: testdb_7');
  });
});

describe('gt doctor: files', () => {
  const desired = desiredTown([hq(), rig('wyvern')]);
  const files = healthyObservation().files;

  test("port files and metadata.json ports that miss the town's port are rewritten; what names no port is left alone", () => {
    const observation = healthyObservation({
      files: {
        ...files,
        portFiles: [
          { path: `${TOWN}/wyvern/.beads/dolt-server.port`, port: 13417 },
          { path: `${TOWN}/.beads/dolt-server.port`, port: 3317 },
          { path: `${TOWN}/daemon/dolt.port`, port: null },
        ],
        metadataPorts: [
          { path: `${TOWN}/wyvern/.beads/metadata.json`, port: 13417 },
          { path: `${TOWN}/.beads/metadata.json`, port: '3317' },
        ],
      },
    });
    const report = diagnose(desired, observation, CHECK_ONLY);
    expect(check(report, 'port-files')).toMatchObject({ status: 'warning', summary: '4 files name another port than 3317' });
    expect(report.plan.actions).toEqual([
      expect.objectContaining({ kind: 'port-file', id: 'file/wyvern/.beads/dolt-server.port', before: 13417, after: 3317 }),
      expect.objectContaining({ kind: 'metadata-port', id: 'file/wyvern/.beads/metadata.json', before: 13417, after: 3317 }),
    ]);
  });

  test('pid files naming gone processes are removed; with the town server running its pid and state files point at it', () => {
    const gone = { alive: false, command: null };
    const observation = healthyObservation({
      files: {
        ...files,
        doltPid: { path: `${TOWN}/daemon/dolt.pid`, pid: 999, ...gone },
        doltStateRunning: { path: `${TOWN}/daemon/dolt-state.json`, pid: 999, ...gone },
        daemonPid: { path: `${TOWN}/daemon/gt-reconciler.pid`, pid: 998, alive: true, command: ['/usr/bin/sleep', '100'] },
        bdPids: [
          { path: `${TOWN}/wyvern/.beads/dolt-server.pid`, pid: 997, ...gone },
          { path: `${TOWN}/.beads/dolt-server.pid`, pid: 4242, alive: true, command: ['/usr/local/bin/dolt', 'sql-server'] },
        ],
      },
    });
    const report = diagnose(desired, observation, CHECK_ONLY);
    expect(check(report, 'runtime-files')).toMatchObject({ status: 'warning', summary: '4 stale files' });
    expect(report.plan.actions.map((fix) => [fix.kind, fix.id, fix.verb, 'after' in fix ? fix.after : null])).toEqual([
      ['pid-file', 'file/daemon/dolt.pid', 'write', 4242],
      ['state-file', 'file/daemon/dolt-state.json', 'write', 4242],
      ['pid-file', 'file/daemon/gt-reconciler.pid', 'remove', null],
      ['pid-file', 'file/wyvern/.beads/dolt-server.pid', 'remove', null],
    ]);
  });

  test('with no town server running, the stale pid file is removed and the state marked stopped', () => {
    const observation = healthyObservation({
      server: stopped(),
      processes: { source: 'proc', list: [] },
      files: { ...files, doltPid: { path: `${TOWN}/daemon/dolt.pid`, pid: 999, alive: false, command: null }, doltStateRunning: { path: `${TOWN}/daemon/dolt-state.json`, pid: 999, alive: false, command: null } },
    });
    const fixes = diagnose(desired, observation, CHECK_ONLY).plan.actions;
    expect(fixes).toEqual([
      expect.objectContaining({ kind: 'pid-file', verb: 'remove', before: 999, after: null }),
      expect.objectContaining({ kind: 'state-file', verb: 'write', before: 999, after: null }),
    ]);
  });

  test('half-created database directories are moved aside only while no server runs on the data dir', () => {
    const idle = healthyObservation({ server: stopped(), processes: { source: 'proc', list: [] }, incomplete: ['half'], files: { ...files, doltPid: null } });
    expect(diagnose(desired, idle, CHECK_ONLY).plan.actions).toEqual([
      { kind: 'incomplete-directory', verb: 'move', id: 'directory/half', check: 'interrupted-creates', reason: expect.any(String), database: 'half', dataDir: DATA_DIR },
    ]);
    const busy = diagnose(desired, healthyObservation({ incomplete: ['half'] }), CHECK_ONLY);
    expect(check(busy, 'interrupted-creates')).toMatchObject({ status: 'warning', summary: '1 half-created database directory: half' });
    expect(busy.plan.actions).toEqual([]);
    expect(busy.plan.blocked).toEqual([expect.objectContaining({ id: 'directory/half', reason: expect.stringContaining('PID 4242 serves the data dir') })]);
  });
});

describe('gt doctor: growth', () => {
  test('a healthy town: sizes as info, every check ok, nothing to fix, exit status ok', () => {
    const report = diagnose(desiredTown(), healthyObservation(), CHECK_ONLY);
    expect(report.checks.map((entry) => entry.status)).toEqual(Array(11).fill('ok'));
    expect(report.status).toBe('ok');
    expect(report.plan).toEqual({ actions: [], blocked: [] });
  });

  test('low free space, a journal GC does not keep down, a daemon directory past 500 MiB: warnings with what to do', () => {
    const usage = healthyObservation().usage;
    const observation = healthyObservation({
      usage: {
        ...usage,
        databases: [{ name: 'hq', bytes: 400 * 2 ** 20, journalBytes: 300 * 2 ** 20, lastWrittenAt: null }],
        hidden: [{ name: '.dolt_dropped_databases', bytes: 5 * 2 ** 20 }],
        filesystem: { freeBytes: 2 ** 29, totalBytes: 100 * 2 ** 30 },
        daemonDirBytes: 600 * 2 ** 20,
        daemonDir: [{ name: 'dolt.log', bytes: 600 * 2 ** 20 }],
      },
    });
    const report = diagnose(desiredTown(), observation, CHECK_ONLY);
    expect(check(report, 'data-dir')).toMatchObject({ status: 'warning', summary: expect.stringContaining('512 MiB free of 100 GiB (1%)') });
    expect(check(report, 'data-dir').findings.map((finding) => finding.subject)).toContain('.dolt_dropped_databases');
    expect(check(report, 'journals')).toMatchObject({ status: 'warning', summary: '1 journal above 256 MiB: hq' });
    expect(check(report, 'daemon-dir')).toMatchObject({ status: 'warning', summary: '600 MiB; largest dolt.log 600 MiB' });
  });
});

describe('gt doctor: output', () => {
  const problems = healthyObservation({
    processes: { source: 'proc', list: [townProcess(), bdProcess(5001, `${TOWN}/wyvern/.beads/dolt`, 39537), townProcess({ pid: 7000, cwd: '/x', dataDir: { path: '/x', from: 'its working directory' }, dataDirTown: null })] },
    files: { ...healthyObservation().files, portFiles: [{ path: `${TOWN}/wyvern/.beads/dolt-server.port`, port: 13417 }] },
  });

  test('text: checks by group, the problems with their evidence and fix, what --fix would do, what stays blocked', () => {
    const text = renderDoctorText(diagnose(desiredTown(), problems, CHECK_ONLY), false);
    expect(text).toContain('Servers\n  ✓ town-server ');
    expect(text).toContain('  ! server-processes      3 Dolt servers: 1 town, 1 rogue, 1 foreign\n');
    expect(text).toContain('      ! PID 5001: rogue, port 39537: serves wyvern/.beads/dolt inside the town, not .dolt-data (its working directory)\n');
    expect(text).toContain('      · foreign, never touched: PID 7000');
    expect(text).toContain('gt doctor --fix would:\n  ~ write  file/wyvern/.beads/dolt-server.port  port 13417 → 3317\n');
    expect(text).toContain('Not fixed:\n  ! blocked process/5001\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 warnings, 9 ok');
  });

  test('-o json: a document the schema accepts, with every kind of fix', () => {
    const everything = healthyObservation({
      server: stopped(),
      processes: { source: 'proc', list: [bdProcess(5001, `${TOWN}/wyvern/.beads/dolt`, 39537)] },
      incomplete: ['half'],
      files: {
        portFiles: [{ path: `${TOWN}/.beads/dolt-server.port`, port: 1 }],
        metadataPorts: [{ path: `${TOWN}/.beads/metadata.json`, port: 1 }],
        doltPid: { path: `${TOWN}/daemon/dolt.pid`, pid: 9, alive: false, command: null },
        doltStateRunning: { path: `${TOWN}/daemon/dolt-state.json`, pid: 9, alive: false, command: null },
        daemonPid: null,
        bdPids: [],
      },
    });
    const report = diagnose(desiredTown(), everything, STOP_SERVERS);
    expect(new Set(report.plan.actions.map((fix) => fix.kind))).toEqual(new Set(['stop-server', 'port-file', 'metadata-port', 'pid-file', 'state-file', 'incomplete-directory']));
    const results = report.plan.actions.map((fix) => ({ fix, status: 'done' as const, message: 'ok', durationMs: 1 }));
    const document = parseDocument('doctor', JSON.stringify(doctorDocument(TOWN, report, results)));
    expect(document).toMatchObject({ version: 1, status: 'warning', counts: { ok: 6, warning: 5, error: 0, skipped: 0 } });
  });

  test('the server settings’ supervisor decides who is said to start a stopped stale-snapshot server again', () => {
    const gastown = desiredTown([hq()], { server: serverSettings({ supervisor: { value: 'gastown', source: 'spec.server.supervisor' } }) });
    const stale = healthyObservation({ processes: { source: 'proc', list: [townProcess({ cwdDeleted: true })] } });
    expect(diagnose(gastown, stale, STOP_SERVERS).plan.actions[0]?.reason).toContain("Gas Town's daemon then starts it again");
  });
});
