/**
 * Server benchmark (`npm run bench:server`; not a test, nothing here asserts a time).
 *
 * Figures, all taken in one process so that they can be compared with each other:
 * - requests/s and p50/p99 latency of the mock server (its HTTP listener, and HTTPS separately)
 *   for a fixed 80/20 mix of reads and writes, beside a bare node:http(s) server answering the
 *   same requests with canned bodies of the same size, driven by the same client: the ratio
 *   mock/bare is the figure to watch (aim: >= 0.5) (server/throughput.ts);
 * - what creating a 3-node cluster's certificates costs (a CA and 3 nodes x 2 planes, real
 *   RSA-2048 X.509), and the time of startMockServer for 3 nodes, until it returns and until
 *   its edge (CA, node certificates, internode TLS listeners) has caught up (server/creation.ts);
 * - the memory a cluster of 50 nodes and 1,000 databases takes (with the edge: a TLS listener
 *   per node, a TCP endpoint per database), and how request latency grows with it
 *   (server/memory.ts).
 *
 * All traffic is to 127.0.0.1. The load client runs in a worker thread, so the server has the
 * main thread to itself. The run fails (exit 1) only if a request fails outright (a transport
 * error, a 5xx, a 401) or a setup step is refused: then the figures mean nothing.
 */
import { performance } from 'node:perf_hooks';
import { fmtInt, fmtKB, fmtMs, machine, table } from './format.ts';
import { CLIENT_MODE, inlineLoadClient, startLoadClient } from './server/client.ts';
import { clusterCreation } from './server/creation.ts';
import { BIG_DATABASES, BIG_NODES, memory } from './server/memory.ts';
import { SETTLE_MS } from './server/mixServer.ts';
import { throughput, type ThroughputFigures } from './server/throughput.ts';

/** Failures that make the figures meaningless; any of them makes the run exit 1. */
const failures: string[] = [];

async function main(): Promise<number> {
  const started = performance.now();
  console.log('Server benchmark');
  for (const line of machine()) console.log(line);
  console.log(
    `  all traffic to 127.0.0.1; load client: ${CLIENT_MODE === 'worker' ? 'a worker thread (the server has the main thread to itself)' : "inline (on the server's thread)"}; settleMs ${SETTLE_MS}`,
  );
  console.log('');

  // Memory first, before the load client's thread and the load runs' garbage exist.
  const mem = await memory(failures);
  const creation = await clusterCreation();
  const client = CLIENT_MODE === 'inline' ? inlineLoadClient() : startLoadClient();
  let http: ThroughputFigures;
  let https: ThroughputFigures;
  try {
    http = await throughput(client, 'http', failures);
    https = await throughput(client, 'https', failures);
  } finally {
    await client.close();
  }

  console.log('Summary');
  console.log(
    table([
      ['figure', 'value'],
      ['HTTP: mock req/s / bare req/s (aim >= 0.5)', `${http.ratio.toFixed(2)}  (${fmtInt(http.mock.rate)} vs ${fmtInt(http.bare.rate)}; p99 ${fmtMs(http.mock.p99)} vs ${fmtMs(http.bare.p99)})`],
      ['HTTPS: mock req/s / bare req/s', `${https.ratio.toFixed(2)}  (${fmtInt(https.mock.rate)} vs ${fmtInt(https.bare.rate)}; p99 ${fmtMs(https.mock.p99)} vs ${fmtMs(https.bare.p99)})`],
      ['HTTP: server CPU per request, mock / bare (aim <= 3x)', `${(http.mock.cpuUs / http.bare.cpuUs).toFixed(1)}x  (${fmtInt(http.mock.cpuUs)} us vs ${fmtInt(http.bare.cpuUs)} us; ${http.mock.cpuSource})`],
      ['HTTPS: server CPU per request, mock / bare', `${(https.mock.cpuUs / https.bare.cpuUs).toFixed(1)}x  (${fmtInt(https.mock.cpuUs)} us vs ${fmtInt(https.bare.cpuUs)} us; ${https.mock.cpuSource})`],
      ['one RSA-2048 key pair', fmtMs(creation.keyMs)],
      ['3-node cluster certificates (CA + 6): key pool warm / drained', `${fmtMs(creation.pkiWarmMs)} / ${fmtMs(creation.pkiDrainedMs)}`],
      ['startMockServer, 3 nodes, pool warm: returns / edge settled (real certificates, listeners)', `${fmtMs(creation.startMs)} / ${fmtMs(creation.readyMs)}`],
      ['a reset until its edge is settled: key pool warm / drained', `${fmtMs(creation.resetWarmMs)} / ${fmtMs(creation.resetDrainedMs)}`],
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
