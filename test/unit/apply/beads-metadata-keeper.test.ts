import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepMetadataFields } from '../../../src/apply/beads-metadata-keeper.js';
import { makeTempDir } from '../../helpers/env.js';

/** metadata.json as gt and Gas Town leave it: bd's fields, and one bd does not know. */
const BEFORE = '{\n  "backend": "dolt",\n  "dolt_database": "alpha",\n  "dolt_server_port": 3317,\n  "x_gastown_note": {"kept": true}\n}\n';
/** What bd init writes back: its own struct, in its own order, without the unknown field. */
const BD_WROTE = '{\n  "database": "dolt",\n  "backend": "dolt",\n  "dolt_mode": "server",\n  "dolt_database": "alpha",\n  "dolt_server_port": 3317,\n  "project_id": "p1"\n}';

describe('keepMetadataFields: the fields bd init drops from .beads/metadata.json come back', () => {
  it("puts back what bd dropped, leaving bd's fields and layout as bd wrote them", () => {
    const dir = makeTempDir('beads');
    const path = join(dir, 'metadata.json');
    writeFileSync(path, BEFORE);
    const restore = keepMetadataFields(dir);
    writeFileSync(path, BD_WROTE);
    expect(restore()).toEqual(['x_gastown_note']);
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toEqual({ ...JSON.parse(BD_WROTE), x_gastown_note: { kept: true } });
    expect(text.startsWith(BD_WROTE.slice(0, -2))).toBe(true);
  });

  it('changes nothing when bd kept every field, or when there was no file before', () => {
    const dir = makeTempDir('beads');
    const path = join(dir, 'metadata.json');
    const restoreNothing = keepMetadataFields(dir);
    writeFileSync(path, BD_WROTE);
    expect(restoreNothing()).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(BD_WROTE);
    const restore = keepMetadataFields(dir);
    expect(restore()).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(BD_WROTE);
  });
});
