import { maskSecret, maskUrl, maskUrlsInText } from '../../../src/lib/mask.js';

describe('maskUrl', () => {
  test.each([
    ['https://user:secret@host/db', 'https://user:***@host/db'],
    ['https://x-access-token:ghp_abc123@github.com/org/repo', 'https://x-access-token:***@github.com/org/repo'],
    ['https://host/db?token=abc&branch=main', 'https://host/db?token=***&branch=main'],
    ['https://host/db?branch=main&access_token=abc#frag', 'https://host/db?branch=main&access_token=***#frag'],
    ['https://s3.example/b?X-Amz-Credential=AK&X-Amz-Signature=ff&X-Amz-Date=1', 'https://s3.example/b?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Date=1'],
    ['https://host/db?key=k&monkey=banana', 'https://host/db?key=***&monkey=banana'],
    ['https://u:p@host/db?password=p2', 'https://u:***@host/db?password=***'],
    ['https://ghp_abc123@github.com/org/repo.git', 'https://***@github.com/org/repo.git'],
    ['git+https://glpat-xyz@gitlab.example/org/repo.git', 'git+https://***@gitlab.example/org/repo.git'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  test.each([
    'file:///srv/dolt-remotes/wyvern',
    'https://doltremoteapi.dolthub.com/org/repo',
    'aws://[dolt-table:dolt-bucket]/wyvern',
    'gs://bucket/path',
    'git+ssh://git@github.com/org/repo.git',
    'ssh://dolt@host/path',
    'https://host:8443/db',
    '/relative/path',
  ])('leaves %s as it is', (url) => {
    expect(maskUrl(url)).toBe(url);
  });
});

describe('maskSecret', () => {
  test('masks any non-empty value and keeps an empty one empty', () => {
    expect(maskSecret('hunter2')).toBe('***');
    expect(maskSecret('')).toBe('');
  });
});

describe('maskUrlsInText', () => {
  test('masks the credentials of every URL in free text (an error message, a log line) and keeps the rest', () => {
    expect(maskUrlsInText("remote 'origin' https://bot:s3cret@example.com/db?token=abc failed; file:///srv/x is fine")).toBe(
      "remote 'origin' https://bot:***@example.com/db?token=*** failed; file:///srv/x is fine",
    );
  });

  test('text without URLs is unchanged', () => {
    expect(maskUrlsInText('database wyvern: connect ECONNREFUSED 127.0.0.1:3400')).toBe('database wyvern: connect ECONNREFUSED 127.0.0.1:3400');
  });
});
