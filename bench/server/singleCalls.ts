/**
 * Single requests, no load: each call sent alone over HTTP, the client on the server's thread,
 * so that its time is what one request costs on a cluster of a given size.
 */
import { performance } from 'node:perf_hooks';
import type { MockServer } from '../../mock/server/server.ts';
import { median } from '../format.ts';
import { once } from './load.ts';
import { AUTH } from './mixServer.ts';

export const LATENCY_CALLS = 41;
export const LATENCY_WARMUP = 10;

export interface CallFigures {
  label: string;
  ms: number;
  bytes: number;
}

/** Sequential single calls (no load, client on this thread), median of LATENCY_CALLS after LATENCY_WARMUP. */
export async function singleCalls(server: MockServer, uid: number, failures: string[]): Promise<CallFigures[]> {
  const o = { url: server.httpUrl, auth: AUTH };
  const calls: { label: string; method: 'GET' | 'PUT'; path: string; body?: (i: number) => string }[] = [
    { label: 'GET /v1/nodes', method: 'GET', path: '/v1/nodes' },
    { label: 'GET /v1/cluster', method: 'GET', path: '/v1/cluster' },
    { label: 'GET /v1/bdbs/{uid}', method: 'GET', path: `/v1/bdbs/${uid}` },
    { label: 'GET /v1/bdbs (all)', method: 'GET', path: '/v1/bdbs' },
    { label: 'PUT /v1/bdbs/{uid} (rename)', method: 'PUT', path: `/v1/bdbs/${uid}`, body: (i) => JSON.stringify({ name: `renamed-${i}` }) },
    { label: 'PUT /v1/cluster/policy (toggle)', method: 'PUT', path: '/v1/cluster/policy', body: (i) => JSON.stringify({ data_internode_encryption: i % 2 === 0 }) },
  ];
  const out: CallFigures[] = [];
  for (const c of calls) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < LATENCY_CALLS + LATENCY_WARMUP; i++) {
      const t = performance.now();
      const a = await once(o, { kind: 'GET /v1/nodes', method: c.method, path: c.path, ...(c.body ? { body: c.body(i) } : {}) });
      const ms = performance.now() - t;
      if (a.status !== 200) failures.push(`${c.label} answered ${a.status}: ${a.body.slice(0, 200)}`);
      bytes = Buffer.byteLength(a.body);
      // A rename leaves the database pending: finish it now, outside the timing.
      server.cluster.settle();
      await server.cluster.edge?.settled();
      if (i >= LATENCY_WARMUP) times.push(ms);
    }
    out.push({ label: c.label, ms: median(times), bytes });
  }
  return out;
}
