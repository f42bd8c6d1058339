import { bdEnvironment, bdFailureMessage } from '../../../src/apply/beads-init.js';
import { parseBdVersion } from '../../../src/observe/bd.js';
import type { BeadsAction } from '../../../src/plan/types.js';
import { planBeads } from '../../../src/plan/plan-beads.js';
import { BD_FOUND, TOWN, rig, serverSettings } from '../plan/fixtures.js';

/** The planner's action for a rig database bd has not initialized. */
const action = planBeads(TOWN, serverSettings(), [{ database: rig('wyvern', { prefix: 'wy' }), beads: { state: 'not-initialized' } }], BD_FOUND, null)
  .actions[0] as BeadsAction;

describe("bd's environment for one database", () => {
  test("turns bd's server auto-start off and names the town server, the database and the work dir's .beads", () => {
    const server = serverSettings({ host: { value: '0.0.0.0', source: 'test' } });
    const env = bdEnvironment(action, server, { PATH: '/usr/bin', HOME: '/home/mayor' });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/mayor',
      BEADS_DIR: '/srv/town/wyvern/.beads',
      BEADS_DOLT_AUTO_START: '0',
      BEADS_DOLT_SERVER_HOST: '127.0.0.1',
      BEADS_DOLT_SERVER_PORT: '3317',
      BEADS_DOLT_SERVER_USER: 'root',
      BEADS_DOLT_PASSWORD: 'hunter2',
      BEADS_DOLT_SERVER_DATABASE: 'wyvern',
    });
  });

  test("drops the caller's BEADS_* variables, which could send bd to another server or directory", () => {
    const env = bdEnvironment(action, serverSettings(), { BEADS_DOLT_SHARED_SERVER: '1', BEADS_DB: '/tmp/x.db', BEADS_DOLT_AUTO_START: '1' });
    expect(env.BEADS_DOLT_SHARED_SERVER).toBeUndefined();
    expect(env.BEADS_DB).toBeUndefined();
    expect(env.BEADS_DOLT_AUTO_START).toBe('0');
  });
});

describe("a failed bd call's message", () => {
  test('names the command and its exit code, keeps the end of stderr and masks the password', () => {
    const stderr = `${Array.from({ length: 20 }, (_, i) => `warning ${i}`).join('\n')}\nError: access denied for root:hunter2@127.0.0.1\n`;
    const message = bdFailureMessage(['init', '--prefix', 'wy'], { exitCode: 1, timedOut: false, stderr }, 'hunter2');
    expect(message).toMatch(/^`bd init --prefix wy` exited 1: warning 9\n/);
    expect(message).toContain('Error: access denied for root:***@127.0.0.1');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('warning 8');
  });

  test('says when bd timed out or printed nothing', () => {
    expect(bdFailureMessage(['config', 'set', 'issue_prefix', 'wy'], { timedOut: true, stderr: '' }, '')).toBe(
      '`bd config set issue_prefix wy` did not finish within 120 s: (no output)',
    );
  });
});

describe('bd version', () => {
  test.each([
    ['bd version 1.0.0 (72170267)\n', '1.0.0'],
    ['bd version 1.3.1 (dev: main@abc)', '1.3.1'],
    ['bd version v0.59.2 (dev)', '0.59.2'],
    ['beads 2', null],
  ])('%j → %j', (output, version) => {
    expect(parseBdVersion(output)).toBe(version);
  });
});
