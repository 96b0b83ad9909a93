import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from './server.ts';
import { receiver } from '../../inspect/testing/receiver.ts';

const credentials = { username: 'admin@example.com', password: 'secret' };
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('the mock server with inspect', () => {
  it('streams the cluster being built and changed to a local inspector endpoint', async () => {
    const inspector = await receiver();
    cleanup.push(() => inspector.close());
    const server: MockServer = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, inspect: inspector.url });
    cleanup.push(() => server.close());
    await expect.poll(() => inspector.events('cluster')).toContain('ClusterCreated');
    server.cluster.execute({ type: 'PowerOffNode', data: { uid: '3' } });
    await expect.poll(() => inspector.values('node:3').at(-1)).toBe('down');
    expect(inspector.actors().map((a) => a.name)).toEqual(expect.arrayContaining(['node:1', 'node:2', 'node:3', 'cert:node-3/cp']));
  });
});
