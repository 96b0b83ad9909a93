/**
 * Creating a cluster: what a 3-node cluster's certificates cost (a CA and 3 nodes x 2 planes,
 * real RSA-2048 X.509), and the time of startMockServer for 3 nodes, until it returns and until
 * its edge (CA, node certificates, internode TLS listeners) has caught up.
 */
import { performance } from 'node:perf_hooks';
import { PLANES } from '../../domain/state.ts';
import { createClusterCa, issueNodeCertificate, selfSignedApiCertificate } from '../../mock/pki/ca.ts';
import { MockCluster } from '../../mock/runtime/mockCluster.ts';
import { hostAddresses, topologyCommands } from '../../core/topology.ts';
import { startMockServer } from '../../mock/server/server.ts';
import { fmtMs, median, table, timedAsync } from '../format.ts';
import { credentials, SETTLE_MS } from './mixServer.ts';

const CERT_RUNS = 5;
const DAY_MS = 86_400_000;

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

/** Measures and prints the steps of creating a 3-node cluster. */
export async function clusterCreation(): Promise<{ pkiMs: number; startMs: number; readyMs: number }> {
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
      ['startMockServer returns, 3 nodes + 1 spare host (model + API cert + 2 listeners)', fmtMs(median(starts)), starts.map((x) => fmtMs(x)).join(', ')],
      [`startMockServer until its edge is settled (internode TLS listeners up: ${listeners} of 3)`, fmtMs(median(ready)), ready.map((x) => fmtMs(x)).join(', ')],
      ['  of which: the model (MockCluster + topology commands)', fmtMs(median(model)), model.map((x) => fmtMs(x)).join(', ')],
      ['  of which: the API certificate (selfSignedApiCertificate)', fmtMs(median(apiCert)), apiCert.map((x) => fmtMs(x)).join(', ')],
    ]),
  );
  console.log(`  libuv threadpool: ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'} threads; key generation runs there, so "together" can use every core`);
  console.log('');
  return { pkiMs: seqTotal, startMs: median(starts), readyMs: median(ready) };
}
