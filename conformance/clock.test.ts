import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTarget } from '../api/http.ts';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { runSuite } from './suite.ts';

/** The wall clock here goes five seconds per millisecond: a run of the suite lasts hours of its time, not days. */
const SPEED = 5000;

/**
 * spec/semantics.md, "The cluster clock": a target's clock may stand still between moves (every
 * in-process run) or run. Here it runs: the mock server follows a wall clock 5000 times faster
 * than real time, ticking every 250 ms, so the cluster's time moves under the suite between its
 * requests until a move takes it ahead of the wall clock. Less than a day passes this way in a
 * run; more is another thing (a clock an hour per millisecond can fail on an alert, as it should).
 */
describe('the suite against a cluster whose clock runs between moves', () => {
  let server: MockServer;
  let wall: () => number;
  beforeAll(async () => {
    const start = Date.now();
    wall = () => start + (Date.now() - start) * SPEED;
    server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.8', httpsPort: 0, httpPort: 0, now: wall, clockTickMs: 250 });
  }, 30_000);
  afterAll(async () => {
    await server?.close();
  }, 30_000);

  it('[CERT-ROT-001] [CERT-ALR-001] passes the certificate areas, the clock having moved on its own', async () => {
    const target = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, plainUrl: server.httpUrl, user: 'u', password: 'p', ca: server.certificatePem });
    try {
      for (const seed of [1, 2]) {
        // No certificate rechecks: they allow an issue time an hour off the model's, and this clock
        // runs 5000 times faster than a real one (an hour in under a second); and a node's uptime
        // grows at the clock's rate, which the suite is told.
        const r = await runSuite(target, { areas: ['certificates'], seed, runs: 2, maxCommands: 10, graphSeeds: false, recheckSequences: 0, clockRate: SPEED });
        expect(r.failure?.error, `seed ${seed}: ${r.failure?.counterexample.join(' → ')}`).toBeUndefined();
        expect(r.outcome).toBe('passed');
      }
      // The clock did run: after a reset it follows the wall clock.
      const reset = await target.control!('POST', '/reset', {});
      expect(reset.status).toBe(200);
      const before = Date.parse((await target.control!('POST', '/clock', { advance_days: 0 })).body.now);
      await new Promise((r) => setTimeout(r, 600));
      const after = Date.parse((await target.control!('POST', '/clock', { advance_days: 0 })).body.now);
      expect(after - before).toBeGreaterThanOrEqual(SPEED * 250);
    } finally {
      await target.close();
    }
  }, 120_000);
});
