import { ignorePatternMatches, systemTablePatternProblem } from '../../../src/config/ignore-patterns.js';

describe('dolt_ignore patterns as Dolt matches them', () => {
  test.each([
    ['wisps', 'wisps', true],
    ['wisp_*', 'wisp_1', true],
    ['wisp_%', 'wisp_', true],
    ['wisp_?', 'wisp_12', false],
    ['wisp_?', 'wisp_1', true],
    ['wisps', 'wisps2', false],
    ['*_tmp', 'scratch_tmp', true],
  ])('%j matches %j: %s', (pattern, table, matches) => {
    expect(ignorePatternMatches(pattern, table)).toBe(matches);
  });
});

describe('patterns Dolt could never commit', () => {
  test.each(['*', '%', '%*', 'd*', 'dolt_*', 'DOLT_IGNORE', '*ignore', '?olt_ignore', 'dolt_%'])('%j matches dolt_ignore itself', (pattern) => {
    expect(systemTablePatternProblem(pattern)).toMatch(/dolt_ignore itself/);
  });

  test.each(['dolt_docs', 'dolt_sch*', 'dolt_?ocs'])("%j matches Dolt's other system tables", (pattern) => {
    expect(systemTablePatternProblem(pattern)).toBe("it matches Dolt's system tables (dolt_…)");
  });

  test('a pattern of wildcards only is named for what it is: every table', () => {
    expect(systemTablePatternProblem('*')).toBe('it matches every table, dolt_ignore itself included');
  });

  test.each(['wisps', 'wisp_*', 'tmp_%', 'doltish', 'dolt', 'x_dolt_*', 'ignore'])('%j is fine', (pattern) => {
    expect(systemTablePatternProblem(pattern)).toBeNull();
  });
});
