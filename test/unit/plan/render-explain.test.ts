import { renderExplainText } from '../../../src/plan/render-explain.js';
import { serverSettings } from './fixtures.js';

describe('renderExplainText', () => {
  test('lists each server setting, its effective value and the source that won', () => {
    const text = renderExplainText(serverSettings(), false);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Effective server settings, and the config source that won each:');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}port +3317 +← mayor\/daemon\.json env\.GT_DOLT_PORT$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}host +127\.0\.0\.1 +← default$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}data dir +\/srv\/town\/\.dolt-data +← default$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}dolt root \(DOLT_ROOT_PATH\) +\/srv\/town\/\.dolt-root +← default$/));
    expect(lines).toHaveLength(15);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}supervisor +gt +← default$/));
  });

  test('the password is masked; an empty one is shown as empty', () => {
    expect(renderExplainText(serverSettings(), false)).toMatch(/ {2}password +\*\*\* +← env GT_DOLT_PASSWORD/);
    expect(renderExplainText(serverSettings(), false)).not.toContain('hunter2');
    const empty = serverSettings({ password: { value: '', source: 'default' } });
    expect(renderExplainText(empty, false)).toMatch(/ {2}password +\(empty\) +← default/);
  });

  test('colour only when asked', () => {
    expect(renderExplainText(serverSettings(), false)).not.toContain('\u001b[');
    expect(renderExplainText(serverSettings(), true)).toContain('\u001b[2m← default\u001b[0m');
  });
});
