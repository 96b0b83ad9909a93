import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { json } from '../api/http.ts';
import type { ApiRequest } from '../api/exchange.ts';
import { nodeListener } from './nodeAdapter.ts';

const LIMIT = 16;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

/** A server whose one route reads the body with a limit and answers what it saw. */
async function serve(seen: (outcome: unknown) => void = () => {}): Promise<number> {
  const route = async (req: ApiRequest, url: URL) => {
    let body: string | null | { failed: string };
    try {
      body = await req.text(LIMIT);
    } catch (e) {
      body = { failed: (e as Error).message };
    }
    seen(body);
    return json(200, { method: req.method, url: url.href, type: req.header('content-type'), missing: req.header('x-none'), body });
  };
  server = createServer(nodeListener(route, 'http', 'fallback.test'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function send(port: number, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the node adapter', () => {
  it('gives the routes the method, the URL the client used, headers and the body, and writes the answer with its length', async () => {
    const port = await serve();
    const r = await send(port, '/v1/x?dry_run=1', '{"a":1}', { 'content-type': 'application/json', host: 'api.test:9443' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ method: 'POST', url: 'http://api.test:9443/v1/x?dry_run=1', type: 'application/json', missing: null, body: '{"a":1}' });
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(r.body)));
    expect(r.headers.connection).toBe('keep-alive');
  });

  it('serves a request target in absolute form as its path on this server', async () => {
    const port = await serve();
    const r = await send(port, 'http://elsewhere.test/v1/nodes', undefined, { host: 'api.test' });
    expect(r.body.url).toBe('http://api.test/v1/nodes');
  });

  it('stops reading a body over the limit, and closes the connection after answering', async () => {
    const port = await serve();
    const r = await send(port, '/v1/x', 'x'.repeat(100_000), { 'content-type': 'application/json' });
    expect(r.body.body).toBeNull();
    expect(r.headers.connection).toBe('close');
  });

  it('fails the read of a body the client breaks off, and never answers on the broken connection', async () => {
    let outcome: (v: unknown) => void;
    const seen = new Promise((r) => (outcome = r));
    const port = await serve(outcome!);
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('POST /v1/x HTTP/1.1\r\nhost: a.test\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n{"a"');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    expect(await seen).toEqual({ failed: expect.any(String) });
  });
});
