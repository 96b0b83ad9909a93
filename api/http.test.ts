import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTarget } from './http.ts';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe('httpTarget over kept-alive connections', () => {
  it('sends a request again, once, when the target had closed the idle connection it went out on', async () => {
    let served = 0;
    const server = createServer((_req, res) => {
      served++;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = httpTarget({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      expect(await target.api('GET', '/v1/cluster')).toEqual({ status: 200, body: { ok: true } });
      // The target closes the idle connection, and the next request goes out before this process
      // has read that (as when it was busy): without the retry, ECONNRESET ends the run.
      server.closeIdleConnections();
      expect(await target.api('POST', '/v1/bdbs', { name: 'x' })).toEqual({ status: 200, body: { ok: true } });
      expect(served).toBe(2);
    } finally {
      await target.close();
    }
  });

  it('goes on to the next kept-alive connection while each it takes turns out closed', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      setTimeout(() => res.end('{"ok":true}'), 20);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = httpTarget({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      // Four connections open and idle, then all closed by the target before this process reads it.
      await Promise.all([1, 2, 3, 4].map(() => target.api('GET', '/v1/cluster')));
      server.closeIdleConnections();
      expect(await target.api('POST', '/control/v1/reset', {})).toEqual({ status: 200, body: { ok: true } });
    } finally {
      await target.close();
    }
  });
});
