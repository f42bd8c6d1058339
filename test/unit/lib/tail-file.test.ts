import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastLines, readLastLines } from '../../../src/lib/tail-file.js';
import { makeTempDir } from '../../helpers/env.js';

describe('lastLines', () => {
  it('keeps the last n lines, each ending in a newline', () => {
    expect(lastLines('a\nb\nc\n', 2)).toBe('b\nc\n');
    expect(lastLines('a\nb\nc', 2)).toBe('b\nc\n');
    expect(lastLines('a\nb\n', 5)).toBe('a\nb\n');
    expect(lastLines('a\nb\n', 0)).toBe('');
    expect(lastLines('', 3)).toBe('');
  });
});

describe('readLastLines', () => {
  it('reads the tail of a file larger than its read chunk, lines across chunk boundaries intact', () => {
    const file = join(makeTempDir('tail'), 'dolt.log');
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'é'.repeat(i % 7)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { text, size } = readLastLines(file, 3000);
    expect(text).toBe(`${lines.slice(-3000).join('\n')}\n`);
    expect(size).toBe(Buffer.byteLength(`${lines.join('\n')}\n`));
  });
});
