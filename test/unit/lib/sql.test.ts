import mysql from 'mysql2/promise';
import { firstRow, quoteIdentifier, quoteString } from '../../../src/lib/sql.js';

const TRICKY = ['', 'wyvern', "a'b", 'x\'); DROP DATABASE hq; -- ', 'back\\slash', 'quote"d', 'nul\0byte', 'tab\tnl\nret\r', 'ctrl-z\x1a', 'bs\b', 'tick`s', 'dot.ted', 'ünïcødé', '%', '*'];

describe('quoting SQL without the driver', () => {
  test.each(TRICKY)('quotes %j exactly as mysql2 does', (value) => {
    expect(quoteString(value)).toBe(mysql.escape(value));
    expect(quoteIdentifier(value)).toBe(mysql.escapeId(value, true));
  });
});

describe('firstRow', () => {
  test('unwraps a CALL result ([rows, OkPacket]) and a SELECT result (rows) alike', () => {
    const row = { hash: 'abc' };
    expect(firstRow([[row], { affectedRows: 0 }])).toEqual(row);
    expect(firstRow([row, { hash: 'other' }])).toEqual(row);
  });

  test('is undefined when there is no row', () => {
    expect(firstRow([[], { affectedRows: 0 }])).toBeUndefined();
    expect(firstRow([])).toBeUndefined();
    expect(firstRow({ affectedRows: 0 })).toBeUndefined();
  });
});
