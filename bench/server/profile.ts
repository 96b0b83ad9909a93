/**
 * Where the mock's server thread spends its time under the benchmark's mix (`npm run
 * bench:profile`; not a test). The mock of the throughput benchmark, the same load client in a
 * worker thread, the same mix: after a warm-up, the main thread's CPU time per request is taken
 * for the mock and for the bare server (runs alternating, no profiler), then one run of the mock
 * alone is profiled on the main thread only (the inspector's profiler, so the client's thread is
 * not in it; BENCH_PROFILE=bare profiles the bare server instead). Prints the top entries (self, inclusive, by file) and writes the `.cpuprofile` to
 * `bench/out/` for Chrome DevTools.
 *
 * BENCH_PROTOCOL=https profiles the HTTPS listener; BENCH_REQUESTS and BENCH_WARMUP set the
 * sizes of the runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { selfSignedApiCertificate } from '../../mock/pki/ca.ts';
import { fmtInt, median, table } from '../format.ts';
import { routeKey, startBareServer, type CannedAnswer } from './bare.ts';
import { startLoadClient, type LoadClient } from './client.ts';
import { KINDS, once, requestAt } from './load.ts';
import { AUTH, mixServer } from './mixServer.ts';
import { summarise, type Entry } from './profileSummary.ts';
import { mainThreadCpuUs } from './threadCpu.ts';

const PROTOCOL = process.env.BENCH_PROTOCOL === 'https' ? 'https' : 'http';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5_000);
const RUNS = 3;
/** Which server the profiled run loads: the mock (default) or, BENCH_PROFILE=bare, the bare server, to compare. */
const PROFILED = process.env.BENCH_PROFILE === 'bare' ? 'bare' : 'mock';

interface Target {
  readonly url: string;
  readonly ca?: string;
  offset: number;
}

async function load(client: LoadClient, t: Target, uids: readonly number[], requests: number): Promise<number> {
  await sleep(20);
  const cpu0 = mainThreadCpuUs() ?? 0;
  const r = await client.run({ url: t.url, ...(t.ca ? { ca: t.ca } : {}), auth: AUTH, requests, concurrency: 16, uids, offset: t.offset });
  const cpu = (mainThreadCpuUs() ?? 0) - cpu0;
  t.offset += requests;
  for (const [kind, byStatus] of Object.entries(r.statuses)) {
    for (const status of Object.keys(byStatus)) if (status === '0' || Number(status) >= 500 || status === '401') throw new Error(`${kind} answered ${status}: ${r.errors[0] ?? ''}`);
  }
  return cpu / requests;
}

const rows = (entries: readonly Entry[]) => entries.map((e) => [e.name.slice(0, 110), `${(e.share * 100).toFixed(1)}%`]);

async function main(): Promise<void> {
  const { server, uids } = await mixServer();
  const mock: Target = { url: PROTOCOL === 'http' ? server.httpUrl : server.httpsUrl, ...(PROTOCOL === 'https' ? { ca: server.certificatePem } : {}), offset: 0 };
  const answers = new Map<string, CannedAnswer>();
  for (const kind of KINDS) {
    let i = 0;
    while (requestAt(i, uids).kind !== kind) i++;
    const r = requestAt(i, uids);
    const a = await once({ url: mock.url, auth: AUTH, ...(mock.ca ? { ca: mock.ca } : {}) }, r);
    answers.set(routeKey(r.method, r.path), { status: a.status, contentType: a.contentType, body: a.body });
  }
  const tls = PROTOCOL === 'https' ? await selfSignedApiCertificate({ dns: ['localhost'], ips: ['127.0.0.1'] }, Date.now()) : undefined;
  const bareServer = await startBareServer(answers, tls ? { key: tls.keyPem, cert: tls.certPem } : undefined);
  const bare: Target = { url: bareServer.url, ...(tls ? { ca: tls.certPem } : {}), offset: 0 };
  const client = startLoadClient();
  try {
    await load(client, bare, uids, WARMUP);
    await load(client, mock, uids, WARMUP);
    const cpu = { mock: [] as number[], bare: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      cpu.bare.push(await load(client, bare, uids, REQUESTS / 2));
      cpu.mock.push(await load(client, mock, uids, REQUESTS / 2));
    }
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await load(client, PROFILED === 'bare' ? bare : mock, uids, REQUESTS);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(new URL('../out/', import.meta.url), { recursive: true });
    const out = new URL(`../out/${PROFILED}-${PROTOCOL}-${Date.now()}.cpuprofile`, import.meta.url);
    writeFileSync(out, JSON.stringify(profile));

    const m = median(cpu.mock);
    const b = median(cpu.bare);
    console.log(`Mock over ${PROTOCOL.toUpperCase()}, the benchmark's mix, 16 in flight, client in a worker thread`);
    console.log(`  main thread CPU per request (median of ${RUNS} x ${fmtInt(REQUESTS / 2)}): mock ${fmtInt(m)} us (${cpu.mock.map(fmtInt).join(', ')}), bare ${fmtInt(b)} us (${cpu.bare.map(fmtInt).join(', ')}): ${(m / b).toFixed(1)}x`);
    const s = summarise(profile as never);
    const busy = s.totalUs - s.idleUs;
    console.log(`  profiled run (${PROFILED}): ${fmtInt(REQUESTS)} requests, ${fmtInt(s.totalUs / 1000)} ms sampled, ${((busy / s.totalUs) * 100).toFixed(0)}% busy; shares are of all sampled time`);
    console.log(`  written to ${out.pathname}\n`);
    console.log(table([['self time', 'share'], ...rows(s.self)]));
    console.log('');
    console.log(table([['inclusive time', 'share'], ...rows(s.inclusive)]));
    console.log('');
    console.log(table([['self time by file', 'share'], ...rows(s.byFile)]));
  } finally {
    await client.close();
    await bareServer.close();
    await server.close();
  }
}

await main();
