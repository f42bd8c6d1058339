import { isLoopbackHost, peerUrlProblem } from '../../../src/config/endpoint-checks.js';

describe('listener checks', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['metrics.internal', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ['http://127.0.0.1:50052', null],
    ['https://dolt-b.internal:50052/', null],
    ['http://[::1]:50052', null],
    ['127.0.0.1:50052', 'is not a URL'],
    ['grpc://10.0.0.5:50052', 'has the scheme grpc, not http or https'],
    ['http://10.0.0.5', "names no port (the peer's spec.replication.remotesapi.port)"],
    ['http://10.0.0.5:50052/{database}', 'has more than a scheme, a host and a port (gt appends /{database} for Dolt)'],
    ['http://user:pw@10.0.0.5:50052', 'has more than a scheme, a host and a port (gt appends /{database} for Dolt)'],
    ['not a url', 'is not a URL'],
  ])('peer remotesapi %s: %s', (url, problem) => {
    expect(peerUrlProblem(url)).toBe(problem);
  });
});
