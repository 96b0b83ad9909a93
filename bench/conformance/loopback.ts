/**
 * The mock server on a loopback address (port 0) and an `httpTarget` for it over HTTPS, as
 * `npm run conformance -- --target … --control … --insecure` would reach it. HTTPS, because a
 * sequence may turn `http_support` off, which closes the HTTP port under the suite.
 */
import { startMockServer, type MockServer } from '../../mock/server/server.ts';
import { httpTarget } from '../../api/http.ts';
import type { Target } from '../../api/target.ts';

const credentials = { username: 'bench@example.com', password: 'bench-secret' };
/**
 * A loopback address of its own: the server's database endpoints bind real ports (10000-19999),
 * and a test of the mock running on 127.0.0.1 at the same time would hold some of them.
 */
const HOST = '127.0.0.44';

export interface Loopback {
  readonly server: MockServer;
  readonly target: Target;
  close(): Promise<void>;
}

/** `settleMs` as the in-process target's (5 ms), so both finish asynchronous work alike. */
export async function loopback(settleMs = 5): Promise<Loopback> {
  const server = await startMockServer({ credentials, host: HOST, httpsPort: 0, httpPort: 0, settleMs });
  // Its CA, node certificates and listeners are made in the background: not part of any figure.
  await server.cluster.edge?.settled();
  const target = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, user: credentials.username, password: credentials.password, insecure: true });
  return {
    server,
    target,
    async close() {
      await target.close();
      await server.close();
    },
  };
}
