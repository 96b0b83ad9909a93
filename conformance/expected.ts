import { belowThreshold } from '../domain/rules/certificates.ts';
import type { ClusterState, DatabaseState, NodeState } from '../domain/state.ts';

/**
 * What the API must show of the model's state: the suite's own projection, written from the
 * specification (spec/openapi.yaml's field names, spec/semantics.md's decisions), never
 * through the mock's renderers, so that a mistake in how the mock renders an object cannot
 * hide in the prediction too. Only the decided facts: whatever else an object carries is the
 * target's (versions, uptime, counters) and is not compared.
 */

/** A node's decided fields. `external_addr` is a set: its order is the target's. */
export const nodeFacts = (n: NodeState) => ({ uid: Number(n.uid), addr: n.addr, external_addr: [...n.externalAddrs].sort(), status: n.status });

/** A database's decided fields. A port the cluster assigned reads as 0 (the endpoint has it). */
export const databaseFacts = (d: DatabaseState) => ({
  name: d.name,
  data_internode_encryption: d.dataInternodeEncryption,
  status: d.status,
  port: d.portAutoAssigned ? 0 : d.port,
});

/** The cluster settings the port and HTTP rules decide. */
export const clusterFacts = (s: ClusterState) => ({
  cm_port: s.config.cmPort,
  cnm_http_port: s.config.cnmHttpPort,
  cnm_https_port: s.config.cnmHttpsPort,
  http_support: s.config.httpSupport,
});

export const policyFacts = (s: ClusterState) => ({ data_internode_encryption: s.policy.dataInternodeEncryption });

/**
 * Whether `node_internal_certs_about_to_expire` holds for a node: the alert is enabled and one
 * of the node's internal certificates has fewer days left than its threshold (CERT-ALR-001).
 */
export function nodeCertificateAlert(s: ClusterState, n: NodeState): boolean {
  const setting = s.alerts.nodeInternalCertsAboutToExpire;
  return setting.enabled && Object.values(s.certificates).some((c) => c.nodeUid === n.uid && belowThreshold(c, s.clock, setting.thresholdDays));
}
