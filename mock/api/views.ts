import { belowThreshold, daysLeft } from '../../domain/rules/certificates.ts';
import type { AlertSetting, CertificateState, ClusterState, DatabaseState, NodeState } from '../../domain/state.ts';

/** Views: the state in the real API's shapes and field names (reference/rs-api-facts.md). */

export const iso = (ms: number) => new Date(ms).toISOString();

export function nodeView(s: ClusterState, n: NodeState) {
  return {
    uid: Number(n.uid),
    addr: n.addr,
    external_addr: [...n.externalAddrs],
    status: n.status,
    use_internal_ipv6: s.family === 'ipv6',
    accept_servers: true,
    shard_count: 0,
    software_version: '7.8.0-mock',
  };
}

/** The addresses clients reach a node on: its external ones, or its internal one alone. */
export const clientAddresses = (n: NodeState): string[] => (n.externalAddrs.length ? [...n.externalAddrs] : [n.addr]);

/** The node serving a database's endpoint: the lowest-numbered active node. */
export function endpointNode(s: ClusterState): NodeState | undefined {
  return Object.values(s.nodes)
    .filter((n) => n.status === 'active')
    .sort((a, b) => Number(a.uid) - Number(b.uid))[0];
}

export function databaseView(s: ClusterState, db: DatabaseState) {
  const node = endpointNode(s);
  return {
    uid: Number(db.uid),
    name: db.name,
    memory_size: db.memorySize,
    // The API reports an assigned port as 0; the real port is the endpoint's.
    port: db.portAutoAssigned ? 0 : db.port,
    status: db.status,
    data_internode_encryption: db.dataInternodeEncryption,
    endpoints: [
      {
        uid: `${db.uid}:1`,
        dns_name: `redis-${db.port}.${s.name}`,
        port: db.port,
        addr: node ? clientAddresses(node) : [],
        addr_type: 'external',
      },
    ],
  };
}

const setting = (a: { enabled: boolean; thresholdDays: number }) => ({ enabled: a.enabled, threshold: String(a.thresholdDays) });

export function clusterView(s: ClusterState) {
  return {
    name: s.name,
    cm_port: s.config.cmPort,
    cnm_http_port: s.config.cnmHttpPort,
    cnm_https_port: s.config.cnmHttpsPort,
    http_support: s.config.httpSupport,
    alert_settings: {
      cluster_certs_about_to_expire: setting(s.alerts.clusterCertsAboutToExpire),
      node_internal_certs_about_to_expire: setting(s.alerts.nodeInternalCertsAboutToExpire),
    },
  };
}

export const policyView = (s: ClusterState) => ({ data_internode_encryption: s.policy.dataInternodeEncryption });

export function removalView(s: ClusterState, uid: string) {
  const status = s.removals[uid];
  if (!status) return undefined;
  return { name: 'remove_node', action_uid: `remove_node:${uid}`, node_uid: uid, status, progress: status === 'running' ? 50 : 100 };
}

/** Certificate names of the internal planes, as the certificates API names them. */
export const PLANE_CERT_NAMES = { control: 'ccs_internode_encryption', data: 'data_internode_encryption' } as const;

/**
 * A certificate expiry alert: it holds while it is enabled and one of `certs` has fewer days
 * left than its threshold.
 */
function certificateAlert(s: ClusterState, setting: AlertSetting, certs: readonly CertificateState[]) {
  const expiring = certs.filter((c) => belowThreshold(c, s.clock, setting.thresholdDays));
  const state = setting.enabled && expiring.length > 0;
  return {
    enabled: setting.enabled,
    state,
    severity: 'WARNING',
    change_value: {
      state,
      global_threshold: String(setting.thresholdDays),
      certs_about_to_expire: expiring.map((c) => ({ node_uid: c.nodeUid, name: PLANE_CERT_NAMES[c.plane], expires: iso(c.notAfter), days_left: daysLeft(c, s.clock) })),
    },
  };
}

/** `node_internal_certs_about_to_expire` for one node: its two internal certificates. */
export const nodeAlertsView = (s: ClusterState, n: NodeState) => ({
  node_internal_certs_about_to_expire: certificateAlert(s, s.alerts.nodeInternalCertsAboutToExpire, Object.values(s.certificates).filter((c) => c.nodeUid === n.uid)),
});

/** `cluster_certs_about_to_expire`: every internal certificate of the cluster, with its own threshold. */
export const clusterAlertsView = (s: ClusterState) => ({
  cluster_certs_about_to_expire: certificateAlert(s, s.alerts.clusterCertsAboutToExpire, Object.values(s.certificates)),
});
