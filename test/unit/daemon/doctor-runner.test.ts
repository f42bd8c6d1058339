import type { DesiredState } from '../../../src/config/desired.js';
import { doctorSchedule } from '../../../src/config/doctor-dog.js';
import type { DoctorReport } from '../../../src/plan/doctor-types.js';
import { daemonFile } from '../plan/fixtures.js';
import { desiredWith, settle, startTestLoop } from './loop-fakes.js';

const MINUTE = 60_000;

function withDoctorDog(entry: unknown): DesiredState {
  const desired = desiredWith();
  return { ...desired, daemonConfig: daemonFile({ type: 'daemon-patrol-config', version: 1, patrols: { doctor_dog: entry } }) };
}

function startLoop(desired: DesiredState) {
  return startTestLoop(desired, 60 * MINUTE);
}

function reportWith(status: DoctorReport['status'], summary = 'fine'): DoctorReport {
  const checkStatus = status === 'ok' ? 'ok' : status;
  return { checks: [{ id: 'port-files', group: 'files', title: 'Port files', status: checkStatus, summary, findings: [], fix: null }], plan: { actions: [], blocked: [] }, status };
}

describe("Gas Town's doctor_dog schedule", () => {
  test('runs only when enabled, every interval (a Go duration; 5m when unset, invalid or not positive)', () => {
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: true, interval: '90s' } } }, [])).toEqual({ enabled: true, intervalMs: 90_000, reason: null });
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: true } } }, []).intervalMs).toBe(5 * MINUTE);
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: true, interval: '7d' } } }, []).intervalMs).toBe(5 * MINUTE);
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: true, interval: '-1m' } } }, []).intervalMs).toBe(5 * MINUTE);
  });

  test('an absent or disabled entry, or one listed in disabled_patrols, does not run', () => {
    expect(doctorSchedule({}, [])).toMatchObject({ enabled: false, reason: 'patrols.doctor_dog is not enabled in mayor/daemon.json' });
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: false } } }, [])).toMatchObject({ enabled: false });
    expect(doctorSchedule({ patrols: { doctor_dog: {} } }, [])).toMatchObject({ enabled: false });
    // the lifecycle executor gt: gt's daemon took doctor_dog over (its plan turns Gas Town's off), on its interval
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: false, interval: '2m' } } }, [], true)).toEqual({ enabled: true, intervalMs: 2 * MINUTE, reason: null });
    expect(doctorSchedule({ patrols: { doctor_dog: { enabled: true } } }, ['doctor_dog'])).toMatchObject({
      enabled: false,
      reason: 'settings/config.json lists doctor_dog in disabled_patrols',
    });
  });
});

describe('the daemon runs gt doctor on the doctor_dog interval', () => {
  test('first after the startup reconcile, then every interval; the status file carries each check', async () => {
    const { loop, world, clock, lastStatus } = startLoop(withDoctorDog({ enabled: true, interval: '2m' }));
    world.nextDoctorReport = () => Promise.resolve(reportWith('ok'));
    const started = clock.now();
    loop.start();
    await settle();
    await clock.advance(0); // the first run is due at once
    expect(world.doctorRuns.map((run) => run.at - started)).toEqual([0]);
    expect(lastStatus()?.doctor).toMatchObject({
      enabled: true,
      intervalMs: 2 * MINUTE,
      lastRun: { at: new Date(started).toISOString(), status: 'ok', checks: [{ id: 'port-files', status: 'ok', summary: 'fine' }] },
      lastError: null,
    });
    await clock.advance(2 * MINUTE - 1);
    expect(world.doctorRuns).toHaveLength(1);
    await clock.advance(1);
    await clock.advance(2 * MINUTE);
    expect(world.doctorRuns.map((run) => run.at - started)).toEqual([0, 2 * MINUTE, 4 * MINUTE]);
    await loop.stop();
  });

  test('not enabled: never runs, and the status says why', async () => {
    const { loop, world, clock, lastStatus } = startLoop(withDoctorDog({ enabled: false }));
    loop.start();
    await settle();
    await clock.advance(0); // the first run is due at once
    await clock.advance(30 * MINUTE);
    expect(world.doctorRuns).toHaveLength(0);
    expect(lastStatus()?.doctor).toMatchObject({ enabled: false, reason: 'patrols.doctor_dog is not enabled in mayor/daemon.json', lastRun: null });
    await loop.stop();
  });

  test('disabled_patrols in settings/config.json stops it as it stops Gas Town’s', async () => {
    const { loop, world, clock } = startLoop(withDoctorDog({ enabled: true }));
    world.disabledPatrols = ['doctor_dog'];
    loop.start();
    await settle();
    await clock.advance(0); // the first run is due at once
    await clock.advance(30 * MINUTE);
    expect(world.doctorRuns).toHaveLength(0);
    await loop.stop();
  });

  test('a doctor run in flight never holds up a reconcile, and stop waits for it', async () => {
    const { loop, world, clock } = startLoop(withDoctorDog({ enabled: true }));
    let finish: (report: DoctorReport) => void = () => undefined;
    world.nextDoctorReport = () => new Promise((resolve) => (finish = resolve));
    loop.start();
    await settle();
    await clock.advance(0); // the first run is due at once
    expect(world.doctorRuns).toHaveLength(1);
    loop.request('signal');
    await settle();
    expect(world.reconciles).toHaveLength(2);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish(reportWith('ok'));
    await stopping;
    expect(stopped).toBe(true);
  });

  test('warns when what is wrong changes, not at every run of the same findings; says when all is ok again', async () => {
    const { loop, world, clock, lines } = startLoop(withDoctorDog({ enabled: true, interval: '1m' }));
    world.nextDoctorReport = () => Promise.resolve(reportWith('warning', '1 file names another port than 3317'));
    loop.start();
    await settle();
    await clock.advance(0); // the first run is due at once
    await clock.advance(3 * MINUTE);
    const doctorLines = () => lines.filter((line) => line.event === 'doctor' && line.level !== 'debug');
    expect(doctorLines()).toEqual([expect.objectContaining({ level: 'warn', message: 'gt doctor: port-files: 1 file names another port than 3317', problems: ['port-files'] })]);
    world.nextDoctorReport = () => Promise.resolve(reportWith('ok'));
    await clock.advance(MINUTE);
    expect(doctorLines().at(-1)).toMatchObject({ level: 'info', message: 'gt doctor: every check is ok again' });
    await loop.stop();
  });

  test('a run that cannot check is reported and retried at the next interval', async () => {
    const { loop, world, clock, lastStatus } = startLoop(withDoctorDog({ enabled: true, interval: '1m' }));
    world.nextDoctorReport = () => Promise.reject(new Error('cannot read /proc'));
    loop.start();
    await settle();
    await clock.advance(0); // the first run is due at once
    expect(lastStatus()?.doctor).toMatchObject({ lastRun: null, lastError: 'cannot read /proc' });
    world.nextDoctorReport = () => Promise.resolve(reportWith('ok'));
    await clock.advance(MINUTE);
    expect(lastStatus()?.doctor).toMatchObject({ lastRun: { status: 'ok' }, lastError: null });
    await loop.stop();
  });
});
