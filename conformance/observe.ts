import { clusterFacts, databaseFacts, nodeCertificateAlert, nodeFacts, policyFacts } from './expected.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';
import type { Target } from '../api/target.ts';

/** The same decided fields, read from what the target answered. */
export const shownNode = (n: any) => ({ uid: n.uid, addr: n.addr, external_addr: [...(n.external_addr ?? [])].sort(), status: n.status });
const shownCluster = (c: any) => ({ cm_port: c.cm_port, cnm_http_port: c.cnm_http_port, cnm_https_port: c.cnm_https_port, http_support: c.http_support });
export const shownDatabase = (d: any) => ({ name: d.name, data_internode_encryption: d.data_internode_encryption, status: d.status, port: d.port });

/** A database's statuses while the cluster works on it. */
export const DATABASE_PENDING: ReadonlySet<string> = new Set(['pending', 'active-change-pending', 'delete-pending']);

/**
 * What every step checks by reading the state after it, whatever the command: each area of the
 * suite checks these too.
 */
export const OBSERVED_REQS = [
  'NODE-ADDR-002',
  'NODE-LIFE-001',
  'DB-LIFE-001',
  'ENC-DATA-001',
  'ENC-DATA-004',
  'PORT-DB-006',
  'PORT-CM-001',
  'PORT-HTTP-002',
  'CERT-ALR-001',
  'API-LOG-001',
  'API-ERR-002',
] as const;

/** How many entries `GET /v1/logs` holds now. */
export async function logLength(target: Target): Promise<number> {
  const logs = await target.api('GET', '/v1/logs');
  return Array.isArray(logs.body) ? logs.body.length : -1;
}

/**
 * Compares what the target shows with what the model predicts: nodes, databases, cluster
 * settings, policy and certificate alerts, as the suite's own projection (`expected.ts`) predicts
 * them. Where the spec leaves a choice (which free port, list order, uids) it compares
 * only what is decided.
 */
export async function observe(model: Model, target: Target, after: string): Promise<void> {
  const s = model.state;
  const nodes = await target.api('GET', '/v1/nodes');
  // Node uids as the target numbers them (a cluster the suite adopted numbered its own).
  const expectedNodes = Object.values(s.nodes)
    .map((n) => ({ ...nodeFacts(n), uid: Number(model.targetNode(n.uid)) }))
    .sort((a, b) => a.uid - b.uid);
  const actualNodes = (nodes.body as any[]).map(shownNode).sort((a, b) => a.uid - b.uid);
  if (JSON.stringify(actualNodes) !== JSON.stringify(expectedNodes)) {
    throw new Mismatch(`GET /v1/nodes after ${after}`, expectedNodes, actualNodes, ['NODE-ADDR-002', 'NODE-LIFE-001']);
  }

  const dbs = (await target.api('GET', '/v1/bdbs')).body as any[];
  for (const db of Object.values(s.databases)) {
    const actual = dbs.find((d) => String(d.uid) === model.targetDb(db.uid));
    const expected = databaseFacts(db);
    if (!actual) throw new Mismatch(`GET /v1/bdbs after ${after}: database ${db.uid} missing`, expected, dbs.map(shownDatabase), ['DB-LIFE-001']);
    const a = shownDatabase(actual);
    // A status still pending on the target where the model has finished is only slower.
    const sameStatus = a.status === expected.status || (DATABASE_PENDING.has(a.status) && expected.status === 'active');
    if (!sameStatus || a.name !== expected.name || a.data_internode_encryption !== expected.data_internode_encryption || a.port !== expected.port) {
      throw new Mismatch(`GET /v1/bdbs after ${after}: database ${db.uid}`, expected, a, ['DB-LIFE-001', 'ENC-DATA-001', 'PORT-DB-006']);
    }
  }
  // On a cluster the run adopted, a database the operator creates meanwhile is not the run's: only
  // the model's and the run's own (by prefix) are counted.
  const prefix = model.limits.namePrefix;
  const known = new Set(Object.keys(s.databases).map((uid) => model.targetDb(uid)));
  const counted = prefix ? dbs.filter((d) => known.has(String(d.uid)) || String(d.name).includes(prefix)) : dbs;
  if (counted.length !== Object.keys(s.databases).length) {
    throw new Mismatch(`GET /v1/bdbs after ${after}`, Object.keys(s.databases).length, counted.length, ['DB-LIFE-001']);
  }

  const cluster = shownCluster((await target.api('GET', '/v1/cluster')).body);
  if (JSON.stringify(cluster) !== JSON.stringify(clusterFacts(s))) {
    throw new Mismatch(`GET /v1/cluster after ${after}`, clusterFacts(s), cluster, ['PORT-CM-001', 'PORT-HTTP-002']);
  }
  // Certificate alerts: which nodes' internal certificates are below the threshold.
  const alerts = (await target.api('GET', '/v1/nodes/alerts')).body ?? {};
  const expectedAlerts = Object.fromEntries(Object.values(s.nodes).map((n) => [model.targetNode(n.uid), nodeCertificateAlert(s, n)]));
  const actualAlerts = Object.fromEntries(Object.keys(expectedAlerts).map((uid) => [uid, alerts[uid]?.node_internal_certs_about_to_expire?.state]));
  if (JSON.stringify(actualAlerts) !== JSON.stringify(expectedAlerts)) {
    throw new Mismatch(`GET /v1/nodes/alerts after ${after}`, expectedAlerts, actualAlerts, ['CERT-ALR-001', 'CERT-ROT-001', 'CERT-ROT-002']);
  }

  const policy = (await target.api('GET', '/v1/cluster/policy')).body;
  if (policy?.data_internode_encryption !== policyFacts(s).data_internode_encryption) {
    throw new Mismatch(`GET /v1/cluster/policy after ${after}`, policyFacts(s), policy, ['ENC-DATA-004']);
  }
}
