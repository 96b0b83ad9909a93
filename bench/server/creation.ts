/**
 * Creating a cluster: what one RSA-2048 key costs, what a 3-node cluster's certificates cost (a
 * CA and 3 nodes x 2 planes, real X.509) with the key pool warm and drained, the time of
 * startMockServer for 3 nodes with the pool warm, until it returns and until its edge (CA, node
 * certificates, internode TLS listeners) has caught up, and a reset's, until its edge is ready
 * again (what every conformance sequence over HTTPS pays), with the pool warm and drained.
 */
import { webcrypto } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PLANES } from '../../domain/state.ts';
import { createClusterCa, issueNodeCertificate, selfSignedApiCertificate } from '../../mock/pki/ca.ts';
import { KEY_ALGORITHM, keyPool } from '../../mock/pki/keyPool.ts';
import { MockCluster } from '../../mock/runtime/mockCluster.ts';
import { hostAddresses, topologyCommands } from '../../core/topology.ts';
import { startMockServer, type MockServer } from '../../mock/server/server.ts';
import { fmtMs, median, table, timedAsync } from '../format.ts';
import { credentials, SETTLE_MS } from './mixServer.ts';

const RUNS = 5;
const DAY_MS = 86_400_000;

/** A CA and the 6 node certificates, issued together, as the edge does. */
async function threeNodeCertificates(now: number): Promise<number> {
  const start = performance.now();
  const ca = await createClusterCa('cluster.mock.local', 1, now);
  const requests = [1, 2, 3].flatMap((node) =>
    PLANES.map((plane, p) => ({ nodeUid: String(node), plane, serial: 2 + (node - 1) * 2 + p, notBefore: now, notAfter: now + 365 * DAY_MS, addr: hostAddresses(node)[0]! })),
  );
  await Promise.all(requests.map((r) => issueNodeCertificate(ca, r)));
  return performance.now() - start;
}

/** Takes every ready key and drops it: the next takes wait for keys made on demand, as before the pool. */
async function drainPool(): Promise<void> {
  await Promise.all(Array.from({ length: keyPool.ready }, () => keyPool.take()));
}

/** How long a reset of a running server takes until its edge follows the new cluster. */
async function resetUntilReady(s: MockServer): Promise<number> {
  const t = performance.now();
  const r = s.cluster.reset(topologyCommands({}, s.cluster.now()));
  if (!r.ok) throw new Error(`setup: reset refused: ${r.rejection.description}`);
  await s.cluster.edge?.settled();
  return performance.now() - t;
}

/** Measures and prints the steps of creating a 3-node cluster. */
export async function clusterCreation(): Promise<{ keyMs: number; pkiWarmMs: number; pkiDrainedMs: number; startMs: number; readyMs: number; resetWarmMs: number; resetDrainedMs: number }> {
  const now = Date.now();
  // Warm-up: the first key generation loads OpenSSL's RSA code and tsyringe's registrations.
  await keyPool.filled();
  await threeNodeCertificates(now);
  const key: number[] = [];
  const warm: number[] = [];
  const drained: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    key.push((await timedAsync(() => webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']))).ms);
    await keyPool.filled();
    warm.push(await threeNodeCertificates(now));
    await drainPool();
    drained.push(await threeNodeCertificates(now));
  }
  const apiCert: number[] = [];
  const model: number[] = [];
  const starts: number[] = [];
  const ready: number[] = [];
  const resetWarm: number[] = [];
  const resetDrained: number[] = [];
  let listeners = 0;
  for (let i = 0; i <= RUNS; i++) {
    await keyPool.filled();
    const c = await timedAsync(() => selfSignedApiCertificate({ dns: ['localhost'], ips: ['127.0.0.1', '::1'] }, Date.now()));
    const m = await timedAsync(async () => {
      const cluster = new MockCluster({ settleMs: SETTLE_MS });
      const built = cluster.execute(topologyCommands({}, cluster.now()));
      if (!built.ok) throw new Error(`setup: topology refused: ${built.rejection.description}`);
      cluster.close();
    });
    await keyPool.filled();
    const t = performance.now();
    const s = await timedAsync(() => startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: SETTLE_MS }));
    // The edge (when the server has one) works behind startMockServer: the cluster CA, each
    // node's control-plane certificate and its internode TLS listener.
    await s.value.cluster.edge?.settled();
    const readyMs = performance.now() - t;
    listeners = [1, 2, 3].filter((uid) => s.value.cluster.edge?.internode(String(uid))).length;
    await keyPool.filled();
    const rw = await resetUntilReady(s.value);
    await drainPool();
    const rd = await resetUntilReady(s.value);
    await s.value.close();
    if (i === 0) continue; // warm-up
    apiCert.push(c.ms);
    model.push(m.ms);
    starts.push(s.ms);
    ready.push(readyMs);
    resetWarm.push(rw);
    resetDrained.push(rd);
  }
  const row = (label: string, xs: number[]) => [label, fmtMs(median(xs)), xs.map((x) => fmtMs(x)).join(', ')];
  console.log(`Creating a 3-node cluster (median of ${RUNS}, after a warm-up; RSA-2048 keys, node webcrypto + @peculiar/x509; key pool of ${keyPool.size})`);
  console.log(
    table([
      ['step', 'median', 'runs'],
      row('one RSA-2048 key pair (webcrypto generateKey)', key),
      row('CA + 6 node certificates issued together, key pool warm', warm),
      row('CA + 6 node certificates issued together, key pool drained (keys made on demand)', drained),
      row('startMockServer returns, pool warm, 3 nodes + 1 spare host (model + API cert + 2 listeners)', starts),
      row(`startMockServer until its edge is settled, pool warm (internode TLS listeners up: ${listeners} of 3)`, ready),
      row('  of which: the model (MockCluster + topology commands)', model),
      row('  of which: the API certificate (selfSignedApiCertificate), pool warm', apiCert),
      row('a reset until its edge is settled (new CA, 3 control-plane certificates, listeners), pool warm', resetWarm),
      row('a reset until its edge is settled, pool drained', resetDrained),
    ]),
  );
  console.log(`  libuv threadpool: ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'} threads; key generation runs there, so keys made together can use every core`);
  console.log('');
  return {
    keyMs: median(key),
    pkiWarmMs: median(warm),
    pkiDrainedMs: median(drained),
    startMs: median(starts),
    readyMs: median(ready),
    resetWarmMs: median(resetWarm),
    resetDrainedMs: median(resetDrained),
  };
}
