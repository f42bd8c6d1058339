import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyRootFacts, factsToKeep, planRereads, readRootFacts, writeRootFacts, type RootFacts } from '../../../src/observe/root-facts-cache.js';

const hashes = new Map([
  ['alpha', { head: 'h1', working: 'w1' }],
  ['beta', { head: 'h2', working: 'w2' }],
]);

function cacheWith(partial: Partial<Record<keyof RootFacts, [string, unknown][]>>): RootFacts {
  return {
    ignoreByWorking: new Map((partial.ignoreByWorking ?? []) as never),
    ignoreByHead: new Map((partial.ignoreByHead ?? []) as never),
    prefixByWorking: new Map((partial.prefixByWorking ?? []) as never),
  };
}

describe('the root facts cache', () => {
  it('reads again, part by part, only the databases whose hash it has no entry for', () => {
    const cache = cacheWith({ ignoreByWorking: [['w1', []]], ignoreByHead: [['h1', []], ['h2', []]], prefixByWorking: [['w2', 'be']] });
    expect(planRereads(hashes, cache)).toEqual({ ignore: ['beta'], ignoreHead: [], prefix: ['alpha'] });
    expect(planRereads(hashes, emptyRootFacts())).toEqual({ ignore: ['alpha', 'beta'], ignoreHead: ['alpha', 'beta'], prefix: ['alpha', 'beta'] });
  });

  it('keeps what was read and the entries of current hashes, and drops hashes no database has any more', () => {
    const cache = cacheWith({ ignoreByWorking: [['w1', [['old', true]]], ['gone', []]], prefixByWorking: [['w0', 'x']] });
    const fresh = cacheWith({ ignoreByWorking: [['w2', [['wisps', true]]]], ignoreByHead: [['h9', []]] });
    const kept = factsToKeep(hashes, cache, fresh);
    expect([...kept.ignoreByWorking.keys()].sort()).toEqual(['w1', 'w2']);
    expect([...kept.ignoreByHead.keys()]).toEqual(['h9']);
    expect(kept.prefixByWorking.size).toBe(0);
  });

  it('survives a round trip through its file, and a damaged file is an empty cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gt-root-facts-'));
    const path = join(dir, 'daemon', 'gt-root-facts.json');
    const facts = cacheWith({ ignoreByWorking: [['w1', [['wisps', true]]]], ignoreByHead: [['h1', []]], prefixByWorking: [['w1', 'gt'], ['w2', null]] });
    writeRootFacts(path, facts);
    expect(readRootFacts(path)).toEqual(facts);
    writeFileSync(path, '{"version": 1, "ignoreByWorking": {"w1": "not rows"}');
    expect(readRootFacts(path)).toEqual(emptyRootFacts());
  });
});
