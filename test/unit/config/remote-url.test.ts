import { remoteUrlProblem } from '../../../src/config/remote-url.js';

describe('remoteUrlProblem', () => {
  it.each([
    'file:///srv/dolt-remotes/wyvern',
    'https://doltremoteapi.dolthub.com/gastown/wyvern',
    'http://dolt.internal:50051/wyvern',
    'aws://[dolt_remotes:dolt-bucket]/wyvern',
    'gs://bucket/wyvern',
    'az://account.blob.core.windows.net/container/wyvern',
    'oci://bucket/wyvern',
    'oss://bucket/wyvern',
    'ssh://git@host/srv/wyvern',
    'git+ssh://git@github.com/org/wyvern.git',
    'git+https://github.com/org/wyvern.git',
    'git+file:///srv/git/wyvern.git',
  ])('accepts %s', (url) => {
    expect(remoteUrlProblem(url)).toBeNull();
  });

  it.each([
    ['ftp://host/wyvern', 'uses the scheme ftp://'],
    ['mem://wyvern', 'uses the scheme mem://'],
    ['file://srv/wyvern', 'needs an absolute path'],
    ['org/wyvern', 'https://doltremoteapi.dolthub.com/org/wyvern'],
    ['../remotes/wyvern', 'has no URL scheme'],
    ['https:///wyvern', 'has no host'],
    // Dolt would store these in another form, so the plan would see a changed URL on every run
    ['git@github.com:org/wyvern.git', '"git+ssh://git@github.com/./org/wyvern.git"'],
    ['/srv/git/wyvern.git', '"git+file:///srv/git/wyvern.git"'],
    ['https://github.com/org/wyvern.git', '"git+https://github.com/org/wyvern.git"'],
    ['file:///srv/dolt-remotes/wyvern/', '"file:///srv/dolt-remotes/wyvern"'],
    ['file:///srv/../srv/dolt-remotes/wyvern', '"file:///srv/dolt-remotes/wyvern"'],
    ['FILE:///srv/dolt-remotes/wyvern', 'lowercase'],
    ['file:///srv/dolt remotes', 'whitespace'],
  ])('rejects %s', (url, says) => {
    expect(remoteUrlProblem(url)).toContain(says);
  });
});
