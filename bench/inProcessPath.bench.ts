/**
 * What the in-process path costs per request, msw's part apart: the same GET and POST through
 * the router alone, through msw's interception of `fetch` (the in-process target), and through
 * msw's old per-route handlers matched by `getResponse`. `tsx bench/inProcessPath.bench.ts [requests]`.
 */
import { loadavg } from 'node:os';
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

// Rounds alternate between the paths, so a change in the machine's load falls on all of them; the median is printed.
const ROUNDS = 5;
const cpuPer: Record<string, number[]> = {};
const wallPer: Record<string, number[]> = {};
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, send] of Object.entries(paths)) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < N; i++) {
      await send('GET', '/v1/nodes');
      // A request each path refuses with the API's error (no such database): a POST with a body.
      await send('POST', '/v1/bdbs/999999', body);
    }
    const used = process.cpuUsage(cpu);
    // Round 0 warms up.
    if (round === 0) continue;
    (cpuPer[name] ??= []).push((used.user + used.system) / (2 * N));
    (wallPer[name] ??= []).push(((performance.now() - t) * 1000) / (2 * N));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`median of ${ROUNDS} rounds of ${2 * N} requests; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const name of Object.keys(paths)) {
  console.log(`${name.padEnd(42)} ${median(wallPer[name]!).toFixed(0).padStart(5)} µs/request wall, ${median(cpuPer[name]!).toFixed(0).padStart(5)} µs CPU`);
}
await target.close();
mock.cluster.close();
