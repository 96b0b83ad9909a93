/**
 * What the in-process path costs per request, msw's part apart: the same GET and POST through
 * the router alone, through msw's interception of `fetch` (the in-process target), and through
 * msw's old per-route handlers matched by `getResponse`. `tsx bench/inProcessPath.bench.ts [requests]`.
 */
import { getResponse, http } from 'msw';
import { createMockCluster } from '../mock/index.ts';
import { inProcessTarget } from '../conformance/target/inProcess.ts';
import { fromFetch, toResponse } from '../mock/api/fetch.ts';
import { servedRoutes } from '../mock/api/handlers.ts';

const N = Number(process.argv[2] ?? 3000);
const mock = createMockCluster({ settleMs: 5 });
const target = inProcessTarget();
const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const;
// The handlers as they were before one handler for the router: one per route, then the fallback.
const perRoute = [
  ...servedRoutes({}).map((r) => methods[r.method](`*${r.path}`, async ({ request }) => toResponse(await mock.router(fromFetch(request), new URL(request.url))))),
  ...mock.handlers,
];
const ORIGIN = 'https://mock.bench';
const body = JSON.stringify({ name: 'x' });

const paths: Record<string, (method: string, path: string, body?: string) => Promise<unknown>> = {
  router: async (method, path, text) => {
    const r = await mock.router(fromFetch(new Request(`${ORIGIN}${path}`, { method, ...(text ? { body: text, headers: { 'content-type': 'application/json' } } : {}) })), new URL(`${ORIGIN}${path}`));
    return typeof r.body === 'string' ? JSON.parse(r.body) : undefined;
  },
  'msw fetch interception (one handler)': (method, path, text) => target.api(method, path, text ? JSON.parse(text) : undefined),
  'msw getResponse (one handler per route)': async (method, path, text) => {
    const r = await getResponse(perRoute, new Request(`${ORIGIN}${path}`, { method, ...(text ? { body: text, headers: { 'content-type': 'application/json' } } : {}) }));
    return JSON.parse((await r!.text()) || 'null');
  },
};

for (let round = 0; round < 2; round++) {
  for (const [name, send] of Object.entries(paths)) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < N; i++) {
      await send('GET', '/v1/nodes');
      // A request each path refuses with the API's error (the bdb's name is wrong): a POST with a body.
      await send('POST', '/v1/bdbs/999999', body);
    }
    const used = process.cpuUsage(cpu);
    if (round === 1) console.log(`${name.padEnd(42)} ${(((performance.now() - t) * 1000) / (2 * N)).toFixed(0).padStart(5)} µs/request wall, ${((used.user + used.system) / (2 * N)).toFixed(0).padStart(5)} µs CPU`);
  }
}
await target.close();
mock.cluster.close();
