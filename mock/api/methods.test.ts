import { getResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { responseValidator } from '../../spec/openapi.ts';
import { createMockCluster } from '../index.ts';
import { createDispatcher, DOC_ROUTES, HARNESS_ROUTES, ROUTES } from './handlers.ts';
import { createHandlers } from './mswHandlers.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';

const conforms = responseValidator();
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const EXAMPLE: Record<string, string> = { uid: '1', host: 'host-1', port: '12345', action: 'remove' };
/** Every path the mock serves, with its parameters filled in. */
const PATHS = [...new Set([...ROUTES, ...HARNESS_ROUTES, ...DOC_ROUTES].map((r) => r.path.replace(/:(\w+)/g, (_, n: string) => EXAMPLE[n]!)))];

let cluster: MockCluster;
let sides: Record<'router' | 'msw', (request: Request) => Promise<Response>>;

beforeEach(() => {
  const mock = createMockCluster({ settleMs: 60_000 });
  cluster = mock.cluster;
  sides = {
    router: createDispatcher(cluster),
    msw: async (request) => (await getResponse(mock.handlers, request)) ?? new Response('unhandled', { status: 599 }),
  };
});
afterEach(() => cluster.close());

async function send(side: 'router' | 'msw', method: string, path: string) {
  const init: RequestInit = { method, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }) };
  const res = await sides[side](new Request(`https://cluster.test:9443${path}`, init));
  // The live view's feed never ends: only its status matters here.
  const text = res.headers.get('content-type')?.startsWith('text/event-stream') ? (await res.body?.cancel(), '') : await res.text();
  if (path.startsWith('/v1/')) expect(conforms(method, path, res.status, text), `${method} ${path}`).toEqual([]);
  return { status: res.status, allow: res.headers.get('allow'), text };
}

describe.each(['router', 'msw'] as const)('methods and paths (%s)', (side) => {
  it('[API-ERR-001] every path answers a method it does not take with 405, an Allow header naming exactly the methods it takes, and the error shape', async () => {
    for (const path of PATHS) {
      const refused: { allow: string | null; text: string }[] = [];
      const taken: string[] = [];
      for (const method of METHODS) {
        const r = await send(side, method, path);
        if (r.status === 405) refused.push(r);
        else taken.push(method);
      }
      // PATCH is no route's method: every path refuses at least it.
      expect(refused.length, path).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.allow?.split(', ').sort(), path).toEqual([...taken].sort());
        expect(JSON.parse(r.text), path).toEqual({ error_code: 'method_not_allowed', description: expect.stringContaining(path) });
      }
    }
  });

  it('[API-ERR-001] a path no route takes stays 404 not_found, whatever the method, with no Allow header', async () => {
    // In-process, msw claims only the API's own prefixes: any other URL is left to the network.
    const claimed = side === 'msw' ? PATHS.filter((p) => /^\/(v1|control|hosts)\//.test(p)) : PATHS;
    for (const path of claimed.map((p) => `${p}/teapot/x`)) {
      for (const method of METHODS) {
        const r = await send(side, method, path);
        expect(r, `${method} ${path}`).toMatchObject({ status: 404, allow: null });
        expect(JSON.parse(r.text)).toMatchObject({ error_code: 'not_found' });
      }
    }
  });

  it('serves the OpenAPI document at /openapi.yaml without credentials; every other path still wants them, before 405', async () => {
    const mock = createMockCluster({ settleMs: 60_000 });
    const guarded = createHandlers(mock.cluster, { credentials: { username: 'u', password: 'p' } });
    const router = createDispatcher(mock.cluster, { credentials: { username: 'u', password: 'p' } });
    const ask = (method: string, path: string) => {
      const request = new Request(`https://cluster.test:9443${path}`, { method });
      return side === 'router' ? router(request) : getResponse(guarded, request).then((r) => r!);
    };
    const doc = await ask('GET', '/openapi.yaml');
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await doc.text()).toMatch(/^openapi: 3\./m);
    expect((await ask('PUT', '/openapi.yaml')).status).toBe(401);
    expect((await ask('PATCH', '/v1/nodes')).status).toBe(401);
    mock.cluster.close();
  });
});
