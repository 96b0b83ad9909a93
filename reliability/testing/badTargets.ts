import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A misbehaving target on loopback: its base URL, and how to stop it. */
export interface BadTarget {
  readonly url: string;
  close(): Promise<void>;
}

async function listening(server: Server | HttpServer, sockets: Set<Socket>): Promise<BadTarget> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A port nobody listens on: every connection is refused. */
export async function refusing(): Promise<BadTarget> {
  const server = createTcpServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return { url: `http://127.0.0.1:${port}`, close: async () => {} };
}

/** Accepts connections and never answers. */
export const stalling = (): Promise<BadTarget> => listening(createTcpServer(() => {}), new Set());

/** Answers every connection with bytes that are not HTTP. */
export const notHttp = (): Promise<BadTarget> =>
  listening(
    createTcpServer((s) => s.end(Buffer.from('\x00\xffSSH-2.0-OpenSSH_9.6\r\n\x16\x03\x01garbage\r\n\r\n', 'latin1'))),
    new Set(),
  );

/** Answers every request with 200 and this body (text that is not JSON, or JSON of the wrong shape). */
export const answering = (body: string, type = 'text/html'): Promise<BadTarget> =>
  listening(
    createHttpServer((_, res) => res.writeHead(200, { 'content-type': type }).end(body)),
    new Set(),
  );

/**
 * Forwards the first `healthy` requests to a real server (`upstream`; its HTTPS listener, which
 * a run switching `http_support` off does not close), then either
 * resets every connection it has and every one that comes after (a target that dies mid-run),
 * or leaves every later request unanswered (one that hangs mid-run).
 */
export function failingAfter(upstream: string, healthy: number, how: 'reset' | 'stall'): Promise<BadTarget> {
  let served = 0;
  let dead = false;
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    // It fails on a request of the API, so in the middle of a sequence rather than at a reset.
    if (dead || (served++ >= healthy && !req.url?.startsWith('/control/'))) {
      dead = true;
      if (how === 'reset') for (const s of sockets) s.resetAndDestroy();
      return;
    }
    const send = upstream.startsWith('https:') ? httpsRequest : httpRequest;
    // Sent as to the upstream itself: the hosts' bootstrap URLs the mock answers are built from the
    // Host header, and must name the upstream's scheme and port, not this plain HTTP front.
    const headers = { ...req.headers, host: new URL(upstream).host };
    const forward = send(`${upstream}${req.url}`, { method: req.method, headers, rejectUnauthorized: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('connection', (s: Socket) => {
    if (dead && how === 'reset') s.resetAndDestroy();
  });
  return listening(server, sockets);
}
