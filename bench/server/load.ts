/**
 * The load the server benchmark sends: a fixed, deterministic mix of reads and writes, and the
 * client that sends it (node:http / node:https with a keep-alive agent, a fixed number of
 * requests in flight). The same code drives the mock and the bare baseline server.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export const KINDS = ['GET /v1/nodes', 'GET /v1/bdbs/{uid}', 'GET /v1/cluster', 'PUT /v1/cluster/policy', 'PUT /v1/bdbs/{uid}'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * One cycle of ten requests: 8 reads (nodes 3, one database 3, cluster 2) and 2 writes
 * (cluster policy toggle, database rename). 80% reads, 20% writes.
 */
const CYCLE: readonly Kind[] = [
  'GET /v1/nodes',
  'GET /v1/bdbs/{uid}',
  'GET /v1/cluster',
  'GET /v1/nodes',
  'GET /v1/bdbs/{uid}',
  'PUT /v1/cluster/policy',
  'GET /v1/nodes',
  'GET /v1/bdbs/{uid}',
  'GET /v1/cluster',
  'PUT /v1/bdbs/{uid}',
];

export const MIX: ReadonlyMap<Kind, number> = new Map(KINDS.map((k) => [k, CYCLE.filter((c) => c === k).length / CYCLE.length]));

export interface PlannedRequest {
  readonly kind: Kind;
  readonly method: 'GET' | 'PUT';
  readonly path: string;
  readonly body?: string;
}

/**
 * Request number `i` of a run. Databases are taken round-robin from `uids`; a database is
 * renamed once per `10 * uids.length` requests, alternating between two names, so with a
 * short settle time it is back to `active` long before it is written again. The policy
 * alternates on and off.
 */
export function requestAt(i: number, uids: readonly number[]): PlannedRequest {
  const kind = CYCLE[i % CYCLE.length]!;
  const cycle = Math.floor(i / CYCLE.length);
  const uid = uids[cycle % uids.length]!;
  switch (kind) {
    case 'GET /v1/nodes':
      return { kind, method: 'GET', path: '/v1/nodes' };
    case 'GET /v1/cluster':
      return { kind, method: 'GET', path: '/v1/cluster' };
    case 'GET /v1/bdbs/{uid}':
      return { kind, method: 'GET', path: `/v1/bdbs/${uids[(cycle * 3 + i) % uids.length]!}` };
    case 'PUT /v1/cluster/policy':
      return { kind, method: 'PUT', path: '/v1/cluster/policy', body: JSON.stringify({ data_internode_encryption: cycle % 2 === 0 }) };
    case 'PUT /v1/bdbs/{uid}': {
      const round = Math.floor(cycle / uids.length);
      return { kind, method: 'PUT', path: `/v1/bdbs/${uid}`, body: JSON.stringify({ name: `bench-${uid}-${round % 2 === 0 ? 'a' : 'b'}` }) };
    }
  }
}

export interface LoadOptions {
  /** `http://127.0.0.1:port` or `https://127.0.0.1:port`. */
  readonly url: string;
  /** The server certificate to trust, for https. */
  readonly ca?: string;
  /** The Authorization header value (the bare server ignores it, but it is sent the same). */
  readonly auth: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly uids: readonly number[];
  /** Where in the request sequence to start, so successive runs keep toggling. */
  readonly offset: number;
  /** Per-request timeout; a request over it counts as an error. */
  readonly timeoutMs?: number;
}

export interface LoadResult {
  readonly elapsedMs: number;
  /** One latency per request, in ms, in completion order (errors included at their time). */
  readonly latenciesMs: Float64Array;
  /** The kind of each of those requests, as an index into KINDS. */
  readonly kinds: Uint8Array;
  /** kind -> status -> count; status 0 is a transport error. */
  readonly statuses: Record<string, Record<string, number>>;
  readonly errors: readonly string[];
  readonly responseBytes: number;
}

interface Answer {
  status: number;
  bytes: number;
  error?: string;
}

/** Sends one request; resolves with the status, or status 0 and the error. Never rejects. */
function send(o: LoadOptions, agent: HttpAgent, r: PlannedRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const https = o.url.startsWith('https:');
    const headers: Record<string, string> = { authorization: o.auth };
    if (r.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(r.body));
    }
    const options = { method: r.method, headers, agent, timeout: o.timeoutMs ?? 10_000, ...(https && o.ca ? { ca: o.ca } : {}) };
    const onResponse = (res: IncomingMessage) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', (e) => resolve({ status: 0, bytes, error: e.message }));
    };
    const req = (https ? httpsRequest : httpRequest)(o.url + r.path, options, onResponse);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, bytes: 0, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end(r.body);
  });
}

/** Sends `requests` requests, `concurrency` at a time over a keep-alive agent. */
export async function drive(o: LoadOptions): Promise<LoadResult> {
  const https = o.url.startsWith('https:');
  const agentOptions = { keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency };
  const agent = https ? new HttpsAgent({ ...agentOptions, ...(o.ca ? { ca: o.ca } : {}) }) : new HttpAgent(agentOptions);
  const latencies = new Float64Array(o.requests);
  const kinds = new Uint8Array(o.requests);
  const statuses: Record<string, Record<string, number>> = {};
  const errors: string[] = [];
  let bytes = 0;
  let next = 0;
  let done = 0;
  const start = performance.now();
  const slot = async () => {
    while (next < o.requests) {
      const r = requestAt(o.offset + next++, o.uids);
      const t = performance.now();
      const a = await send(o, agent, r);
      latencies[done] = performance.now() - t;
      kinds[done++] = KINDS.indexOf(r.kind);
      bytes += a.bytes;
      const byStatus = (statuses[r.kind] ??= {});
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      if (a.error && errors.length < 10) errors.push(`${r.method} ${r.path}: ${a.error}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.requests) }, slot));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { elapsedMs, latenciesMs: latencies, kinds, statuses, errors, responseBytes: bytes };
}

/** One request outside a load run (to capture answers, or time a single call). */
export async function once(o: Omit<LoadOptions, 'requests' | 'concurrency' | 'uids' | 'offset'>, r: PlannedRequest): Promise<{ status: number; body: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    const https = o.url.startsWith('https:');
    const headers: Record<string, string> = { authorization: o.auth };
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    const req = (https ? httpsRequest : httpRequest)(o.url + r.path, { method: r.method, headers, timeout: o.timeoutMs ?? 10_000, ...(https && o.ca ? { ca: o.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), contentType: String(res.headers['content-type'] ?? '') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(r.body);
  });
}
