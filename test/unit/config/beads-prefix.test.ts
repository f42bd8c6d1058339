import { deriveBeadsPrefix } from '../../../src/config/beads-prefix.js';

describe("deriveBeadsPrefix: Gas Town's rule for a rig's default beads prefix", () => {
  it.each([
    ['gas_town', 'gt'],
    ['gastown', 'gt'],
    ['my_project', 'mp'],
    ['my-project', 'mp'],
    ['api-py', 'api'],
    ['beads-go', 'be'],
    ['wyvern', 'wy'],
    ['foo', 'foo'],
    ['ab', 'ab'],
    ['myFrontend', 'mf'],
    ['HTMLParser', 'hp'],
    ['sky_harbor_port', 'shp'],
    ['rig2', 'ri'],
  ])('%s → %s', (name, prefix) => {
    expect(deriveBeadsPrefix(name)).toBe(prefix);
  });
});
