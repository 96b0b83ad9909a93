/**
 * Throughput and latency: the mock beside a bare server, same client, same requests. The bare
 * server answers with the mock's own bodies, captured first, so the two send the same bytes.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { selfSignedApiCertificate } from '../../mock/pki/ca.ts';
import { fmtInt, fmtMs, table } from '../format.ts';
import { routeKey, startBareServer, type CannedAnswer } from './bare.ts';
import { CLIENT_MODE, type LoadClient } from './client.ts';
import { KINDS, MIX, once, requestAt, type LoadResult } from './load.ts';
import { AUTH, mixServer } from './mixServer.ts';
import { figures, side, statusText, type Side, type SideFigures } from './side.ts';
import { mainThreadCpuUs } from './threadCpu.ts';

/** Requests per measured run; BENCH_REQUESTS overrides it (the figures then differ). */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 8_000);
const RUNS = 5;
/** The mock reaches its pace only after a few thousand requests (JIT, heap sizing). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5_000);
const CONCURRENCY = 16;

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
async function runOnce(client: LoadClient, s: Side, uids: readonly number[], requests: number, record: boolean, failures: string[]): Promise<void> {
  // Let the mock finish the renames of the previous run (settle time, then their completions).
  await sleep(20);
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = mainThreadCpuUs();
  const r: LoadResult = await client.run({ url: s.url, ...(s.ca ? { ca: s.ca } : {}), auth: AUTH, requests, concurrency: CONCURRENCY, uids, offset: s.offset });
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const cpu1 = mainThreadCpuUs();
  s.offset += requests;
  for (const [kind, byStatus] of Object.entries(r.statuses)) {
    for (const [status, n] of Object.entries(byStatus)) {
      const st = Number(status);
      if (st === 0 || st === 401 || st >= 500) failures.push(`${s.name}: ${kind} answered ${st === 0 ? 'a transport error' : st} ${n} times`);
    }
  }
  s.errors.push(...r.errors);
  if (!record) return;
  s.runs.push({ ms: r.elapsedMs, rate: (requests / r.elapsedMs) * 1000, elu, ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuUs: cpu1 - cpu0 } : {}) });
  s.latencies.push(r.latenciesMs);
  s.kinds.push(r.kinds);
  s.bytes += r.responseBytes;
  for (const [kind, byStatus] of Object.entries(r.statuses)) {
    const into = (s.statuses[kind] ??= {});
    for (const [status, n] of Object.entries(byStatus)) into[status] = (into[status] ?? 0) + n;
  }
}

export interface ThroughputFigures {
  readonly ratio: number;
  readonly mock: SideFigures;
  readonly bare: SideFigures;
}

/** Measures the mock and the bare server over one protocol and prints their figures. */
export async function throughput(client: LoadClient, protocol: 'http' | 'https', failures: string[]): Promise<ThroughputFigures> {
  const { server, uids } = await mixServer();
  const mockUrl = protocol === 'http' ? server.httpUrl : server.httpsUrl;
  const mockCa = protocol === 'https' ? server.certificatePem : undefined;
  const answers = await capture(mockUrl, mockCa, uids);
  const tls = protocol === 'https' ? await selfSignedApiCertificate({ dns: ['localhost'], ips: ['127.0.0.1'] }, Date.now()) : undefined;
  const bareServer = await startBareServer(answers, tls ? { key: tls.keyPem, cert: tls.certPem } : undefined);
  const bare = side(`bare node:${protocol}`, bareServer.url, tls?.certPem);
  const mock = side(`mock (${protocol} listener)`, mockUrl, mockCa);

  for (const s of [bare, mock]) await runOnce(client, s, uids, WARMUP, false, failures);
  for (let run = 0; run < RUNS; run++) {
    // Alternate which goes first, so neither always follows the other's garbage.
    for (const s of run % 2 === 0 ? [bare, mock] : [mock, bare]) await runOnce(client, s, uids, REQUESTS, true, failures);
  }
  const events = server.cluster.store.position;
  await bareServer.close();
  await server.close();

  const b = figures(bare, REQUESTS);
  const m = figures(mock, REQUESTS);
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
  console.log(`  latency mock / bare: p50 ${(m.p50 / b.p50).toFixed(1)}x, p99 ${(m.p99 / b.p99).toFixed(1)}x;   server CPU per request mock / bare: ${(m.cpuUs / b.cpuUs).toFixed(1)}x (${m.cpuSource})`);
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
