import { belowThreshold, daysLeft } from '../domain/rules/certificates.ts';
import { PLANE_CERT_NAMES } from '../domain/rules/rotation.ts';
import type { AlertExpectation, KnownCertificate } from './alertObjects.ts';
import { SYSTEM_RESERVED } from '../domain/rules/ports.ts';
import { PLANES, type AddressFamily, type AlertSetting, type CertificateState, type ClusterState, type DatabaseState, type NodeState, type Plane } from '../domain/state.ts';

/**
 * What the API must show of the model's state: the suite's own projection, written from the
 * specification (spec/openapi.yaml's field names, spec/semantics.md's decisions), never
 * through the mock's renderers, so that a mistake in how the mock renders an object cannot
 * hide in the prediction too. Only the decided facts: whatever else an object carries is the
 * target's (versions, uptime, counters) and is not compared.
 */

/** A node's decided fields. `external_addr` is a set: its order is the target's. */
/** A node's facts; `use_internal_ipv6` is the cluster's, read-only on every node (NODE-ADDR-013). */
export const nodeFacts = (n: NodeState, family: AddressFamily) => ({
  uid: Number(n.uid),
  addr: n.addr,
  external_addr: [...n.externalAddrs].sort(),
  status: n.status,
  use_internal_ipv6: family === 'ipv6',
});

/**
 * A database's decided fields. A port the cluster assigned reads as 0; the endpoint has the real
 * one (the target's choice, once the suite adopted it: see CreateDatabase).
 */
export const databaseFacts = (d: DatabaseState) => ({
  name: d.name,
  data_internode_encryption: d.dataInternodeEncryption,
  status: d.status,
  port: d.portAutoAssigned ? 0 : d.port,
  endpoint_port: d.port,
});

/** The cluster settings the port and HTTP rules decide. */
export const clusterFacts = (s: ClusterState) => ({
  cm_port: s.config.cmPort,
  cnm_http_port: s.config.cnmHttpPort,
  cnm_https_port: s.config.cnmHttpsPort,
  http_support: s.config.httpSupport,
});

/** The pool shard processes take their ports from (PORT-TBL-001): a range, not a service's ports. */
const SHARD_PORTS = { from: 20_000, to: 29_999 } as const;

/**
 * What `system_reserved_ports` must list (PORT-TBL-003): the configured API and UI ports where
 * they are now, and of each fixed range of the port tables at least one port (a one-port range:
 * that port). A real cluster lists more (ports of its own services) and not every port of a range
 * (3337, 3338, 36380 were absent from the real answer), and not the shard pool: so these are the
 * least it lists, compared as such.
 */
export const reservedListFacts = (s: ClusterState) => ({
  configured: { cm_port: s.config.cmPort, cnm_http_port: s.config.cnmHttpPort, cnm_https_port: s.config.cnmHttpsPort },
  ranges: SYSTEM_RESERVED.filter((r) => r.from !== SHARD_PORTS.from || r.to !== SHARD_PORTS.to).map((r) => ({ from: r.from, to: r.to })),
});

/** The two certificate alerts' settings as `alert_settings` shows them (the threshold in days). */
export const alertSettingFacts = (s: ClusterState) => {
  const shown = (a: AlertSetting) => ({ enabled: a.enabled, threshold: a.thresholdDays });
  return { node_internal_certs_about_to_expire: shown(s.alerts.nodeInternalCertsAboutToExpire), cluster_certs_about_to_expire: shown(s.alerts.clusterCertsAboutToExpire) };
};

export const policyFacts = (s: ClusterState) => ({ data_internode_encryption: s.policy.dataInternodeEncryption });

/** Whether an alert holds over `certs`: it is enabled and one has fewer days left than its threshold (CERT-ALR-001). */
const alertHolds = (s: ClusterState, setting: AlertSetting, certs: readonly CertificateState[]) => setting.enabled && certs.some((c) => belowThreshold(c, s.clock, setting.thresholdDays));

/** `node_internal_certs_about_to_expire` of one node: over its own two certificates. */
export const nodeCertificateAlert = (s: ClusterState, n: NodeState): boolean =>
  alertHolds(s, s.alerts.nodeInternalCertsAboutToExpire, Object.values(s.certificates).filter((c) => c.nodeUid === n.uid));

/**
 * The certificates `node_internal_certs_about_to_expire.change_value.certs_about_to_expire` lists
 * for one node, whether or not the alert is enabled, as `name:days_left`, by name (CERT-ALR-004).
 */
export const nodeCertificatesAboutToExpire = (s: ClusterState, n: NodeState): string[] =>
  Object.values(s.certificates)
    .filter((c) => c.nodeUid === n.uid && belowThreshold(c, s.clock, s.alerts.nodeInternalCertsAboutToExpire.thresholdDays))
    .map((c) => `${PLANE_CERT_NAMES[c.plane]}:${daysLeft(c, s.clock)}`)
    .sort();

/** The internal certificates' names, as the certificates API and the alerts list them. */
const INTERNAL_NAMES: ReadonlySet<string> = new Set(Object.values(PLANE_CERT_NAMES));

/** `cluster_certs_about_to_expire`'s state and list, over the services' certificates (CERT-ALR-006). */
export const CLUSTER_ALERT_REQS = ['CERT-ALR-006'] as const;

/**
 * What a node's `node_internal_certs_about_to_expire` must show beside its state: its own two
 * internal certificates (the model holds them all) judged against its threshold, and nothing but
 * internal certificates, nothing of another node (`node_uid` where the target gives one).
 */
export const nodeAlertExpectation = (s: ClusterState, n: NodeState, targetUid: string): AlertExpectation => ({
  setting: s.alerts.nodeInternalCertsAboutToExpire,
  clock: s.clock,
  known: Object.values(s.certificates)
    .filter((c) => c.nodeUid === n.uid)
    .map((c) => ({ name: PLANE_CERT_NAMES[c.plane], notAfter: c.notAfter })),
  raiseReqs: ['CERT-ALR-001'],
  foreign: (entry) =>
    !INTERNAL_NAMES.has(String(entry?.name)) ? `not an internal certificate` : entry?.node_uid !== undefined && String(entry.node_uid) !== targetUid ? `node ${entry.node_uid}'s` : undefined,
});

/**
 * What `cluster_certs_about_to_expire` must show: the services' certificates the target shows
 * (`services`, read from its cluster object) judged against its threshold — while enabled, one
 * below raises it — and never a node's internal certificate (CERT-ALR-005). The services it
 * does not show may hold it too: a state with none of the shown below is not judged.
 */
export const clusterAlertExpectation = (s: ClusterState, services: readonly KnownCertificate[]): AlertExpectation => ({
  setting: s.alerts.clusterCertsAboutToExpire,
  clock: s.clock,
  known: services,
  raiseReqs: CLUSTER_ALERT_REQS,
  foreign: (entry) => (INTERNAL_NAMES.has(String(entry?.name)) || entry?.node_uid !== undefined ? "a node's internal certificate" : undefined),
});


/** One node's certificate of one plane as the model has it: its serial stands only for "which one". */
export interface CertificateFact {
  readonly nodeUid: string;
  readonly serial: number;
  readonly notBefore: number;
  readonly notAfter: number;
}

/**
 * The nodes' internal certificates per plane, in node order (uid), as `GET /v1/cluster/certificates`
 * bundles them (spec/control.md). The serials are the model's own numbering: a target numbers
 * its own, so only whether a certificate was replaced is compared, never the number.
 */
export function certificateFacts(s: ClusterState): Record<Plane, CertificateFact[]> {
  const nodes = Object.keys(s.nodes).sort((a, b) => Number(a) - Number(b));
  const of = (plane: Plane) =>
    nodes.flatMap((uid) => {
      const c = Object.values(s.certificates).find((x) => x.nodeUid === uid && x.plane === plane);
      return c ? [{ nodeUid: uid, serial: c.serial, notBefore: c.notBefore, notAfter: c.notAfter }] : [];
    });
  return Object.fromEntries(PLANES.map((p) => [p, of(p)])) as Record<Plane, CertificateFact[]>;
}
