import { checkManifests } from '../../../src/config/manifest-checks.js';
import type { RigManifest } from '../../../src/config/generated/rig-manifest.js';
import { assertNotTestDatabaseOnProduction, PRODUCTION_PORT } from '../../../src/lib/test-databases.js';

/** A rig manifest declaring `database`, as the loader hands it to checkManifests (the schema checks come first). */
function rigDeclaring(database: string) {
  const manifest: RigManifest = {
    apiVersion: 'gastown.dev/v1alpha1',
    kind: 'Rig',
    metadata: { name: 'rig_a' },
    spec: { prefix: 'ra', database },
  };
  return { manifest, document: { file: '/t/rig.yaml', value: manifest, locate: () => ({ file: '/t/rig.yaml', line: 7, column: 13 }) } };
}

function validationRefuses(database: string, port: number): boolean {
  const found = checkManifests([rigDeclaring(database)], null, { cwd: '/t', effectivePort: port });
  return found.some((d) => d.code === 'GT-E046');
}

function firewallRefuses(database: string, port: number): boolean {
  try {
    assertNotTestDatabaseOnProduction(database, port);
    return false;
  } catch {
    return true;
  }
}

describe('the test-database rule: validation and the apply-time firewall agree', () => {
  it.each([
    ['testdb_x', true],
    ['TESTDB_X', true],
    ['Beads_PT1', true],
    ['beads_vr_2', true],
    ['doctortest_1', true],
    ['BenchDB_a', true],
    ['mydb', false],
    ['test_x', false],
    ['x_testdb_', false],
  ])('%s on the production port: refused = %s by both', (database, refused) => {
    expect(validationRefuses(database, PRODUCTION_PORT)).toBe(refused);
    expect(firewallRefuses(database, PRODUCTION_PORT)).toBe(refused);
  });

  it.each(['testdb_x', 'TESTDB_X'])('%s on another port: allowed by both', (database) => {
    expect(validationRefuses(database, 3308)).toBe(false);
    expect(firewallRefuses(database, 3308)).toBe(false);
  });
});
