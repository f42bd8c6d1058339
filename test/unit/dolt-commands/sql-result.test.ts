import { renderResultsJson, renderResultsText, statementResults } from '../../../src/cli/dolt/sql-result.js';

const fields = (...names: string[]) => names.map((name) => ({ name }));
const ok = (affectedRows: number) => ({ fieldCount: 0, affectedRows, insertId: 0, info: '', serverStatus: 2, warningStatus: 0 });

describe("statementResults: mysql2's answer as one result per statement", () => {
  it('one SELECT', () => {
    expect(statementResults([[1, 'x']], fields('a', 'b'))).toEqual([{ kind: 'rows', columns: ['a', 'b'], rows: [[1, 'x']] }]);
  });

  it('one statement without a result set', () => {
    expect(statementResults(ok(2), undefined)).toEqual([{ kind: 'ok', affectedRows: 2 }]);
  });

  it('several statements, with and without result sets', () => {
    expect(statementResults([ok(0), [[1]], []], [undefined, fields('one'), fields('x')])).toEqual([
      { kind: 'ok', affectedRows: 0 },
      { kind: 'rows', columns: ['one'], rows: [[1]] },
      { kind: 'rows', columns: ['x'], rows: [] },
    ]);
  });
});

describe('rendering', () => {
  const results = statementResults(
    [
      [
        [1, null, Buffer.from([0, 255])],
        [22, 'long text', { a: 1 }],
      ],
      ok(1),
      [],
    ],
    [fields('id', 'name', 'data'), undefined, fields('x')],
  );

  it('text: a bordered table per result set (NULL, hex binary, JSON), Query OK, Empty set', () => {
    expect(renderResultsText(results)).toBe(
      [
        '+----+-----------+---------+',
        '| id | name      | data    |',
        '+----+-----------+---------+',
        '| 1  | NULL      | 0x00ff  |',
        '| 22 | long text | {"a":1} |',
        '+----+-----------+---------+',
        '',
        'Query OK, 1 row affected',
        '',
        'Empty set',
        '',
      ].join('\n'),
    );
  });

  it('JSON: one line per statement, rows as objects keyed by column, null kept', () => {
    expect(renderResultsJson(results).split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        rows: [
          { id: 1, name: null, data: '0x00ff' },
          { id: 22, name: 'long text', data: { a: 1 } },
        ],
      },
      { affectedRows: 1 },
      { rows: [] },
    ]);
  });
});
