import { compareTable, rowKey } from '../../../src/observe/ledger-diff.js';
import { goJsonString, RecordRenderer } from '../../../src/observe/ledger-jsonl.js';
import { isPollution } from '../../../src/observe/ledger-scrub.js';

describe("archive records in Gas Town's format", () => {
  it('keys in byte order, NULLs left out, every value a string', () => {
    const renderer = new RecordRenderer(['id', 'title', 'priority', 'closed_at', 'metadata']);
    expect(renderer.line(['bd-a1', 'x', '2', null, '{"a":1}'])).toBe('{"id":"bd-a1","metadata":"{\\"a\\":1}","priority":"2","title":"x"}');
  });

  it("escapes strings as Go's encoder does without HTML escaping (as dolt -r json prints them)", () => {
    // dolt 1.86.4 printed: "a\u2028b\b\f\u0001\r</script>" for these characters (DEL stays raw)
    expect(goJsonString('a\u2028b\b\f\u0001\r\u007f</script>&')).toBe('"a\\u2028b\\b\\f\\u0001\\r\u007f</script>&"');
    expect(goJsonString('ünï 😀 "q" \\ \t\n\u2029')).toBe('"ünï 😀 \\"q\\" \\\\ \\t\\n\\u2029"');
  });

  it('counts records added, removed and changed by primary key against the file at HEAD', () => {
    const head = '{"id":"a","t":"1"}\n{"id":"b","t":"1"}\n{"id":"c","t":"1"}\n';
    const lines = ['{"id":"a","t":"1"}', '{"id":"b","t":"2"}', '{"id":"d","t":"1"}'];
    const change = compareTable(head, `${lines.join('\n')}\n`, lines, ['a', 'b', 'd'].map((id) => rowKey([id])), ['id']);
    expect(change).toEqual({ before: 3, after: 3, added: 1, removed: 1, changed: 1, identical: false });
    expect(compareTable(head, head, head.trim().split('\n'), ['a', 'b', 'c'].map((id) => rowKey([id])), ['id']).identical).toBe(true);
    expect(compareTable(null, '', [], [], ['id'])).toMatchObject({ before: null, after: 0, identical: false });
  });

  it('the pollution patterns match ids and titles of leaked test data, not real work', () => {
    for (const [id, title] of [['bd-7', 'x'], ['bd-abc12', 'x'], ['x-wisp-1', 'x'], ['beads_t9', 'x'], ['offlinebrew-1', 'x'], ['hq-1', 'Test Issue 3'], ['hq-1', 'test thing'], ['hq-1', 'Usage: bd'], ['hq-1', '--help']]) {
      expect([id, title, isPollution(id ?? null, title ?? null)]).toEqual([id, title, true]);
    }
    for (const [id, title] of [['hq-a1b2c', 'Fix the testing harness'], ['bd-123', 'Usage of memory'], ['gt-abc123', 'Contest results']]) {
      expect([id, title, isPollution(id ?? null, title ?? null)]).toEqual([id, title, false]);
    }
  });
});
