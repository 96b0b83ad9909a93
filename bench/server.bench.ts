/**
 * Server benchmark (`npm run bench:server`; not a test, nothing here asserts a time).
 *
 * Figures, all taken in one process so that they can be compared with each other:
 * - requests/s and p50/p99 latency of the mock server (its HTTP listener, and HTTPS separately)
 *   for a fixed 80/20 mix of reads and writes, beside a bare node:http(s) server answering the
 *   same requests with canned bodies of the same size, driven by the same client: the ratio
 *   mock/bare is the figure to watch (aim: >= 0.5);
 * - what creating a 3-node cluster's certificates costs (a CA and 3 nodes x 2 planes, real
 *   RSA-2048 X.509), and the time of startMockServer for 3 nodes, until it returns and until
 *   its edge (CA, node certificates, internode TLS listeners) has caught up;
 * - the memory a cluster of 50 nodes and 1,000 databases takes (with the edge: a TLS listener
 *   per node, a TCP endpoint per database), and how request latency grows with it.
 *
 * All traffic is to 127.0.0.1. The load client runs in a worker thread, so the server has the
 * main thread to itself. The run fails (exit 1) only if a request fails outright (a transport
 * error, a 5xx, a 401) or a setup step is refused: then the figures mean nothing.
 */
import { performance } from 'node:perf_hooks';
import { createClusterCa, issueNodeCertificate, selfSignedApiCertificate } from '../mock/pki/ca.ts';
import { MockCluster } from '../mock/runtime/mockCluster.ts';
import { hostAddresses, topologyCommands } from '../mock/runtime/topology.ts';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { PLANES } from '../core/state.ts';
import { routeKey, startBareServer, type CannedAnswer } from './server/bare.ts';
import { inlineLoadClient, startLoadClient, type LoadClient } from './server/client.ts';
import { KINDS, MIX, once, requestAt, type Kind, type LoadResult } from './server/load.ts';
import { fmtInt, fmtMB, fmtMs, gc, median, table, machine } from './format.ts';

/** Requests per measured run; BENCH_REQUESTS overrides it (the figures then differ). */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 8_000);
const RUNS = 5;
/** The mock reaches its pace only after a few thousand requests (JIT, heap sizing). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5_000);
/** `worker` (default): the load client in its own thread. `inline`: on the server's thread. */
const CLIENT_MODE = process.env.BENCH_CLIENT === 'inline' ? 'inline' : 'worker';
const CONCURRENCY = 16;
/** Databases the mix reads and renames. */
const MIX_DATABASES = 32;
const SETTLE_MS = 1;
const CERT_RUNS = 5;
const BIG_NODES = 50;
const BIG_DATABASES = 1_000;
const LATENCY_CALLS = 41;
const LATENCY_WARMUP = 10;

const credentials = { username: 'bench@example.com', password: 'bench-secret' };
const AUTH = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const collect = (): void => {
  gc();
  gc();
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-quantile (0..1) of a sorted array, nearest rank. */
const quantile = (sorted: Float64Array | readonly number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

const fmtKB = (bytes: number): string => (bytes >= 10_240 ? `${fmtInt(bytes / 1024)} KB` : `${(bytes / 1024).toFixed(1)} KB`);

/** Failures that make the figures meaningless; any of them makes the run exit 1. */
const failures: string[] = [];

async function timedAsync<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

// ---------------------------------------------------------------------------------------------
// 1. Throughput and latency: the mock beside a bare server, same client, same requests
// ---------------------------------------------------------------------------------------------

interface Side {
  readonly name: string;
  readonly url: string;
  readonly ca?: string;
  offset: number;
  readonly runs: { ms: number; rate: number; elu: number }[];
  readonly latencies: Float64Array[];
  readonly kinds: Uint8Array[];
  readonly statuses: Record<string, Record<string, number>>;
  readonly errors: string[];
  bytes: number;
}

const side = (name: string, url: string, ca?: string): Side => ({ name, url, ...(ca ? { ca } : {}), offset: 0, runs: [], latencies: [], kinds: [], statuses: {}, errors: [], bytes: 0 });

/** A mock with MIX_DATABASES active databases, for the mix to read and rename. */
async function mixServer(): Promise<{ server: MockServer; uids: number[] }> {
  const server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: SETTLE_MS });
  for (let i = 1; i <= MIX_DATABASES; i++) {
    const r = server.cluster.execute({ type: 'CreateDatabase', data: { name: `bench-${i}`, memorySize: 1 << 30 } });
    if (!r.ok) throw new Error(`setup: CreateDatabase refused: ${r.rejection.description}`);
  }
  server.cluster.settle();
  await server.cluster.edge?.settled();
  return { server, uids: Object.keys(server.cluster.state.databases).map(Number) };
}

/** One answer per kind from the mock: what the bare server will send back, byte for byte. */
async function capture(url: string, ca: string | undefined, uids: readonly number[]): Promise<Map<string, CannedAnswer>> {
  const answers = new Map<string, CannedAnswer>();
  for (const kind of KINDS) {
    let i = 0;
    while (requestAt(i, uids).kind !== kind) i++;
    const r = requestAt(i, uids);
    const a = await once({ url, auth: AUTH, ...(ca ? { ca } : {}) }, r);
    if (a.status !== 200) throw new Error(`setup: ${r.method} ${r.path} answered ${a.status}: ${a.body}`);
    answers.set(routeKey(r.method, r.path), { status: a.status, contentType: a.contentType, body: a.body });
  }
  return answers;
}

/**
 * One run. No full GC before it: a server that has been serving for a while is the state
 * worth measuring, and a collection just before makes the next moments slower (cold caches,
 * a shrunk young generation). Runs alternate between the two servers instead.
 */
async function runOnce(client: LoadClient, s: Side, uids: readonly number[], requests: number, record: boolean): Promise<void> {
  // Let the mock finish the renames of the previous run (settle time, then their completions).
  await sleep(20);
  const elu0 = performance.eventLoopUtilization();
  const r: LoadResult = await client.run({ url: s.url, ...(s.ca ? { ca: s.ca } : {}), auth: AUTH, requests, concurrency: CONCURRENCY, uids, offset: s.offset });
  const elu = performance.eventLoopUtilization(elu0).utilization;
  s.offset += requests;
  for (const [kind, byStatus] of Object.entries(r.statuses)) {
    for (const [status, n] of Object.entries(byStatus)) {
      const st = Number(status);
      if (st === 0 || st === 401 || st >= 500) failures.push(`${s.name}: ${kind} answered ${st === 0 ? 'a transport error' : st} ${n} times`);
    }
  }
  s.errors.push(...r.errors);
  if (!record) return;
  s.runs.push({ ms: r.elapsedMs, rate: (requests / r.elapsedMs) * 1000, elu });
  s.latencies.push(r.latenciesMs);
  s.kinds.push(r.kinds);
  s.bytes += r.responseBytes;
  for (const [kind, byStatus] of Object.entries(r.statuses)) {
    const into = (s.statuses[kind] ??= {});
    for (const [status, n] of Object.entries(byStatus)) into[status] = (into[status] ?? 0) + n;
  }
}

interface SideFigures {
  rate: number;
  /** Server thread busy time per request (event loop utilisation x wall time / requests). */
  cpuUs: number;
  p50: number;
  p99: number;
  elu: number;
  byKind: Map<Kind, { p50: number; p99: number; n: number }>;
}

function figures(s: Side): SideFigures {
  const all = new Float64Array(s.latencies.reduce((a, l) => a + l.length, 0));
  let at = 0;
  for (const l of s.latencies) {
    all.set(l, at);
    at += l.length;
  }
  const byKind = new Map<Kind, { p50: number; p99: number; n: number }>();
  KINDS.forEach((kind, k) => {
    const xs: number[] = [];
    s.latencies.forEach((l, run) => l.forEach((ms, i) => s.kinds[run]![i] === k && xs.push(ms)));
    xs.sort((a, b) => a - b);
    byKind.set(kind, { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), n: xs.length });
  });
  all.sort();
  const cpuUs = median(s.runs.map((r) => ((r.elu * r.ms) / REQUESTS) * 1000));
  return { rate: median(s.runs.map((r) => r.rate)), cpuUs, p50: quantile(all, 0.5), p99: quantile(all, 0.99), elu: s.runs.reduce((a, r) => a + r.elu, 0) / s.runs.length, byKind };
}

const statusText = (byStatus: Record<string, number> | undefined): string =>
  Object.entries(byStatus ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([st, n]) => `${st === '0' ? 'error' : st} x${fmtInt(n)}`)
    .join(', ');

async function throughput(client: LoadClient, protocol: 'http' | 'https'): Promise<{ ratio: number; mock: SideFigures; bare: SideFigures }> {
  const { server, uids } = await mixServer();
  const mockUrl = protocol === 'http' ? server.httpUrl : server.httpsUrl;
  const mockCa = protocol === 'https' ? server.certificatePem : undefined;
  const answers = await capture(mockUrl, mockCa, uids);
  const tls = protocol === 'https' ? await selfSignedApiCertificate({ dns: ['localhost'], ips: ['127.0.0.1'] }, Date.now()) : undefined;
  const bareServer = await startBareServer(answers, tls ? { key: tls.keyPem, cert: tls.certPem } : undefined);
  const bare = side(`bare node:${protocol}`, bareServer.url, tls?.certPem);
  const mock = side(`mock (${protocol} listener)`, mockUrl, mockCa);

  for (const s of [bare, mock]) await runOnce(client, s, uids, WARMUP, false);
  for (let run = 0; run < RUNS; run++) {
    // Alternate which goes first, so neither always follows the other's garbage.
    for (const s of run % 2 === 0 ? [bare, mock] : [mock, bare]) await runOnce(client, s, uids, REQUESTS, true);
  }
  const events = server.cluster.store.position;
  await bareServer.close();
  await server.close();

  const b = figures(bare);
  const m = figures(mock);
  const bytesPerRequest = (s: Side) => s.bytes / (RUNS * REQUESTS);
  console.log(
    `Throughput over ${protocol.toUpperCase()}: ${RUNS} runs x ${fmtInt(REQUESTS)} requests per server (runs alternate, after ${fmtInt(WARMUP)} warm-up each), ${CONCURRENCY} in flight, keep-alive, Basic auth, client: ${CLIENT_MODE}`,
  );
  const rows: [Side, SideFigures][] = [
    [bare, b],
    [mock, m],
  ];
  console.log(
    table([
      ['server', 'req/s (median)', 'runs (req/s)', 'p50', 'p99', 'server thread busy', CLIENT_MODE === 'worker' ? 'server CPU/request' : 'thread CPU/request (client too)', 'body/request'],
      ...rows.map(([sd, fg]) => [
        sd.name,
        fmtInt(fg.rate),
        sd.runs.map((r) => fmtInt(r.rate)).join(', '),
        fmtMs(fg.p50),
        fmtMs(fg.p99),
        `${(fg.elu * 100).toFixed(0)}%`,
        `${fmtInt(fg.cpuUs)} us`,
        `${fmtInt(bytesPerRequest(sd))} B`,
      ]),
    ]),
  );
  const ratio = m.rate / b.rate;
  // Each mock run beside the bare run next to it in time: less exposed to drift on a busy machine.
  const pairs = mock.runs.map((r, i) => r.rate / bare.runs[i]!.rate);
  console.log(`  ratio mock / bare (req/s): ${ratio.toFixed(2)}   (aim: >= 0.5);   run by run: ${pairs.map((x) => x.toFixed(2)).join(', ')}`);
  console.log(`  latency mock / bare: p50 ${(m.p50 / b.p50).toFixed(1)}x, p99 ${(m.p99 / b.p99).toFixed(1)}x;   server CPU per request mock / bare: ${(m.cpuUs / b.cpuUs).toFixed(1)}x`);
  if (CLIENT_MODE === 'worker' && b.elu < 0.9) console.log(`  (the bare server's thread was busy ${(b.elu * 100).toFixed(0)}% of the time: the client, not the bare server, set its pace)`);
  console.log('  mock, per request kind (share of the mix, latency, statuses over the measured runs):');
  console.log(
    table([
      ['kind', 'share', 'p50', 'p99', 'statuses'],
      ...KINDS.map((k) => {
        const f = m.byKind.get(k)!;
        return [`  ${k}`, `${((MIX.get(k) ?? 0) * 100).toFixed(0)}%`, fmtMs(f.p50), fmtMs(f.p99), statusText(mock.statuses[k])];
      }),
    ]),
  );
  console.log(`  bare statuses: ${statusText(Object.values(bare.statuses).reduce((acc, byStatus) => { for (const [st, n] of Object.entries(byStatus)) acc[st] = (acc[st] ?? 0) + n; return acc; }, {} as Record<string, number>))}; the mock's log grew to ${fmtInt(events)} events`);
  const errors = [...new Set([...bare.errors, ...mock.errors])];
  if (errors.length) console.log(`  errors (first few): ${errors.slice(0, 5).join('; ')}`);
  console.log('');
  return { ratio, mock: m, bare: b };
}

// ---------------------------------------------------------------------------------------------
// 2. Creating a cluster: certificates, and the server
// ---------------------------------------------------------------------------------------------

async function threeNodeCertificates(now: number, parallel: boolean): Promise<{ caMs: number; nodesMs: number }> {
  const start = performance.now();
  const ca = await createClusterCa('cluster.mock.local', 1, now);
  const caMs = performance.now() - start;
  const requests = [1, 2, 3].flatMap((node) =>
    PLANES.map((plane, p) => ({ nodeUid: String(node), plane, serial: 2 + (node - 1) * 2 + p, notBefore: now, notAfter: now + 365 * DAY_MS, addr: hostAddresses(node)[0]! })),
  );
  const t = performance.now();
  if (parallel) await Promise.all(requests.map((r) => issueNodeCertificate(ca, r)));
  else for (const r of requests) await issueNodeCertificate(ca, r);
  return { caMs, nodesMs: performance.now() - t };
}

async function clusterCreation(): Promise<{ pkiMs: number; startMs: number; readyMs: number }> {
  const now = Date.now();
  // Warm-up: the first key generation loads OpenSSL's RSA code and tsyringe's registrations.
  await threeNodeCertificates(now, false);
  const sequential: { caMs: number; nodesMs: number }[] = [];
  const parallel: { caMs: number; nodesMs: number }[] = [];
  for (let i = 0; i < CERT_RUNS; i++) {
    sequential.push(await threeNodeCertificates(now, false));
    parallel.push(await threeNodeCertificates(now, true));
  }
  const apiCert: number[] = [];
  const model: number[] = [];
  const starts: number[] = [];
  const ready: number[] = [];
  let listeners = 0;
  for (let i = 0; i <= CERT_RUNS; i++) {
    const c = await timedAsync(() => selfSignedApiCertificate({ dns: ['localhost'], ips: ['127.0.0.1', '::1'] }, Date.now()));
    const m = await timedAsync(async () => {
      const cluster = new MockCluster({ settleMs: SETTLE_MS });
      const built = cluster.execute(topologyCommands({}, cluster.now()));
      if (!built.ok) throw new Error(`setup: topology refused: ${built.rejection.description}`);
      cluster.close();
    });
    const t = performance.now();
    const s = await timedAsync(() => startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: SETTLE_MS }));
    // The edge (when the server has one) works behind startMockServer: the cluster CA, each
    // node's control-plane certificate and its internode TLS listener.
    await s.value.cluster.edge?.settled();
    const readyMs = performance.now() - t;
    listeners = [1, 2, 3].filter((uid) => s.value.cluster.edge?.internode(String(uid))).length;
    await s.value.close();
    if (i === 0) continue; // warm-up
    apiCert.push(c.ms);
    model.push(m.ms);
    starts.push(s.ms);
    ready.push(readyMs);
  }
  const seqTotal = median(sequential.map((r) => r.caMs + r.nodesMs));
  const parTotal = median(parallel.map((r) => r.caMs + r.nodesMs));
  console.log(`Creating a 3-node cluster (median of ${CERT_RUNS}, after a warm-up; RSA-2048 keys, node webcrypto + @peculiar/x509)`);
  console.log(
    table([
      ['step', 'median', 'runs'],
      ['createClusterCa (1 key + self-signed CA)', fmtMs(median(sequential.map((r) => r.caMs))), sequential.map((r) => fmtMs(r.caMs)).join(', ')],
      ['issueNodeCertificate x 6 (3 nodes x 2 planes), one after another', fmtMs(median(sequential.map((r) => r.nodesMs))), sequential.map((r) => fmtMs(r.nodesMs)).join(', ')],
      ['  per node certificate', fmtMs(median(sequential.map((r) => r.nodesMs / 6))), ''],
      ['CA + 6 node certificates, one after another', fmtMs(seqTotal), sequential.map((r) => fmtMs(r.caMs + r.nodesMs)).join(', ')],
      ['CA + 6 node certificates, the 6 issued together (Promise.all)', fmtMs(parTotal), parallel.map((r) => fmtMs(r.caMs + r.nodesMs)).join(', ')],
      ['startMockServer returns, 3 nodes + 1 spare host (model + API cert + 2 listeners)', fmtMs(median(starts)), starts.map(fmtMs).join(', ')],
      [`startMockServer until its edge is settled (internode TLS listeners up: ${listeners} of 3)`, fmtMs(median(ready)), ready.map(fmtMs).join(', ')],
      ['  of which: the model (MockCluster + topology commands)', fmtMs(median(model)), model.map(fmtMs).join(', ')],
      ['  of which: the API certificate (selfSignedApiCertificate)', fmtMs(median(apiCert)), apiCert.map(fmtMs).join(', ')],
    ]),
  );
  console.log(`  libuv threadpool: ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'} threads; key generation runs there, so "together" can use every core`);
  console.log('');
  return { pkiMs: seqTotal, startMs: median(starts), readyMs: median(ready) };
}

// ---------------------------------------------------------------------------------------------
// 3. Memory: 50 nodes, 1,000 databases; and latency as the cluster grows
// ---------------------------------------------------------------------------------------------

interface CallFigures {
  label: string;
  ms: number;
  bytes: number;
}

/** Sequential single calls (no load, client on this thread), median of LATENCY_CALLS after LATENCY_WARMUP. */
async function singleCalls(server: MockServer, uid: number): Promise<CallFigures[]> {
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

async function memory(): Promise<{ rssMB: number; heapPerDb: number; createMs: number }> {
  // Warm-up: a small cluster built and served once, so that compiling the code paths (bytecode,
  // feedback, optimised code all live in the V8 heap) is not charged to the big cluster.
  const warm = await mixServer();
  await singleCalls(warm.server, warm.uids[0]!);
  await warm.server.close();
  collect();
  const before = process.memoryUsage();
  // Everything that refers to the big server lives in this function, so that once it returns
  // nothing here holds the cluster and "after close" shows what the cluster really held.
  const big = await (async () => {
    let peakRss = before.rss;
    const t0 = performance.now();
    const server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: SETTLE_MS, topology: { nodes: BIG_NODES, spareHosts: 0 } });
    const topoMs = performance.now() - t0;
    // The edge: the cluster CA, a control-plane certificate and an internode TLS listener per node.
    const topoEdge = await timedAsync(async () => server.cluster.edge?.settled());
    collect();
    const afterTopology = process.memoryUsage();
    const createTimes: number[] = [];
    const create = performance.now();
    let last = create;
    for (let i = 1; i <= BIG_DATABASES; i++) {
      const r = server.cluster.execute({ type: 'CreateDatabase', data: { name: `db-${i}`, memorySize: 1 << 30 } });
      if (!r.ok) throw new Error(`setup: database ${i} refused: ${r.rejection.description}`);
      if (i % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (i % 250 === 0) {
        createTimes.push((performance.now() - last) / 250);
        last = performance.now();
      }
    }
    const createMs = performance.now() - create;
    const settle = performance.now();
    server.cluster.settle();
    const settleMs = performance.now() - settle;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // The edge catches up: a real TCP endpoint for every database (the work queued while the
    // synchronous loop above held the event loop).
    const endpointsEdge = await timedAsync(async () => server.cluster.edge?.settled());
    const edge = server.cluster.edge;
    const endpoints = edge ? Array.from({ length: BIG_DATABASES }, (_, i) => edge.endpoint(String(i + 1))).filter(Boolean).length : 0;
    const internode = edge ? Array.from({ length: BIG_NODES }, (_, i) => edge.internode(String(i + 1))).filter(Boolean).length : 0;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // Latency of single calls on the big cluster (the small one follows, once this one is
    // closed: both would open database endpoints on the same ports). Before the memory figure,
    // so that what serving them leaves behind is charged to the cluster, not to "after close".
    const stateJson = JSON.stringify(server.cluster.state).length;
    const events = server.cluster.store.position;
    const calls = await singleCalls(server, BIG_DATABASES / 2);
    collect();
    const after = process.memoryUsage();
    peakRss = Math.max(peakRss, after.rss);
    const active = Object.values(server.cluster.state.databases).filter((d) => d.status === 'active').length;
    if (active !== BIG_DATABASES) failures.push(`only ${active} of ${BIG_DATABASES} databases are active after settle`);
    if (edge && endpoints !== BIG_DATABASES) console.log(`  note: only ${endpoints} of ${BIG_DATABASES} database endpoints could bind their port (another process holds some of 10000-19999?)`);
    const cluster = new WeakRef(server.cluster);
    await server.close();
    return { cluster, peakRss, topoMs, topoEdgeMs: topoEdge.ms, afterTopology, createTimes, createMs, settleMs, endpointsEdgeMs: endpointsEdge.ms, endpoints, internode, after, stateJson, events, calls, hasEdge: edge !== undefined };
  })();
  await sleep(0); // a WeakRef's target is kept until the job that made it ends
  collect();
  const released = process.memoryUsage();
  const collected = big.cluster.deref() === undefined;
  if (!collected) console.log('  note: the closed cluster is still reachable (a leak, or a reference this benchmark keeps)');
  const { peakRss, afterTopology, createTimes, createMs, settleMs, endpoints, internode, after, stateJson, events } = big;
  const bigCalls = big.calls;
  const small = await mixServer();
  const smallCalls = await singleCalls(small.server, small.uids[0]!);
  await small.server.close();

  console.log(`Memory: a cluster of ${BIG_NODES} nodes and ${fmtInt(BIG_DATABASES)} databases (startMockServer, then cluster.execute(CreateDatabase) x ${fmtInt(BIG_DATABASES)}, settle; each figure after a full GC)`);
  console.log(
    table([
      ['', 'rss', 'heapUsed', 'external + arrayBuffers'],
      ['before (modules loaded, code warmed on a small cluster)', fmtMB(before.rss), fmtMB(before.heapUsed), fmtMB(before.external + before.arrayBuffers)],
      [`after the ${BIG_NODES}-node topology (no databases)`, fmtMB(afterTopology.rss), fmtMB(afterTopology.heapUsed), fmtMB(afterTopology.external + afterTopology.arrayBuffers)],
      [`after ${fmtInt(BIG_DATABASES)} databases, settled`, fmtMB(after.rss), fmtMB(after.heapUsed), fmtMB(after.external + after.arrayBuffers)],
      ['growth (after - before)', fmtMB(after.rss - before.rss), fmtMB(after.heapUsed - before.heapUsed), ''],
      ['peak rss (sampled every 50 creates and after each step)', fmtMB(peakRss), '', ''],
      ['after close', fmtMB(released.rss), fmtMB(released.heapUsed), fmtMB(released.external + released.arrayBuffers)],
    ]),
  );
  console.log(
    table([
      ['figure', 'value'],
      [`heap per database ((after ${fmtInt(BIG_DATABASES)} databases - after topology) / ${fmtInt(BIG_DATABASES)})`, fmtKB((after.heapUsed - afterTopology.heapUsed) / BIG_DATABASES)],
      [`heap released by close (state + log + snapshots + server + edge; cluster collected: ${collected ? 'yes' : 'NO'})`, fmtMB(after.heapUsed - released.heapUsed)],
      ['events in the log (topology + creations)', fmtInt(events)],
      ['state as JSON (what one snapshot holds)', fmtKB(stateJson)],
      [`time: topology of ${BIG_NODES} nodes (startMockServer returns)`, fmtMs(big.topoMs)],
      [`time: then until the edge is settled (CA + ${BIG_NODES} control-plane certificates + internode TLS listeners: ${internode} up)`, fmtMs(big.topoEdgeMs)],
      [`time: ${fmtInt(BIG_DATABASES)} x CreateDatabase`, `${fmtMs(createMs)} (${fmtMs(createMs / BIG_DATABASES)} each)`],
      ['  time per create, by quarter (databases 1-250, ..., 751-1000)', createTimes.map(fmtMs).join(', ')],
      [`time: settle (${fmtInt(BIG_DATABASES)} creations completed)`, `${fmtMs(settleMs)} (${fmtMs(settleMs / BIG_DATABASES)} each)`],
      [`time: then until the edge is settled (database endpoints listening: ${fmtInt(endpoints)})`, fmtMs(big.endpointsEdgeMs)],
    ]),
  );
  console.log(
    `Single requests, no load (HTTP, one at a time, client on the server's thread; median of ${LATENCY_CALLS} after ${LATENCY_WARMUP}): 3 nodes + ${MIX_DATABASES} databases vs ${BIG_NODES} nodes + ${fmtInt(BIG_DATABASES)}`,
  );
  console.log(
    table([
      ['request', 'small', 'body', 'big', 'body', 'big / small'],
      ...smallCalls.map((sm, i) => {
        const b = bigCalls[i]!;
        return [sm.label, fmtMs(sm.ms), fmtKB(sm.bytes), fmtMs(b.ms), fmtKB(b.bytes), `${(b.ms / sm.ms).toFixed(1)}x`];
      }),
    ]),
  );
  console.log('');
  return { rssMB: after.rss / 2 ** 20, heapPerDb: (after.heapUsed - afterTopology.heapUsed) / BIG_DATABASES, createMs };
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  console.log('Server benchmark');
  for (const line of machine()) console.log(line);
  console.log(
    `  all traffic to 127.0.0.1; load client: ${CLIENT_MODE === 'worker' ? 'a worker thread (the server has the main thread to itself)' : "inline (on the server's thread)"}; settleMs ${SETTLE_MS}`,
  );
  console.log('');

  // Memory first, before the load client's thread and the load runs' garbage exist.
  const mem = await memory();
  const creation = await clusterCreation();
  const client = CLIENT_MODE === 'inline' ? inlineLoadClient() : startLoadClient();
  let http: Awaited<ReturnType<typeof throughput>>;
  let https: Awaited<ReturnType<typeof throughput>>;
  try {
    http = await throughput(client, 'http');
    https = await throughput(client, 'https');
  } finally {
    await client.close();
  }

  console.log('Summary');
  console.log(
    table([
      ['figure', 'value'],
      ['HTTP: mock req/s / bare req/s (aim >= 0.5)', `${http.ratio.toFixed(2)}  (${fmtInt(http.mock.rate)} vs ${fmtInt(http.bare.rate)}; p99 ${fmtMs(http.mock.p99)} vs ${fmtMs(http.bare.p99)})`],
      ['HTTPS: mock req/s / bare req/s', `${https.ratio.toFixed(2)}  (${fmtInt(https.mock.rate)} vs ${fmtInt(https.bare.rate)}; p99 ${fmtMs(https.mock.p99)} vs ${fmtMs(https.bare.p99)})`],
      ['3-node cluster certificates (CA + 6), one after another', fmtMs(creation.pkiMs)],
      ['startMockServer, 3 nodes: returns / edge settled (real certificates, listeners)', `${fmtMs(creation.startMs)} / ${fmtMs(creation.readyMs)}`],
      [`rss with ${BIG_NODES} nodes + ${fmtInt(BIG_DATABASES)} databases`, `${mem.rssMB.toFixed(1)} MB (heap ${fmtKB(mem.heapPerDb)} per database)`],
      [`${fmtInt(BIG_DATABASES)} database creations`, fmtMs(mem.createMs)],
      ['whole run', fmtMs(performance.now() - started)],
    ]),
  );
  if (failures.length) {
    console.log(`\nFAILED: ${failures.length} problem(s) make the figures meaningless:`);
    for (const f of failures.slice(0, 20)) console.log(`  - ${f}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
