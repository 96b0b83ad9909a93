import { once } from 'node:events';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Mutant } from '../mutants/mutant.ts';
import { inProcessTarget } from './inProcess.ts';
import { inProcessNetwork } from './interception.ts';

/** A variant whose cluster is named otherwise, and which hands the nodes' list on rewritten to one node. */
const renamed: Mutant = {
  name: 'renamed',
  breaks: 'none',
  description: 'answers GET /v1/cluster itself',
  handlers: (_cluster, through) => [
    http.get('*/v1/cluster', () => HttpResponse.json({ name: 'renamed.test' })),
    http.get('*/v1/nodes', ({ request }) => through(new Request(request.url.replace('/v1/nodes', '/v1/nodes/1')))),
  ],
};

describe('the in-process target', () => {
  it('sends every request through fetch, where msw intercepts it (its lifecycle events see it)', async () => {
    const seen: string[] = [];
    const listener = ({ request }: { request: Request }) => void seen.push(`${request.method} ${request.url}`);
    inProcessNetwork().events.on('request:start', listener);
    const target = inProcessTarget();
    try {
      const nodes = await target.api('GET', '/v1/nodes');
      expect(nodes.status).toBe(200);
      expect((nodes.body as unknown[]).length).toBe(3);
      expect((await target.control!('POST', '/reset')).status).toBeLessThan(300);
      expect(seen).toEqual([`GET ${target.origin}/v1/nodes`, `POST ${target.origin}/control/v1/reset`]);
    } finally {
      inProcessNetwork().events.removeListener('request:start', listener);
      await target.close();
    }
  });

  it("puts a mutant's handlers before the router, and two targets alive at once never answer for each other", async () => {
    const good = inProcessTarget();
    const bad = inProcessTarget({ mutant: renamed });
    try {
      expect(good.origin).not.toBe(bad.origin);
      expect(((await bad.api('GET', '/v1/cluster')).body as { name: string }).name).toBe('renamed.test');
      expect(((await good.api('GET', '/v1/cluster')).body as { name: string }).name).not.toBe('renamed.test');
      // Handed on through the router: one node, not the list.
      expect((await bad.api('GET', '/v1/nodes')).body).toMatchObject({ uid: 1 });
      expect(Array.isArray((await good.api('GET', '/v1/nodes')).body)).toBe(true);
      // What no route takes is the router's 404 in the API's shape, not a request to the network.
      expect(await good.api('GET', '/v2/teapot')).toMatchObject({ status: 404, body: { error_code: 'not_found' } });
    } finally {
      await good.close();
      await bad.close();
    }
  });

  it('gives fetch back when the last target closes, and leaves node:http alone meanwhile', async () => {
    const original = globalThis.fetch;
    const server = createServer((_req, res) => res.end('real'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const seen: string[] = [];
    const listener = ({ request }: { request: Request }) => void seen.push(request.url);
    inProcessNetwork().events.on('request:start', listener);
    const target = inProcessTarget();
    try {
      expect(globalThis.fetch).not.toBe(original);
      const body = await new Promise<string>((resolve, reject) =>
        get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/nodes`, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c));
          res.on('end', () => resolve(text));
        }).on('error', reject),
      );
      expect(body).toBe('real');
      expect(seen).toEqual([]);
    } finally {
      inProcessNetwork().events.removeListener('request:start', listener);
      await target.close();
      server.close();
    }
    expect(globalThis.fetch).toBe(original);
  });
});
