import type { ServerSettings } from '../../../src/config/desired.js';
import { plan } from '../../../src/plan/plan.js';
import { PLAN_DOCUMENT_VERSION, renderPlanJson } from '../../../src/plan/render-json.js';
import type { Plan } from '../../../src/plan/types.js';
import { parseDocument, schemaValidator } from '../../helpers/json-schemas.js';
import { convergedObserved, desiredTown, hq, NO_FLAGS } from './fixtures.js';
import { plans, secretRemote } from './render-fixtures.js';

const validate = schemaValidator('plan');

function parsed(result: Plan, explain?: ServerSettings): Record<string, unknown> {
  return parseDocument('plan', renderPlanJson(result, explain));
}

describe('renderPlanJson', () => {
  test.each(Object.keys(plans))('%s renders a document valid against schemas/plan.schema.json', (name) => {
    const result = (plans[name] as () => Plan)();
    const document = parsed(result);
    expect(document.version).toBe(PLAN_DOCUMENT_VERSION);
    expect(document.actions).toHaveLength(result.actions.length);
  });

  test('carries every kind, the summary and the blocked, unmanaged, notes and errors lists', () => {
    const document = parsed((plans['every kind of action'] as () => Plan)());
    const actions = document.actions as { kind: string; id: string; verb: string }[];
    expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(['daemon-config', 'server', 'database', 'remote', 'ignore', 'town-file', 'beads']));
    // Gas Town's files add wyvern's and gryphon's config.json and metadata.json, and update rigs.json, the routes and
    // the databases the server state lists
    expect(document.summary).toEqual({ create: 18, update: 6, delete: 2, blocked: 0 });
    expect(actions.find((a) => a.id === 'file/wyvern/config.json')).toMatchObject({ kind: 'town-file', verb: 'create', role: 'rig-config', before: null });
    expect(document.unmanaged).toEqual(['scratch']);

    const blocked = parsed((plans['blocked drops and notes'] as () => Plan)());
    expect((blocked.blocked as { code: string }[]).map((b) => b.code)).toEqual(['protected', 'prune-not-requested', 'unpushed-unknown']);
    expect(blocked.notes).toEqual([expect.stringContaining('the server is not running, so wyvern is not served')]);
    expect(parsed((plans['an imposter'] as () => Plan)()).errors).toEqual([{ code: 'imposter', message: expect.any(String) }]);

    const gastown = parsed((plans["Gas Town's daemon supervises a stopped server"] as () => Plan)());
    expect((gastown.actions as { id: string; path: string[] }[]).map((a) => [a.id, a.path])).toEqual([
      ...['enabled', 'port', 'data_dir', 'log_file'].map((key) => [`daemon-config/patrols.dolt_server.${key}`, ['patrols', 'dolt_server', key]]),
      ...['mayor/town.json', 'mayor/rigs.json', '.beads/metadata.json', '.beads/routes.jsonl'].map((path) => [`file/${path}`, path]),
    ]);
    expect(gastown.blocked).toEqual([expect.objectContaining({ id: 'server', verb: 'start', code: 'supervised-by-gastown' })]);
    expect(parsed((plans["gt supervises, and Gas Town's daemon would too"] as () => Plan)()).actions).toEqual([
      expect.objectContaining({ kind: 'daemon-config', verb: 'update', code: 'second-supervisor', before: true, after: false }),
    ]);
  });

  test('secrets are masked and the real URLs are left out', () => {
    const result = (plans['every kind of action'] as () => Plan)();
    expect(result.actions.some((a) => a.kind === 'remote' && a.verb !== 'delete' && a.toUrl === secretRemote)).toBe(true);
    const json = renderPlanJson(result);
    expect(json).not.toContain('s3cr3t');
    expect(json).not.toContain('t0k3n');
    expect(json).toContain('"after": "https://dolt:***@remotes.example/wyvern?access_token=***"');
    expect(json).not.toContain('fromUrl');
  });

  test('the schema refuses what the renderer must never print: real URLs, unknown kinds, a wrong version', () => {
    const document = JSON.parse(renderPlanJson((plans['every kind of action'] as () => Plan)())) as {
      version: number;
      actions: Record<string, unknown>[];
    };
    const remote = document.actions.find((a) => a.kind === 'remote') as Record<string, unknown>;
    expect(validate({ ...document, actions: [{ ...remote, toUrl: secretRemote }] })).toBe(false);
    expect(validate({ ...document, actions: [{ ...remote, kind: 'table' }] })).toBe(false);
    expect(validate({ ...document, version: 2 })).toBe(false);
    expect(validate(document)).toBe(true);
  });

  test('--explain adds each server setting with its source, password masked', () => {
    const desired = desiredTown([hq()]);
    const document = parsed(plan(desired, convergedObserved(desired), NO_FLAGS), desired.server);
    expect(document.explain).toContainEqual({ setting: 'port', value: '3317', source: 'mayor/daemon.json env.GT_DOLT_PORT' });
    expect(document.explain).toContainEqual({ setting: 'password', value: '***', source: 'env GT_DOLT_PASSWORD' });
    expect(JSON.stringify(document)).not.toContain('hunter2');
  });
});
