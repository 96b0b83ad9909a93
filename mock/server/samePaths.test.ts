/**
 * The in-process mock (msw handlers, Fetch `Request`/`Response`) and the server (node's own
 * request and response, precompiled serialisers) must answer alike, byte for byte: the same
 * requests go to two identical clusters, one through each path, and every answer is compared
 * (status, the headers the API sets, the body's bytes).
 */
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../api/handlers.ts';
import { createHandlers } from '../api/mswHandlers.ts';
import { createMockCluster } from '../index.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { nodeListener } from './nodeAdapter.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const CREDENTIALS = { username: 'admin@example.com', password: 'secret' };
const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
/** Set by each transport on its own, not by the API. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const apiHeaders = (entries: Iterable<[string, string]>) =>
  Object.fromEntries([...entries].filter(([k]) => !TRANSPORT_HEADERS.has(k.toLowerCase())).map(([k, v]) => [k.toLowerCase(), v]).sort());

let clusters: MockCluster[] = [];
let server: Server | undefined;
afterEach(async () => {
  for (const c of clusters) c.close();
  clusters = [];
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** A cluster on a fixed clock with nothing random in it, so two of them stay identical under the same requests. */
function cluster(): MockCluster {
  const mock = createMockCluster({ now: () => T0, settleMs: 600_000, credentials: CREDENTIALS });
  clusters.push(mock.cluster);
  return mock.cluster;
}

const headersOf = (call: Call): Record<string, string> => ({
  authorization: AUTH,
  ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
  ...call.headers,
});

/** The msw path: the handlers as a test's `setupServer` would run them. */
function viaMsw(c: MockCluster) {
  const handlers = createHandlers(c, { credentials: CREDENTIALS });
  return async (call: Call): Promise<Answer> => {
    const res = await getResponse(handlers, new Request(`http://api.test${call.path}`, { method: call.method, headers: headersOf(call), ...(call.body !== undefined ? { body: call.body } : {}) }));
    if (!res) throw new Error(`msw had no handler for ${call.method} ${call.path}`);
    return { status: res.status, headers: apiHeaders(res.headers.entries()), body: await res.text() };
  };
}

/** The server's path: node's request and response over a real socket. */
async function viaNode(c: MockCluster) {
  server = createServer(nodeListener(createRouter(c, { credentials: CREDENTIALS }), 'http', 'api.test'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return (call: Call) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: call.path, method: call.method, headers: { host: 'api.test', ...headersOf(call) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => resolve({ status: res.statusCode!, headers: apiHeaders(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(call.body);
    });
}

const put = (path: string, body: unknown): Call => ({ method: 'PUT', path, body: JSON.stringify(body) });
const post = (path: string, body: unknown): Call => ({ method: 'POST', path, body: JSON.stringify(body) });

/**
 * Reads and writes of every hot answer, refusals of each kind, and an unknown path; writes change
 * both clusters alike. Not the certificates: each cluster has keys of its own, as it must.
 */
const CALLS: Call[] = [
  { method: 'GET', path: '/v1/nodes' },
  { method: 'GET', path: '/v1/nodes/2' },
  { method: 'GET', path: '/v1/nodes/9' },
  { method: 'GET', path: '/v1/cluster' },
  { method: 'GET', path: '/v1/cluster/policy' },
  post('/v1/bdbs', { name: 'one', memory_size: 1024 }),
  post('/v1/bdbs', { name: 'two', memory_size: 2048, port: 12000, replication: true, eviction_policy: 'allkeys-lru' }),
  { method: 'GET', path: '/v1/bdbs' },
  { method: 'GET', path: '/v1/bdbs/1' },
  { method: 'GET', path: '/v1/bdbs/2' },
  put('/v1/bdbs/1', { name: 'renamed "ü" \u2028' }),
  put('/v1/cluster/policy', { data_internode_encryption: true }),
  { method: 'GET', path: '/v1/bdbs/1' },
  { method: 'GET', path: '/v1/nodes' },
  put('/v1/bdbs/1', { no_such_field: 1 }),
  { method: 'PUT', path: '/v1/bdbs/1', body: '{"name": ' },
  { method: 'PUT', path: '/v1/bdbs/1', body: '{"name":"x"}', headers: { 'content-type': 'text/plain' } },
  { method: 'GET', path: '/v1/bdbs/0' },
  { method: 'GET', path: '/v1/nodes', headers: { authorization: 'Basic bm9ib2R5Om5vcGU=' } },
  { method: 'GET', path: '/v1/no/such/path' },
  { method: 'GET', path: '/v1/cluster/policy' },
  { method: 'GET', path: '/v1/nodes/alerts/1' },
];

describe('the in-process mock and the server', () => {
  it('answer the same requests with the same status, headers and bytes', async () => {
    const msw = viaMsw(cluster());
    const node = await viaNode(cluster());
    for (const call of CALLS) {
      const [a, b] = [await msw(call), await node(call)];
      expect(b, `${call.method} ${call.path}`).toEqual(a);
    }
  });
});
