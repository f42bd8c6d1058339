import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedYamlCache, type ParsedDocument } from '../../../src/config/yaml-cache.js';
import { makeTempDir } from '../../helpers/env.js';

const doc = (value: unknown): ParsedDocument[] => [{ value, positions: { '[]': [1, 1] } }];

describe('the parsed-YAML cache on disk', () => {
  let directory: string;

  beforeEach(() => {
    directory = makeTempDir('yaml-cache');
  });

  it('gives a new process what an earlier one saved, by text', () => {
    const first = new ParsedYamlCache(directory);
    first.put('/town/mayor/rigs.d/a.yaml', 'a: 1\n', doc({ a: 1 }));
    first.save();
    const next = new ParsedYamlCache(directory);
    expect(next.get('/town/mayor/rigs.d/other-name.yaml', 'a: 1\n')).toEqual(doc({ a: 1 }));
    expect(next.get('/town/mayor/rigs.d/a.yaml', 'a: 2\n')).toBeUndefined();
  });

  it('keeps one file per directory, so a command reads only its own town', () => {
    const cache = new ParsedYamlCache(directory);
    cache.put('/town-one/mayor/rigs.d/a.yaml', 'a: 1\n', doc({ a: 1 }));
    cache.put('/town-two/mayor/rigs.d/a.yaml', 'a: 1\n', doc({ a: 1 }));
    cache.save();
    expect(readdirSync(join(directory, 'parsed-yaml-v1'))).toHaveLength(2);
  });

  it('keeps on saving only the texts the process used: the directory as it is now', () => {
    const first = new ParsedYamlCache(directory);
    first.put('/d/a.yaml', 'old: 1\n', doc({ old: 1 }));
    first.put('/d/b.yaml', 'b: 1\n', doc({ b: 1 }));
    first.save();
    const second = new ParsedYamlCache(directory);
    expect(second.get('/d/b.yaml', 'b: 1\n')).toBeDefined();
    second.put('/d/a.yaml', 'new: 1\n', doc({ new: 1 }));
    second.save();
    const third = new ParsedYamlCache(directory);
    expect(third.get('/d/a.yaml', 'old: 1\n')).toBeUndefined();
    expect(third.get('/d/a.yaml', 'new: 1\n')).toEqual(doc({ new: 1 }));
    expect(third.get('/d/b.yaml', 'b: 1\n')).toEqual(doc({ b: 1 }));
  });

  it('in a long-running process that saves after each load, keeps the current texts only, not every edit seen', () => {
    const daemon = new ParsedYamlCache(directory);
    for (let edit = 1; edit <= 50; edit++) {
      // b.yaml never changes: parsed once, then found in the cache at every load
      if (daemon.get('/d/b.yaml', 'b: 1\n') === undefined) {
        expect(edit).toBe(1);
        daemon.put('/d/b.yaml', 'b: 1\n', doc({ b: 1 }));
      }
      daemon.put('/d/a.yaml', `edit: ${edit}\n`, doc({ edit }));
      daemon.save();
    }
    const [shardFile] = readdirSync(join(directory, 'parsed-yaml-v1'));
    const saved = JSON.parse(readFileSync(join(directory, 'parsed-yaml-v1', shardFile as string), 'utf8')) as { entries: object };
    expect(Object.keys(saved.entries)).toHaveLength(2);
    expect(daemon.get('/d/a.yaml', 'edit: 49\n')).toBeUndefined();
    expect(daemon.get('/d/a.yaml', 'edit: 50\n')).toEqual(doc({ edit: 50 }));
  });

  it('ignores a file another gt version wrote, and entries of the wrong shape', () => {
    const first = new ParsedYamlCache(directory);
    first.put('/d/a.yaml', 'a: 1\n', doc({ a: 1 }));
    first.put('/d/b.yaml', 'b: 1\n', doc({ b: 1 }));
    first.save();
    const [shard] = readdirSync(join(directory, 'parsed-yaml-v1'));
    const path = join(directory, 'parsed-yaml-v1', shard as string);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { gt: string; entries: Record<string, unknown> };
    const [firstKey] = Object.keys(saved.entries);
    saved.entries[firstKey as string] = [{ value: 1 }];
    writeFileSync(path, JSON.stringify(saved));
    const damaged = new ParsedYamlCache(directory);
    expect([damaged.get('/d/a.yaml', 'a: 1\n'), damaged.get('/d/b.yaml', 'b: 1\n')].filter(Boolean)).toHaveLength(1);

    writeFileSync(path, JSON.stringify({ ...saved, gt: '0.0.0-other' }));
    const other = new ParsedYamlCache(directory);
    expect(other.get('/d/b.yaml', 'b: 1\n')).toBeUndefined();
  });
});
