import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVariants, writeApiCa } from './cli.ts';
import { requestLine, type Answered } from './nodeAdapter.ts';
import { startMockServer, type MockServer } from './server.ts';
import type { ServerVariant } from './variant.ts';

const credentials = { username: 'u', password: 'p' };
const AUTH = `Basic ${Buffer.from('u:p').toString('base64')}`;
const HOST = '127.0.0.7';

function call(server: MockServer, method: string, path: string, body?: unknown, ca = server.certificatePem): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const req = request(`${server.httpsUrl}${path}`, { method, headers, ca, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

describe('the server with a variant before its routes, a bind address and its reports', () => {
  let server: MockServer;
  const lines: string[] = [];
  const answered: Answered[] = [];
  const prepared: string[] = [];
  const seen: unknown[] = [];
  const variant: ServerVariant = {
    name: 'test-variant',
    prepare: (cluster) => void prepared.push(cluster.state.status),
    handlers: (_cluster, through) => [
      // Rewrites a request and hands it on; answers another itself; only looks at a third.
      http.post('*/v1/bdbs', async ({ request }) => {
        const b = (await request.clone().json()) as Record<string, unknown>;
        return through(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify({ ...b, name: `${b.name}-v` }) }));
      }),
      http.get('*/v1/cluster/policy', () => HttpResponse.json({ data_internode_encryption: 'broken' })),
      http.put('*/v1/cluster/policy', async ({ request }) => void seen.push(await request.clone().json())),
    ],
  };

  beforeAll(async () => {
    server = await startMockServer({ credentials, host: HOST, httpsPort: 0, httpPort: 0, variant, report: (l) => lines.push(l), onAnswered: (a) => answered.push(a) });
  });
  afterAll(() => server?.close());

  it('runs the variant: its prepare first, its handlers before the routes, the rest falling through with the body intact', async () => {
    expect(prepared).toEqual(['uninitialized']);
    expect((await call(server, 'GET', '/v1/cluster/policy')).body).toEqual({ data_internode_encryption: 'broken' });
    expect((await call(server, 'POST', '/v1/bdbs', { name: 'db', memory_size: 1, port: 12345 })).body).toMatchObject({ name: 'db-v' });
    expect((await call(server, 'PUT', '/v1/cluster/policy', { data_internode_encryption: true })).status).toBe(200);
    expect(seen).toEqual([{ data_internode_encryption: true }]);
    expect((await call(server, 'GET', '/v1/nodes')).status).toBe(200);
  });

  it('binds every listener to the bind address, and says so in a line each', async () => {
    await call(server, 'POST', '/v1/bdbs', { name: 'db2', memory_size: 1, port: 12346 });
    await server.cluster.edge!.settled();
    const port = Number(new URL(server.httpsUrl).port);
    expect(lines).toContain(`REST API (HTTPS) listening on ${HOST}:${port}`);
    expect(lines).toContain(`database 2 endpoint listening on ${HOST}:12346`);
    for (const uid of ['1', '2', '3']) expect(lines.some((l) => l.startsWith(`node ${uid} internode TLS listening on ${HOST}:`))).toBe(true);
    // On the bind address only: not on another loopback address, so not on every interface.
    expect(await reachable(HOST, 12346)).toBe(true);
    expect(await reachable('127.0.0.1', 12346)).toBe(false);
    expect(await reachable('127.0.0.1', port)).toBe(false);
    const internode = server.cluster.edge!.internode('1')!;
    expect(internode.host).toBe(HOST);
    expect(await reachable('127.0.0.1', internode.port)).toBe(false);
  });

  it('tells each answered request: method, path without its query, status, time', async () => {
    await call(server, 'GET', '/v1/logs?limit=1');
    expect(answered.at(-1)).toMatchObject({ method: 'GET', path: '/v1/logs', status: 200 });
    expect(requestLine(answered.at(-1)!)).toMatch(/^GET \/v1\/logs 200 \d+ms$/);
    expect(requestLine({ method: 'GET', path: '/v1/\u001b[2Jx', status: 404, ms: 1.4 })).toBe('GET /v1/?[2Jx 404 1ms');
  });

  it('writes the API certificate to a file a client trusts as its CA, under the data directory or a temporary one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mock-data-'));
    const kept = writeApiCa(server, dataDir);
    expect(kept.path).toBe(join(dataDir, 'api-ca.pem'));
    expect((await call(server, 'GET', '/v1/nodes', undefined, readFileSync(kept.path, 'utf8'))).status).toBe(200);
    const temporary = writeApiCa(server);
    expect(readFileSync(temporary.path, 'utf8')).toBe(server.certificatePem);
    temporary.remove();
    expect(() => readFileSync(temporary.path)).toThrow();
    kept.remove();
    expect(readFileSync(kept.path, 'utf8')).toBe(server.certificatePem);
  });

  it('lists variants by name, the requirement each breaks and what it does', () => {
    const text = listVariants([{ ...variant, breaks: 'X-001', description: 'does a wrong thing' }]);
    expect(text).toBe('test-variant  X-001         does a wrong thing\n');
  });
});
