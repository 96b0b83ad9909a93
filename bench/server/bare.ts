/**
 * The baseline: a bare node:http (or node:https) server on loopback that answers the same
 * method + path set with canned JSON bodies (captured from the mock, so the same sizes), with
 * no auth check and no logic beyond a Map lookup. It reads each request body to its end, as
 * any keep-alive server must, and sets the same timeouts as the mock's listeners.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface CannedAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface BareServer {
  readonly url: string;
  close(): Promise<void>;
}

/** `PUT /v1/bdbs/7` -> `PUT /v1/bdbs/{uid}`: the key the canned answers are stored under. */
export const routeKey = (method: string, path: string): string => `${method} ${path.replace(/\/\d+$/, '/{uid}')}`;

export async function startBareServer(answers: ReadonlyMap<string, CannedAnswer>, tls?: { key: string; cert: string }): Promise<BareServer> {
  const encoded = new Map([...answers].map(([k, a]) => [k, { status: a.status, body: Buffer.from(a.body), contentType: a.contentType }]));
  const notFound = Buffer.from('{"error_code":"not_found","description":"not here"}');
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const a = encoded.get(routeKey(req.method ?? 'GET', req.url ?? '/'));
      const body = a?.body ?? notFound;
      res.writeHead(a?.status ?? 404, { 'content-type': a?.contentType ?? 'application/json', 'content-length': String(body.length) });
      res.end(body);
    });
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createHttpServer(listener);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
