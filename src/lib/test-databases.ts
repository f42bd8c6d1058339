/**
 * The test-database firewall of beads (internal/storage/dolt/store.go, `testDatabasePrefixes`; `benchdb_` added
 * later): database names tests use, which are never created on the production port. gt applies it twice, with this
 * one rule: when validating manifests, and again right before CREATE DATABASE.
 */
const TEST_DATABASE_PREFIXES = ['testdb_', 'beads_test', 'beads_pt', 'beads_vr', 'doctest_', 'doctortest_', 'benchdb_'];
export const PRODUCTION_PORT = 3307;

/**
 * The test prefix `name` starts with, or null. Case-insensitive: Dolt database names are, so `TESTDB_X` is the same
 * database as `testdb_x`.
 */
export function testDatabasePrefix(name: string): string | null {
  const lower = name.toLowerCase();
  return TEST_DATABASE_PREFIXES.find((prefix) => lower.startsWith(prefix)) ?? null;
}

/** Refuses before any SQL runs, whatever validated the config earlier. */
export function assertNotTestDatabaseOnProduction(name: string, port: number): void {
  if (port === PRODUCTION_PORT && testDatabasePrefix(name) !== null) {
    throw new Error(
      `REFUSED: will not CREATE DATABASE "${name}" on production port ${port}: a test database name on the production server`,
    );
  }
}

/** Gas Town's push patrol never pushes a database whose name starts with one of these (tests' databases). */
const UNPUSHED_PREFIXES = ['test', 'beads_t', 'beads_pt', 'doctest_'];

/**
 * The test prefix that keeps `name` from ever being pushed or backed up: Gas Town's push patrol's and beads' firewall
 * (case-insensitive), or null.
 */
export function unsyncedTestPrefix(name: string): string | null {
  const lower = name.toLowerCase();
  return UNPUSHED_PREFIXES.find((prefix) => lower.startsWith(prefix)) ?? testDatabasePrefix(name);
}
