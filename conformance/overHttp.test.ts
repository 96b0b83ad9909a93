import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { runSuite } from './suite.ts';
import { httpTarget } from '../api/http.ts';

// The same suite over real HTTPS against the standalone server, where every check can run: its
// real internode listeners, database endpoints and PKI.
describe('the suite over HTTPS against the standalone server', () => {
  let server: MockServer;
  beforeAll(async () => {
    // Its own loopback address: other servers of the test run hold database ports on 127.0.0.1.
    server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.7', httpsPort: 0, httpPort: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  // Its certificate rechecks have the server make keys (one sequence per area): longer than the default time-out on 2 busy cores.
  it('passes every area and every check, and exercises the machines on the target', { timeout: 180_000 }, async () => {
    const target = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, plainUrl: server.httpUrl, user: 'u', password: 'p', ca: server.certificatePem });
    try {
      const r = await runSuite(target, { seed: 11, runs: 2, maxCommands: 10, graphSeeds: false });
      expect(r.failure?.error).toBeUndefined();
      expect(r.areas.map((a) => [a.name, a.outcome])).toEqual([
        ['node-certificates', 'passed'],
        ['plane-rotation', 'passed'],
        ['data-plane', 'passed'],
        ['internode-tls', 'passed'],
        ['http-support', 'passed'],
        ['reserved-ports', 'passed'],
        ['mixed', 'passed'],
        ['addressing', 'passed'],
        ['databases', 'passed'],
        ['certificates', 'passed'],
        ['ports', 'passed'],
        ['api-ports', 'passed'],
        ['addressing-ipv6', 'passed'],
        ['reads', 'passed'],
      ]);
      for (const c of r.coverage) expect(c.transitions.taken, c.machine).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });

  it('[PORT-HTTP-002] fails a target whose HTTP port still serves the API with http_support disabled', async () => {
    // Pointing the plain-HTTP side at the HTTPS listener: it never stops serving.
    const target = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, plainUrl: server.httpsUrl, user: 'u', password: 'p', ca: server.certificatePem });
    try {
      const r = await runSuite(target, { areas: ['http-support'] });
      expect(r.failure).toMatchObject({ reqs: ['PORT-HTTP-002'] });
    } finally {
      await target.close();
    }
  });
});
