/**
 * The mock the server benchmark measures: started as a client would (real listeners, port 0),
 * with the credentials every request of the benchmark sends, and databases for the mix to read
 * and rename.
 */
import { keyPool } from '../../mock/pki/keyPool.ts';
import { startMockServer, type MockServer } from '../../mock/server/server.ts';

export const credentials = { username: 'bench@example.com', password: 'bench-secret' };
export const AUTH = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
export const SETTLE_MS = 1;
/** Databases the mix reads and renames. */
export const MIX_DATABASES = 32;

/** A mock with MIX_DATABASES active databases, for the mix to read and rename. */
export async function mixServer(): Promise<{ server: MockServer; uids: number[] }> {
  const server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: SETTLE_MS });
  for (let i = 1; i <= MIX_DATABASES; i++) {
    const r = server.cluster.execute({ type: 'CreateDatabase', data: { name: `bench-${i}`, memorySize: 1 << 30 } });
    if (!r.ok) throw new Error(`setup: CreateDatabase refused: ${r.rejection.description}`);
  }
  server.cluster.settle();
  await server.cluster.edge?.settled();
  // The keys the start took are replaced now, not a second later in the middle of a measured run.
  await keyPool.filled();
  return { server, uids: Object.keys(server.cluster.state.databases).map(Number) };
}
