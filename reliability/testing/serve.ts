/**
 * A mock cluster server in its own process, for tests that measure it from outside (its memory,
 * whether it is still alive): `node --import tsx reliability/testing/serve.ts '<json options>'`.
 * The options are `startMockServer`'s (credentials default to the tests' own) plus `database`:
 * create database 1 and let it settle first (the fixture of mock/api/testing/malformed/).
 * Prints the same `{"listening": …}` line as `npm run mock`, stops on SIGTERM, and answers the
 * IPC message `memory` with its memory after a garbage collection.
 */
import { startMockServer, type MockServerOptions } from '../../mock/server/server.ts';
import { CREDENTIALS } from './http.ts';

const { database, ...options } = JSON.parse(process.argv[2] ?? '{}') as Partial<MockServerOptions> & { database?: boolean };
const server = await startMockServer({ credentials: CREDENTIALS, httpsPort: 0, httpPort: 0, ...options });
if (database) {
  const created = server.cluster.execute({ type: 'CreateDatabase', data: { name: 'db1', memorySize: 1 } });
  if (!created.ok) throw new Error(created.rejection.description);
  server.cluster.settle();
}
await server.cluster.edge?.settled();
process.stdout.write(`${JSON.stringify({ listening: { https: server.httpsUrl, http: server.httpUrl, pid: process.pid } })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
// Memory as the tests measure it: after a full collection (when started with --expose-gc).
process.on('message', (m) => {
  if (m !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed });
});
process.channel?.unref();
