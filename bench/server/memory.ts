/**
 * Memory: what a cluster of 50 nodes and 1,000 databases takes (with the edge: a TLS listener
 * per node, a TCP endpoint per database), what closing it gives back, and how single-request
 * latency grows with it.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMockServer } from '../../mock/server/server.ts';
import { fmtInt, fmtKB, fmtMB, fmtMs, gc, table, timedAsync } from '../format.ts';
import { credentials, MIX_DATABASES, mixServer, SETTLE_MS } from './mixServer.ts';
import { LATENCY_CALLS, LATENCY_WARMUP, singleCalls } from './singleCalls.ts';

export const BIG_NODES = 50;
export const BIG_DATABASES = 1_000;

const collect = (): void => {
  gc();
  gc();
};

/** Measures and prints the big cluster's memory and times, and single-request latency beside a small one. */
export async function memory(failures: string[]): Promise<{ rssMB: number; heapPerDb: number; createMs: number }> {
  // Warm-up: a small cluster built and served once, so that compiling the code paths (bytecode,
  // feedback, optimised code all live in the V8 heap) is not charged to the big cluster.
  const warm = await mixServer();
  await singleCalls(warm.server, warm.uids[0]!, failures);
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
    const calls = await singleCalls(server, BIG_DATABASES / 2, failures);
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
  const smallCalls = await singleCalls(small.server, small.uids[0]!, failures);
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
      ['  time per create, by quarter (databases 1-250, ..., 751-1000)', createTimes.map((x) => fmtMs(x)).join(', ')],
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
