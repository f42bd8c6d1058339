/** Gas Town's firewall (reference/gastown.md §6): database names tests use, never created on the production port. */
export const TEST_DATABASE_PREFIXES = ['testdb_', 'beads_test', 'beads_pt', 'beads_vr', 'doctest_', 'doctortest_', 'benchdb_'];
export const PRODUCTION_PORT = 3307;

export function isTestDatabaseName(name: string): boolean {
  const lower = name.toLowerCase();
  return TEST_DATABASE_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Refuses before any SQL runs, whatever validated the config earlier. */
export function assertNotTestDatabaseOnProduction(name: string, port: number): void {
  if (port === PRODUCTION_PORT && isTestDatabaseName(name)) {
    throw new Error(
      `REFUSED: will not CREATE DATABASE "${name}" on production port ${port}: a test database name on the production server`,
    );
  }
}
