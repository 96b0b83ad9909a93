import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetUnreachable } from './target.ts';
import { httpTarget } from './http.ts';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A server counting the requests it read, answering each with `answer`. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const target = httpTarget({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  return { server, seen, target };
}
const ok = (_req: IncomingMessage, res: ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  setTimeout(() => res.end('{"ok":true}'), 20);
};

describe('httpTarget over kept-alive connections', () => {
  it('sends a read again when the target had closed the idle connection it went out on', async () => {
    const { server, seen, target } = await serve(ok);
    try {
      expect(await target.api('GET', '/v1/cluster')).toEqual({ status: 200, body: { ok: true } });
      // The target closes the idle connection, and the next request goes out before this process
      // has read that (as when it was busy): without the retry, ECONNRESET ends the run.
      server.closeIdleConnections();
      expect(await target.api('GET', '/v1/nodes')).toEqual({ status: 200, body: { ok: true } });
      expect(seen).toEqual(['GET /v1/cluster', 'GET /v1/nodes']);
    } finally {
      await target.close();
    }
  });

  it('goes on to the next kept-alive connection while each it takes turns out closed', async () => {
    const { server, target } = await serve(ok);
    try {
      // Four connections open and idle, then all closed by the target before this process reads it.
      await Promise.all([1, 2, 3, 4].map(() => target.api('GET', '/v1/cluster')));
      server.closeIdleConnections();
      expect(await target.api('GET', '/v1/cluster')).toEqual({ status: 200, body: { ok: true } });
    } finally {
      await target.close();
    }
  });

  it('sends a change on a connection of its own, so a stale one never fails it', async () => {
    const { server, seen, target } = await serve(ok);
    try {
      await Promise.all([1, 2, 3, 4].map(() => target.api('GET', '/v1/cluster')));
      server.closeIdleConnections();
      expect(await target.api('POST', '/control/v1/reset', {})).toEqual({ status: 200, body: { ok: true } });
    } finally {
      await target.close();
    }
    expect(seen.filter((s) => s.startsWith('POST'))).toEqual(['POST /control/v1/reset']);
  });

  it('never sends a change twice: one cut after the target read it has an unknown outcome', async () => {
    // The target reads the change and dies before answering (as in a crash).
    const { seen, target } = await serve((req, res) => (req.method === 'GET' ? ok(req, res) : req.socket.destroy()));
    try {
      await target.api('GET', '/v1/cluster');
      for (const method of ['POST', 'PUT', 'DELETE']) {
        expect(await target.api(method, '/v1/bdbs/1', {}).catch((e) => e)).toBeInstanceOf(TargetUnreachable);
      }
    } finally {
      await target.close();
    }
    expect(seen).toEqual(['GET /v1/cluster', 'POST /v1/bdbs/1', 'PUT /v1/bdbs/1', 'DELETE /v1/bdbs/1']);
  });
});
