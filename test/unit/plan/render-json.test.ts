import { readFileSync } from 'node:fs';
import ajvModule from 'ajv/dist/2020.js';
import type { ServerSettings } from '../../../src/config/desired.js';
import { plan } from '../../../src/plan/plan.js';
import { PLAN_DOCUMENT_VERSION, renderPlanJson } from '../../../src/plan/render-json.js';
import type { Plan } from '../../../src/plan/types.js';
import {
  NO_FLAGS,
  convergedObserved,
  daemonFile,
  desiredTown,
  emptyObserved,
  hq,
  missingDaemonFile,
  rig,
  servedAsDeclared,
  withServed,
} from './fixtures.js';

const Ajv2020 = ajvModule.default;
const schema: unknown = JSON.parse(readFileSync(new URL('../../../schemas/plan.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema as object);

function parsed(result: Plan, explain?: ServerSettings): Record<string, unknown> {
  const document: unknown = JSON.parse(renderPlanJson(result, explain));
  if (!validate(document)) throw new Error(`schema violation: ${JSON.stringify(validate.errors, null, 2)}`);
  return document as Record<string, unknown>;
}

const secretRemote = 'https://dolt:s3cr3t@remotes.example/wyvern?access_token=t0k3n';

const plans: Record<string, () => Plan> = {
  'an empty town': () => plan(desiredTown([hq()]), emptyObserved(3317, missingDaemonFile()), NO_FLAGS),
  'a converged town': () => {
    const desired = desiredTown([hq(), rig('wyvern')]);
    return plan(desired, convergedObserved(desired), NO_FLAGS);
  },
  'every kind of action': () => {
    const wyvern = rig('wyvern', { remotes: [{ name: 'origin', url: secretRemote }], ignore: ['wisps', 'wisp_*'] });
    const desired = desiredTown([hq(), wyvern, rig('gryphon'), rig('old', { ensure: 'absent' })]);
    let observed = { ...convergedObserved(desiredTown([hq()])), daemonConfig: daemonFile({ patrols: {} }) };
    observed = withServed(observed, {
      ...servedAsDeclared(wyvern),
      remotes: [{ name: 'origin', url: 'file:///old' }, { name: 'stray', url: 'file:///stray' }],
      ignore: [{ pattern: 'wisps', ignored: false }],
    });
    observed = withServed(observed, { name: 'old', remotes: [], ignore: [], unpushed: { commits: 0, dirty: false, detail: '' } });
    observed = withServed(observed, { name: 'scratch', remotes: [], ignore: [], unpushed: null });
    return plan(desired, { ...observed, serverConfig: 'absent' }, { prune: true, force: false });
  },
  'blocked drops and notes': () => {
    const desired = desiredTown([hq(), rig('wyvern'), rig('old', { ensure: 'absent', protect: true })]);
    return plan(desired, { ...emptyObserved(), onDisk: ['hq', 'wyvern', 'old'] }, NO_FLAGS);
  },
  'an imposter': () =>
    plan(desiredTown([hq()]), {
      ...emptyObserved(),
      server: { state: 'imposter', port: 3317, pid: 12, command: 'mysqld', reason: 'not dolt' },
    }, NO_FLAGS),
};

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
    expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(['daemon-config', 'server', 'database', 'remote', 'ignore']));
    expect(document.summary).toEqual({ create: 13, update: 3, delete: 2, blocked: 0 });
    expect(document.unmanaged).toEqual(['scratch']);

    const blocked = parsed((plans['blocked drops and notes'] as () => Plan)());
    expect((blocked.blocked as { code: string }[]).map((b) => b.code)).toEqual(['protected', 'prune-not-requested', 'unpushed-unknown']);
    expect(blocked.notes).toEqual([expect.stringContaining('the server is not running, so wyvern is not served')]);
    expect(parsed((plans['an imposter'] as () => Plan)()).errors).toEqual([{ code: 'imposter', message: expect.any(String) }]);
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
